import { lazy } from 'react';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { HomeRedirect, RequireProfile, RequireSession } from './guards';
import { PublicFrame } from '../features/public/PublicLayout';
import { useSession } from './session';
import { Loading } from '../ui/Loading';
import { RequireArea } from '../features/citizen/RequireArea';
import { Layout } from './Layout';
import { SessionProvider } from './session';

const LoginPage = lazy(() => import('../features/auth/LoginPage'));
const ProfilePage = lazy(() => import('../features/auth/ProfilePage'));
const SearchPage = lazy(() => import('../features/cases-search/SearchPage'));
const DetailPage = lazy(() => import('../features/case-detail/DetailPage'));
const RegistryPage = lazy(() => import('../features/registry/RegistryPage'));
const AccessibilityPage = lazy(() => import('../features/static/AccessibilityPage'));
const PrivacyPage = lazy(() => import('../features/static/PrivacyPage'));
const NotAvailablePage = lazy(() => import('../features/static/NotAvailablePage'));
const NotFoundPage = lazy(() => import('../features/static/NotFoundPage'));
// issue 4: specialist, counter and citizen portal
const NewCertificatePage = lazy(() => import('../features/specialist/NewCertificatePage'));
const SentCasesPage = lazy(() => import('../features/specialist/SentCasesPage'));
const CounterCasePage = lazy(() => import('../features/specialist/CounterCasePage'));
const CounterDelegationsPage = lazy(() => import('../features/counter/CounterDelegationsPage'));
const MyExemptionsPage = lazy(() => import('../features/citizen/MyExemptionsPage'));
const MyCasesPage = lazy(() => import('../features/citizen/MyCasesPage'));
const MyCaseDetailPage = lazy(() => import('../features/citizen/MyCaseDetailPage'));
const NewRequestPage = lazy(() => import('../features/citizen/NewRequestPage'));
const AccessLogPage = lazy(() => import('../features/citizen/AccessLogPage'));
const NotificationsPage = lazy(() => import('../features/citizen/NotificationsPage'));
const DelegationsPage = lazy(() => import('../features/citizen/DelegationsPage'));
// issue 12 §5: the pregnancy code for prescribers; §9: the documents per family, a public page
const PregnancyPage = lazy(() => import('../features/pregnancy/PregnancyPage'));
const FamilyDocumentsPage = lazy(() => import('../features/static/FamilyDocumentsPage'));
// issue 12 §6: the Region's codes issued at the counter
const RegionalIssuePage = lazy(() => import('../features/regional/RegionalIssuePage'));
// issue 12 §8: the administrator's exempt-services files
const ExemptServicesAdminPage = lazy(() => import('../features/exempt-services/ExemptServicesAdminPage'));
// issue 12 §2, §3: the MEF list upload and the checks of self-declarations
const MefListAdminPage = lazy(() => import('../features/mef-list/MefListAdminPage'));
const PersonImportAdminPage = lazy(() => import('../features/person-directory/PersonImportAdminPage'));
// issue 13 §5: the public front door; §3: the administration
const PublicHomePage = lazy(() => import('../features/public/PublicHomePage'));
const FamiliesPage = lazy(() => import('../features/public/FamiliesPage'));
const FamilyPage = lazy(() =>
  import('../features/public/FamiliesPage').then((m) => ({ default: m.FamilyPage })),
);
const OfficesPage = lazy(() => import('../features/public/OfficesPage'));
const GuidedCheckPage = lazy(() => import('../features/public/GuidedCheckPage'));
const AdminHomePage = lazy(() => import('../features/administration/AdminHomePage'));
const UsersAdminPage = lazy(() => import('../features/administration/UsersAdminPage'));
const OfficesAdminPage = lazy(() => import('../features/administration/OfficesAdminPage'));
const ApiKeysAdminPage = lazy(() => import('../features/administration/ApiKeysAdminPage'));
const ParametersAdminPage = lazy(() => import('../features/administration/ParametersAdminPage'));
const AuditAdminPage = lazy(() => import('../features/administration/AuditAdminPage'));
const FailedDeliveriesPage = lazy(() => import('../features/administration/FailedDeliveriesPage'));
const DeclarationChecksPage = lazy(() => import('../features/declaration-checks/DeclarationChecksPage'));
// issue 12 §1: income self-declarations at the counter and online
const CounterIncomePage = lazy(() => import('../features/income/CounterIncomePage'));
const CitizenIncomePage = lazy(() => import('../features/income/CitizenIncomePage'));
// issue 15: the statistics dashboard (recharts only in this chunk)
const StatisticsPage = lazy(() => import('../features/statistics/StatisticsPage'));

