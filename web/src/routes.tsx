import { Button, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { createBrowserRouter, Link, Navigate, useLocation } from 'react-router';
import type { ReactNode } from 'react';
import { useMe, useSignedIn } from './auth/useMe';
import { Shell } from './layout/Shell';
import { homeOf } from './layout/nav';
import { AgenciesPage } from './pages/admin/AgenciesPage';
import { AgencyPage } from './pages/admin/AgencyPage';
import { UsersPage } from './pages/admin/UsersPage';
import { AccessLogPage } from './pages/audit/AccessLogPage';
import { AuditCasePage } from './pages/audit/AuditCasePage';
import { AuditEventsPage } from './pages/audit/AuditEventsPage';
import { SecurityLogPage } from './pages/audit/SecurityLogPage';
import { AccountPage } from './pages/auth/AccountPage';
import { LoginPage } from './pages/auth/LoginPage';
import { SetupPasswordPage } from './pages/auth/SetupPasswordPage';
import { CaseListPage } from './pages/cases/CaseListPage';
import { CasePage } from './pages/cases/CasePage';
import { OpenCasePage } from './pages/cases/OpenCasePage';
import { NewRaziaPage } from './pages/razia/NewRaziaPage';
import { RaziaPage } from './pages/razia/RaziaPage';
import { RaziaListPage } from './pages/razia/RaziaListPage';
import { PersonPage } from './pages/persons/PersonPage';
import { OverduePage } from './pages/supervisor/OverduePage';
import { QueuesPage } from './pages/supervisor/QueuesPage';
import { ReportsPage } from './pages/reporting/ReportsPage';
import { InboxPage } from './pages/tasks/InboxPage';

/** Signed-in screens only: otherwise to the login page, coming back here afterwards. */
function RequireAuth({ children }: { children: ReactNode }) {
  const signedIn = useSignedIn();
  const location = useLocation();
  if (!signedIn) return <Navigate to={`/masuk?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return children;
}

function Home() {
  const me = useMe();
  if (me.data === undefined) return <Text>{me.isError ? '' : '…'}</Text>;
  return <Navigate to={homeOf(me.data.role)} replace />;
}

function NotFound() {
  const { t } = useTranslation();
  return (
    <Stack align="flex-start">
      <Text>{t('state.notFound')}</Text>
      <Button component={Link} to="/" variant="default">
        {t('state.home')}
      </Button>
    </Stack>
  );
}

/**
 * Client-side routes. Their first segments (`masuk`, `kasus`, `orang`, `tugas`, …) are never API paths, so
 * the API serves index.html for them (src/api/web-app.ts keeps the same list).
 */
export const router = createBrowserRouter([
  { path: '/masuk', element: <LoginPage /> },
  { path: '/atur-sandi', element: <SetupPasswordPage /> },
  {
    path: '/',
    element: (
      <RequireAuth>
        <Shell />
      </RequireAuth>
    ),
    children: [
      { index: true, element: <Home /> },
      { path: 'kasus', element: <CaseListPage /> },
      { path: 'kasus/baru', element: <OpenCasePage /> },
      // Under kasus/: the API owns /razia (its paths and the web app's never share a first segment).
      { path: 'kasus/razia', element: <RaziaListPage /> },
      { path: 'kasus/razia/baru', element: <NewRaziaPage /> },
      { path: 'kasus/razia/:id', element: <RaziaPage /> },
      { path: 'kasus/:id', element: <CasePage /> },
      { path: 'orang/:id', element: <PersonPage /> },
      { path: 'tugas', element: <InboxPage /> },
      { path: 'pengawasan/antrean', element: <QueuesPage /> },
      { path: 'pengawasan/terlambat', element: <OverduePage /> },
      { path: 'auditor/jejak', element: <AuditEventsPage /> },
      { path: 'auditor/kasus/:id', element: <AuditCasePage /> },
      { path: 'auditor/akses', element: <AccessLogPage /> },
      { path: 'auditor/keamanan', element: <SecurityLogPage /> },
      { path: 'laporan', element: <ReportsPage /> },
      { path: 'admin/pengguna', element: <UsersPage /> },
      { path: 'admin/lembaga', element: <AgenciesPage /> },
      { path: 'admin/lembaga/:id', element: <AgencyPage /> },
      { path: 'akun', element: <AccountPage /> },
      { path: '*', element: <NotFound /> },
    ],
  },
]);
