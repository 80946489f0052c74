/** The menu: each entry shows only to roles whose permissions the API reports for the signed-in person. */
export interface NavEntry {
  to: string;
  label: string; // key in the common catalogue
  permission: string;
  role?: string; // only this role (where a permission is shared but the screen is not)
}

export const NAV: NavEntry[] = [
  { to: '/kasus', label: 'nav.cases', permission: 'case.list' },
  { to: '/kasus/baru', label: 'nav.newCase', permission: 'case.create' },
  { to: '/kasus/razia', label: 'razia:nav.list', permission: 'razia.read' },
  { to: '/kasus/razia/baru', label: 'razia:nav.newRazia', permission: 'razia.record' },
  { to: '/tugas', label: 'nav.inbox', permission: 'task.work' },
  { to: '/pengawasan/antrean', label: 'nav.queues', permission: 'agency.queue' },
  { to: '/pengawasan/terlambat', label: 'nav.overdue', permission: 'task.assign' },
  { to: '/auditor/jejak', label: 'nav.auditEvents', permission: 'audit.read' },
  { to: '/auditor/akses', label: 'nav.accessLog', permission: 'audit.read' },
  { to: '/auditor/keamanan', label: 'nav.securityLog', permission: 'audit.read' },
  { to: '/laporan', label: 'nav.reports', permission: 'report.read' },
  { to: '/admin/pengguna', label: 'nav.users', permission: 'user.manage' },
  { to: '/admin/lembaga', label: 'nav.agencies', permission: 'agency.manage' },
  // Supervisors confirm accounts and agency API keys (two-person rule) on the admin screens, which show them only that.
  { to: '/admin/pengguna', label: 'admin:nav.confirmAccounts', permission: 'user.confirm' },
  { to: '/admin/lembaga', label: 'admin:nav.agencyKeys', permission: 'agency.credential.confirm' },
  { to: '/akun', label: 'nav.account', permission: 'self.password' },
];

/** Where each role starts after signing in. */
export function homeOf(role: string | undefined): string {
  switch (role) {
    case 'AGENCY_OFFICER':
      return '/tugas';
    case 'AUDITOR':
      return '/auditor/jejak';
    case 'ADMIN':
      return '/admin/pengguna';
    default:
      return '/kasus';
  }
}
