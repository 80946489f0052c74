import { PPKS_CATEGORIES } from '../../../workflows/domain/ppks';
import type { ReportSection } from '../reports.service';

/**
 * The words of the monthly report (PDF and workbook) in Bahasa Indonesia: section and figure titles,
 * column headers and the names of the codes a figure's rows carry. The web app's catalogues
 * (web/src/i18n/locales/id) say the same; a code without a name here is printed as it is.
 */
export const SECTION_TITLES: Record<ReportSection, string> = {
  intake: 'Penerimaan dan penutupan kasus',
  caseload: 'Beban kasus yang masih terbuka',
  timeliness: 'Ketepatan waktu penanganan',
  reintegration: 'Pemulangan dan reintegrasi',
  repeats: 'Kasus berulang',
  regions: 'Ringkasan per kabupaten/kota',
};

type Labeller = (key: string) => string;

interface FigureText {
  title: string;
  /** The header of the row-key column. */
  rowHeader: string;
  label: Labeller;
  /** One sentence under the title: what is counted. */
  note?: string;
}

const STAGES: Record<string, string> = {
  INTAKE: 'Penerimaan',
  HEALTH_CHECK: 'Pemeriksaan kesehatan',
  MEDICAL_TREATMENT: 'Perawatan medis',
  ASSESSMENT: 'Asesmen',
  SHELTER: 'Rumah singgah / shelter',
  REHABILITATION: 'Rehabilitasi',
  REINTEGRATION: 'Reintegrasi',
  MONITORING: 'Pemantauan',
  CLOSED: 'Ditutup',
};
const CHANNELS: Record<string, string> = { RAZIA: 'Razia', COMPLAINT: 'Pengaduan', ALL: 'Semua saluran' };
const SEXES: Record<string, string> = { L: 'Laki-laki', P: 'Perempuan' };
const AGE_GROUPS: Record<string, string> = { '0-5': '0–5 tahun (anak)', '6-12': '6–12 tahun (anak)', '13-17': '13–17 tahun (anak)', '18-59': '18–59 tahun', '60+': '60 tahun ke atas' };
const CLOSURE_REASONS: Record<string, string> = {
  COMPLETED: 'Selesai (setelah pemantauan)',
  TRANSFERRED_OUT: 'Dialihkan ke daerah lain',
  REFERRED_TO_PROGRAM: 'Dirujuk ke program lain',
  ABSCONDED: 'Pergi / tidak diketahui keberadaannya',
  DECEASED: 'Meninggal dunia',
  UNFOUNDED_REPORT: 'Laporan tidak terbukti',
  UNKNOWN: 'Tidak tercatat',
};
const AGENCIES: Record<string, string> = {
  SATPOL_PP: 'Satpol PP',
  DINSOS: 'Dinas Sosial',
  DINKES: 'Dinas Kesehatan',
  DISNAKER: 'Dinas Tenaga Kerja',
  DP3AP2KB: 'DP3AP2KB',
  DISDIK: 'Dinas Pendidikan',
  DUKCAPIL: 'Dukcapil',
  FORUM_CSR: 'Forum CSR',
  PUSKESOS: 'Puskesos',
  POLRI: 'Polri',
  UPT_SPMKS: 'UPT SPMKS',
  NONE: 'Belum ditetapkan',
};
const REINTEGRATION_TYPES: Record<string, string> = {
  FAMILY_REUNIFICATION: 'Kembali ke keluarga',
  REPATRIATION: 'Pemulangan ke daerah asal',
  INSTITUTIONAL_PLACEMENT: 'Penempatan di panti/lembaga',
  INDEPENDENT_LIVING: 'Hidup mandiri',
  UNKNOWN: 'Tidak tercatat',
};
const CATEGORIES: Record<string, string> = Object.fromEntries([...PPKS_CATEGORIES.map((c): [string, string] => [c.code, `${c.name} (${c.short})`]), ['NONE', 'Belum diasesmen']]);

const from = (names: Record<string, string>): Labeller => (key) => names[key] ?? key;
const ordinal: Labeller = (key) => `Kunjungan ke-${key}`;
const total: Labeller = () => 'Jumlah';

