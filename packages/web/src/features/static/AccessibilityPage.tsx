import { usePageTitle } from '../../ui/usePageTitle';

export default function AccessibilityPage() {
  usePageTitle('Dichiarazione di accessibilità');
  return (
    <article className="row">
      <div className="col-12 col-lg-9">
        <h1 className="h2">Dichiarazione di accessibilità</h1>
        <p>
          La Regione Piemonte si impegna a rendere accessibile il servizio «Esenzioni per patologie e
          invalidità», conformemente alla legge 9 gennaio 2004, n. 4 e alle Linee guida AgID
          sull'accessibilità degli strumenti informatici, che recepiscono la direttiva (UE) 2016/2102.
        </p>
        <h2 className="h4 mt-4">Stato di conformità</h2>
        <p>
          Il servizio è <strong>conforme</strong> ai requisiti della norma UNI CEI EN 301549 e alle WCAG 2.1
          livello AA. Ogni pagina è verificata con strumenti automatici (axe-core) a ogni rilascio ed è
          utilizzabile con la sola tastiera e con schermi larghi da 360 pixel.
        </p>
        <h2 className="h4 mt-4">Contenuti non accessibili</h2>
        <p>
          I certificati di patologia e gli allegati caricati dai cittadini sono documenti prodotti da terzi:
          la loro accessibilità dipende da chi li ha redatti.
        </p>
        <h2 className="h4 mt-4">Redazione della dichiarazione</h2>
        <p>
          Dichiarazione redatta sulla base di una autovalutazione del fornitore, aggiornata a ogni rilascio.
        </p>
        <h2 className="h4 mt-4">Feedback e recapiti</h2>
        <p>
          Per segnalare problemi di accessibilità scrivere al servizio di assistenza della propria ASL
          indicando la pagina e il problema riscontrato. In caso di risposta insoddisfacente o di mancata
          risposta entro 30 giorni è possibile inviare una segnalazione al Difensore civico per il digitale
          presso AgID.
        </p>
      </div>
    </article>
  );
}
