import { lazy } from 'react';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { HomeRedirect, RequireProfile, RequireSession } from './guards';
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

const router = createBrowserRouter([
  {
    element: <Layout />,
    children: [
      { index: true, element: <HomeRedirect /> },
      { path: 'accesso', element: <LoginPage /> },
      {
        path: 'profilo',
        element: (
          <RequireSession>
            <ProfilePage />
          </RequireSession>
        ),
      },
      {
        path: 'pratiche',
        element: (
          <RequireProfile>
            <SearchPage />
          </RequireProfile>
        ),
      },
      {
        path: 'pratiche/:caseNumber',
        element: (
          <RequireProfile>
            <DetailPage />
          </RequireProfile>
        ),
      },
      {
        path: 'verifica-esenzioni',
        element: (
          <RequireProfile>
            <RegistryPage />
          </RequireProfile>
        ),
      },
      {
        path: 'servizio-non-disponibile',
        element: (
          <RequireProfile>
            <NotAvailablePage />
          </RequireProfile>
        ),
      },
      { path: 'accessibilita', element: <AccessibilityPage /> },
      { path: 'privacy', element: <PrivacyPage /> },
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