/** Titles, row headers and row names of every figure of the API (src/reports/reports.service.ts). */
const FIGURES: Record<string, FigureText> = {
  'opened.total': { title: 'Kasus baru', rowHeader: '', label: total, note: 'Kasus yang dibuka dalam periode; anak: di bawah 18 tahun.' },
  'opened.byChannel': { title: 'Kasus baru menurut saluran', rowHeader: 'Saluran', label: from(CHANNELS) },
  'opened.byCategory': { title: 'Kasus baru menurut kategori PPKS', rowHeader: 'Kategori PPKS', label: from(CATEGORIES), note: 'Satu kasus dapat memiliki lebih dari satu kategori.' },
  'opened.bySex': { title: 'Kasus baru menurut jenis kelamin', rowHeader: 'Jenis kelamin', label: from(SEXES) },
  'opened.byAgeGroup': { title: 'Kasus baru menurut kelompok umur', rowHeader: 'Kelompok umur', label: from(AGE_GROUPS) },
  'opened.byIntakePoint': { title: 'Kasus baru menurut titik penerimaan (desa/kelurahan)', rowHeader: 'Desa/kelurahan', label: (k) => k },
  'closed.byReason': { title: 'Kasus ditutup menurut alasan penutupan', rowHeader: 'Alasan penutupan', label: from(CLOSURE_REASONS) },
  'caseload.byStage': { title: 'Kasus terbuka menurut tahap', rowHeader: 'Tahap', label: from(STAGES), note: 'Keadaan pada saat laporan dibuat.' },
  'caseload.byAgency': { title: 'Kasus terbuka menurut lembaga penanggung jawab', rowHeader: 'Lembaga', label: from(AGENCIES) },
  'caseload.byCaseWorker': { title: 'Kasus terbuka menurut pekerja sosial', rowHeader: 'Pekerja sosial', label: (k) => (k === 'NONE' ? 'Belum ditetapkan' : k) },
  'stage.duration': { title: 'Lama waktu di setiap tahap (jam)', rowHeader: 'Tahap', label: from(STAGES), note: 'Tahap yang selesai dalam periode: median dan persentil ke-90.' },
  firstResponse: { title: 'Tanggapan pertama sejak penerimaan', rowHeader: 'Saluran', label: from(CHANNELS), note: 'Batas waktu menurut protokol daerah (mis. 4 jam di Banyuwangi).' },
  'tasks.byAgency': { title: 'Tugas lembaga: diterima dan diselesaikan tepat waktu', rowHeader: 'Lembaga', label: from(AGENCIES) },
  'escalations.byAgency': { title: 'Eskalasi menurut lembaga dan tingkat', rowHeader: 'Lembaga', label: from(AGENCIES) },
  'repatriation.sent': { title: 'Pemulangan ke daerah lain (dikirim)', rowHeader: 'Daerah tujuan', label: (k) => k },
  'repatriation.received': { title: 'Pemulangan dari daerah lain (diterima)', rowHeader: 'Daerah asal', label: (k) => k },
  'reintegration.byType': { title: 'Reintegrasi menurut jenis', rowHeader: 'Jenis reintegrasi', label: from(REINTEGRATION_TYPES) },
  'monitoring.outcomes': { title: 'Hasil kunjungan pemantauan', rowHeader: 'Kunjungan', label: ordinal },
  'repeats.total': { title: 'Kasus berulang (dalam 12 bulan)', rowHeader: '', label: total, note: 'Kasus baru yang orangnya sudah memiliki kasus lain dalam 12 bulan sebelumnya.' },
  'repeats.byCategory': { title: 'Tingkat kasus berulang menurut kategori PPKS', rowHeader: 'Kategori PPKS', label: from(CATEGORIES) },
  'regions.summary': { title: 'Angka utama per kabupaten/kota', rowHeader: 'Kabupaten/kota', label: (k) => k },
};

const COLUMNS: Record<string, string> = {
  cases: 'Kasus',
  children: 'Anak',
  stays: 'Jumlah tahap selesai',
  medianHours: 'Median (jam)',
  p90Hours: 'Persentil 90 (jam)',
  responded: 'Ditanggapi',
  assessed: 'Dinilai',
  withinLimit: 'Dalam batas waktu',
  withinLimitPct: '% dalam batas',
  ordered: 'Tugas diberikan',
  claimAssessed: 'Klaim dinilai',
  claimedOnTime: 'Diklaim tepat waktu',
  claimedOnTimePct: '% klaim tepat waktu',
  completionAssessed: 'Selesai dinilai',
  completedOnTime: 'Selesai tepat waktu',
  completedOnTimePct: '% selesai tepat waktu',
  total: 'Jumlah',
  STABLE: 'Stabil',
  CONCERN: 'Perlu perhatian',
  RETURNED_TO_STREET: 'Kembali ke jalan',
  returnedToStreetPct: '% kembali ke jalan',
  linkedCases: 'Kasus tertaut ke orang',
  repeatCases: 'Kasus berulang',
  repeatPct: '% berulang',
  persons: 'Orang',
  opened: 'Kasus baru',
  closed: 'Ditutup',
  open: 'Masih terbuka',
  firstResponseAssessed: 'Tanggapan pertama dinilai',
  firstResponseWithinLimit: 'Dalam batas waktu',
  firstResponseWithinLimitPct: '% dalam batas',
};

/** The words of one figure; an unknown figure keeps its id and codes. */
export function figureText(id: string): FigureText {
  return FIGURES[id] ?? { title: id, rowHeader: '', label: (k) => k };
}

/** A column's header: escalation levels read "Tingkat 1"…, others from the list. */
export function columnTitle(key: string): string {
  const level = /^level(\d+)$/.exec(key);
  return level ? `Tingkat ${level[1]}` : (COLUMNS[key] ?? key);
}

const MONTHS = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];

/** `2026-11` → "November 2026". */
export function monthName(month: string): string {
  return `${MONTHS[Number(month.slice(5, 7)) - 1] ?? month} ${month.slice(0, 4)}`;
}

/** `2026-11-01`, `2026-11-30` → "1–30 November 2026" (one month), or both dates written out. */
export function periodText(from: string, to: string): string {
  const day = (d: string) => String(Number(d.slice(8, 10)));
  if (from.slice(0, 7) === to.slice(0, 7)) return `${day(from)}–${day(to)} ${monthName(from.slice(0, 7))}`;
  return `${day(from)} ${monthName(from.slice(0, 7))} – ${day(to)} ${monthName(to.slice(0, 7))}`;
}