/**
 * A page of one area: signed in, with a profile that may open it (roles.ts canOpen); any other profile
 * goes to its own home before anything of the page is rendered (issue 17 §5).
 */
const area = (page: React.ReactNode) => (
  <RequireProfile>
    <RequireArea>{page}</RequireArea>
  </RequireProfile>
);

/** `/`: the public home for anonymous visitors (issue 13 §5); signed-in users go on to their own home. */
function RootHome() {
  const { session } = useSession();
  if (session === undefined) return <Loading />;
  if (session === null) return <PublicHomePage />;
  return <HomeRedirect />;
}

const router = createBrowserRouter([
  {
    element: <PublicFrame />,
    children: [
      { index: true, element: <RootHome /> },
      { path: 'esenzioni', element: <FamiliesPage /> },
      { path: 'esenzioni/:famiglia', element: <FamilyPage /> },
      { path: 'sportelli', element: <OfficesPage /> },
      { path: 'quale-esenzione', element: <GuidedCheckPage /> },
    ],
  },
  {
    element: <Layout />,
    children: [
      { path: 'accesso', element: <LoginPage /> },
      {
        path: 'profilo',
        element: (
          <RequireSession>
            <ProfilePage />
          </RequireSession>
        ),
      },
      { path: 'pratiche', element: area(<SearchPage />) },
      { path: 'pratiche/:caseNumber', element: area(<DetailPage />) },
      { path: 'verifica-esenzioni', element: area(<RegistryPage />) },
      {
        path: 'servizio-non-disponibile',
        element: (
          <RequireProfile>
            <NotAvailablePage />
          </RequireProfile>
        ),
      },
      { path: 'specialista/nuovo-certificato', element: area(<NewCertificatePage />) },
      { path: 'specialista/pratiche-inviate', element: area(<SentCasesPage />) },
      { path: 'sportello/nuova-pratica', element: area(<CounterCasePage />) },
      { path: 'sportello/deleghe', element: area(<CounterDelegationsPage />) },
      { path: 'sportello/codici-regionali', element: area(<RegionalIssuePage />) },
      { path: 'sportello/esenzione-reddito', element: area(<CounterIncomePage />) },
      { path: 'cittadino/esenzioni', element: area(<MyExemptionsPage />) },
      { path: 'cittadino/pratiche', element: area(<MyCasesPage />) },
      { path: 'cittadino/pratiche/:caseNumber', element: area(<MyCaseDetailPage />) },
      { path: 'cittadino/nuova-richiesta', element: area(<NewRequestPage />) },
      { path: 'cittadino/esenzione-reddito', element: area(<CitizenIncomePage />) },
      { path: 'cittadino/accessi', element: area(<AccessLogPage />) },
      { path: 'cittadino/notifiche', element: area(<NotificationsPage />) },
      { path: 'notifiche', element: area(<NotificationsPage />) },
      { path: 'cittadino/deleghe', element: area(<DelegationsPage />) },
      { path: 'codice-gravidanza', element: area(<PregnancyPage />) },
      { path: 'amministrazione', element: area(<AdminHomePage />) },
      { path: 'amministrazione/utenti', element: area(<UsersAdminPage />) },
      { path: 'amministrazione/sportelli', element: area(<OfficesAdminPage />) },
      { path: 'amministrazione/chiavi-api', element: area(<ApiKeysAdminPage />) },
      { path: 'amministrazione/parametri', element: area(<ParametersAdminPage />) },
      { path: 'amministrazione/registro', element: area(<AuditAdminPage />) },
      { path: 'amministrazione/invii-non-riusciti', element: area(<FailedDeliveriesPage />) },
      { path: 'amministrazione/prestazioni-esenti', element: area(<ExemptServicesAdminPage />) },
      { path: 'amministrazione/elenco-mef', element: area(<MefListAdminPage />) },
      { path: 'amministrazione/anagrafe-assistiti', element: area(<PersonImportAdminPage />) },
      { path: 'controlli-autocertificazioni', element: area(<DeclarationChecksPage />) },
      { path: 'statistiche', element: area(<StatisticsPage />) },
      { path: 'accessibilita', element: <AccessibilityPage /> },
      { path: 'privacy', element: <PrivacyPage /> },
      { path: 'documenti-esenzioni', element: <FamilyDocumentsPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

export function App() {
  return (
    <SessionProvider>
      <RouterProvider router={router} />
    </SessionProvider>
  );
}
