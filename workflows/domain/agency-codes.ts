/**
 * Agency codes from the domain (pmks-domain §6). The list is what demo regions are seeded with and
 * what documentation names; any code matching AGENCY_CODE_FORMAT may be created (extensible).
 */
export const KNOWN_AGENCY_CODES = [
  'SATPOL_PP',
  'DINSOS',
  'DINKES',
  'DISNAKER',
  'DP3AP2KB',
  'DISDIK',
  'DUKCAPIL',
  'FORUM_CSR',
  'PUSKESOS',
  'POLRI',
] as const;

export const AGENCY_CODE_FORMAT = /^[A-Z][A-Z0-9_]{1,31}$/;

/** Display names used when seeding a region. */
export const AGENCY_NAMES: Record<(typeof KNOWN_AGENCY_CODES)[number], string> = {
  SATPOL_PP: 'Satuan Polisi Pamong Praja',
  DINSOS: 'Dinas Sosial',
  DINKES: 'Dinas Kesehatan',
  DISNAKER: 'Dinas Tenaga Kerja',
  DP3AP2KB: 'Dinas Pemberdayaan Perempuan, Perlindungan Anak, Pengendalian Penduduk dan Keluarga Berencana',
  DISDIK: 'Dinas Pendidikan',
  DUKCAPIL: 'Dinas Kependudukan dan Pencatatan Sipil',
  FORUM_CSR: 'Forum Corporate Social Responsibility',
  PUSKESOS: 'Pusat Kesejahteraan Sosial',
  POLRI: 'Kepolisian Resor',
};
