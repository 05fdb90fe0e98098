import { usePageTitle } from '../../ui/usePageTitle';

export default function PrivacyPage() {
  usePageTitle('Informativa privacy');
  return (
    <article className="row">
      <div className="col-12 col-lg-9">
        <h1 className="h2">Informativa sul trattamento dei dati personali</h1>
        <p>
          Informativa ai sensi degli articoli 13 e 14 del Regolamento (UE) 2016/679 (GDPR) per gli operatori
          che utilizzano il backoffice «Esenzioni per patologie e invalidità».
        </p>
        <h2 className="h4 mt-4">Titolare e finalità</h2>
        <p>
          Titolare del trattamento è la Regione Piemonte. I dati degli assistiti sono trattati per istruire e
          decidere le pratiche di esenzione dalla partecipazione alla spesa sanitaria (ticket), per motivi di
          interesse pubblico nel settore della sanità (art. 9, par. 2, lett. h e g del GDPR).
        </p>
        <h2 className="h4 mt-4">Tracciamento degli accessi</h2>
        <p>
          Ai sensi del GDPR gli accessi degli operatori (ricerche, consultazioni, scaricamenti, esportazioni e
          operazioni sulle pratiche) vengono tracciati e comunicati eventualmente al cittadino che ne faccia
          richiesta, come previsto dalle Linee guida del Garante per il dossier sanitario.
        </p>
        <h2 className="h4 mt-4">Conservazione e diritti</h2>
        <p>
          I dati sono conservati per il tempo previsto dalla normativa sanitaria. L'interessato può esercitare
          i diritti di cui agli articoli 15–22 del GDPR rivolgendosi al titolare o al Responsabile della
          protezione dei dati della Regione Piemonte, e può proporre reclamo al Garante per la protezione dei
          dati personali.
        </p>
      </div>
    </article>
  );
}
