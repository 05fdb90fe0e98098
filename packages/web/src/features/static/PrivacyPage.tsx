/**
 * The privacy notice (GDPR artt. 13–14) for both the people it is about — citizens and their delegates —
 * and the operators and doctors who use the service (issue 17 §6).
 */
import { Link } from 'react-router';
import { usePageTitle } from '../../ui/usePageTitle';

export default function PrivacyPage() {
  usePageTitle('Informativa privacy');
  return (
    <article className="row">
      <div className="col-12 col-lg-9">
        <h1 className="h2">Informativa sul trattamento dei dati personali</h1>
        <p>
          Informativa ai sensi degli articoli 13 e 14 del Regolamento (UE) 2016/679 (GDPR) per i cittadini che
          chiedono o consultano un’esenzione dal ticket, per chi agisce per loro conto e per gli operatori e i
          medici che utilizzano il servizio.
        </p>
        <h2 className="h4 mt-4">Titolare e finalità</h2>
        <p>
          Titolare del trattamento è la Regione Piemonte. I dati degli assistiti sono trattati per istruire e
          decidere le pratiche di esenzione dalla partecipazione alla spesa sanitaria (ticket) e per rendere
          l’esenzione verificabile da medici e farmacie, per motivi di interesse pubblico nel settore della
          sanità (art. 9, par. 2, lett. h e g del GDPR).
        </p>

        <h2 className="h4 mt-4">Per i cittadini</h2>
        <h3 className="h5 mt-3">Quali dati</h3>
        <p>
          Dati anagrafici e codice fiscale; l’esenzione chiesta e il suo stato; i documenti allegati (per
          esempio il certificato dello specialista o il verbale di invalidità); per le esenzioni per reddito i
          dati dell’autocertificazione (nucleo familiare e reddito dell’anno precedente); le note che lei
          scrive e quelle che il distretto le indirizza.
        </p>
        <h3 className="h5 mt-3">Chi li vede</h3>
        <ul>
          <li>
            gli operatori e i medici del distretto della sua ASL, per decidere la pratica: vedono solo le
            pratiche della propria ASL;
          </li>
          <li>il medico che ha inviato la pratica per lei;</li>
          <li>
            i medici prescrittori e le farmacie vedono le esenzioni valide in una data (codice e periodo di
            validità), non i documenti né le note;
          </li>
          <li>le persone a cui lei ha dato una delega, per il tempo della delega.</li>
        </ul>
        <p>
          Le note interne del distretto e i nomi degli operatori non le vengono mostrati; le e-mail di avviso
          non contengono diagnosi né codici di patologia.
        </p>
        <h3 className="h5 mt-3">Chi ha consultato i suoi dati</h3>
        <p>
          Ogni consultazione dei suoi dati viene registrata in un registro che non può essere modificato.
          Nell’area personale, alla pagina{' '}
          <Link to="/cittadino/accessi">«Chi ha consultato i miei dati»</Link>, può vedere quando e da quale
          struttura sono stati letti.
        </p>

        <h2 className="h4 mt-4">Per gli operatori e i medici</h2>
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
