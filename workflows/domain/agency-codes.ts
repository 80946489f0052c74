/**
 * Agency codes from the domain (pmks-domain §6; `UPT_SPMKS`: the regency unit to which village Puskesos
 * refer, §5.2, Bantaeng's "Sipakatau"). The list is what documentation names and what the routes that
 * take a code (`GET /agencies/:code/queue`) accept; any code matching AGENCY_CODE_FORMAT may be created
 * (extensible).
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
  'UPT_SPMKS',
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
  UPT_SPMKS: 'UPT SPMKS',
};
