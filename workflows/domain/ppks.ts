import type { Sex } from '../contracts/case';
import type { DataWarning } from './nik';

/**
 * The 26 PPKS categories (Permensos 8/2012 order; pmks-domain §2.1), with the age and sex rules that
 * sources give. The rules produce warnings, never rejections: ages change and sources disagree.
 */
interface PpksCategory {
  code: string;
  short: string;
  name: string;
  minAge?: number;
  /** Exclusive upper bound. */
  maxAge?: number;
  sex?: Sex;
}

const c = (n: number, short: string, name: string, rule: Partial<PpksCategory> = {}): PpksCategory => ({
  code: `PPKS-${String(n).padStart(2, '0')}`,
  short,
  name,
  ...rule,
});

export const PPKS_CATEGORIES: readonly PpksCategory[] = [
  c(1, 'ABT', 'Anak Balita Telantar', { maxAge: 6 }),
  c(2, 'AT', 'Anak Telantar', { minAge: 6, maxAge: 18 }),
  c(3, 'ABH', 'Anak yang Berhadapan dengan Hukum', { maxAge: 18 }),
  c(4, 'ANJAL', 'Anak Jalanan', { minAge: 5, maxAge: 18 }),
  c(5, 'ADK', 'Anak dengan Kedisabilitasan', { maxAge: 18 }),
  c(6, 'AKTK', 'Anak Korban Tindak Kekerasan atau Diperlakukan Salah', { maxAge: 18 }),
  c(7, 'AMPK', 'Anak yang Memerlukan Perlindungan Khusus', { maxAge: 18 }),
  c(8, 'LUT', 'Lanjut Usia Telantar', { minAge: 60 }),
  c(9, 'PD', 'Penyandang Disabilitas', { minAge: 18 }),
  c(10, 'TS', 'Tuna Susila', { minAge: 18 }),
  c(11, 'GEL', 'Gelandangan'),
  c(12, 'PENG', 'Pengemis'),
  c(13, 'PEMUL', 'Pemulung', { minAge: 18 }),
  c(14, 'KMIN', 'Kelompok Minoritas'),
  c(15, 'BWBLP', 'Bekas Warga Binaan Lembaga Pemasyarakatan'),
  c(16, 'ODHA', 'Orang dengan HIV/AIDS'),
  c(17, 'NAPZA', 'Korban Penyalahgunaan NAPZA'),
  c(18, 'TRAF', 'Korban Perdagangan Orang'),
  c(19, 'KTK', 'Korban Tindak Kekerasan'),
  c(20, 'PMBS', 'Pekerja Migran Bermasalah Sosial'),
  c(21, 'KBA', 'Korban Bencana Alam'),
  c(22, 'KBS', 'Korban Bencana Sosial'),
  c(23, 'PRSE', 'Perempuan Rawan Sosial Ekonomi', { sex: 'P', minAge: 18, maxAge: 60 }),
  c(24, 'FM', 'Fakir Miskin'),
  c(25, 'KBSP', 'Keluarga Bermasalah Sosial Psikologis'),
  c(26, 'KAT', 'Komunitas Adat Terpencil'),
];

const BY_CODE = new Map(PPKS_CATEGORIES.map((cat) => [cat.code, cat]));

export function isPpksCode(code: string): boolean {
  return BY_CODE.has(code);
}

/** Age and sex rules of the chosen categories, as warnings on `field`. Unknown codes are the caller's 400. */
export function ppksWarnings(codes: readonly string[], person: { sex: Sex; approximateAge: number }, field = 'ppksCategories'): DataWarning[] {
  return codes.flatMap((code) => {
    const cat = BY_CODE.get(code);
    if (cat === undefined) return [];
    const out: DataWarning[] = [];
    const age = person.approximateAge;
    if ((cat.minAge !== undefined && age < cat.minAge) || (cat.maxAge !== undefined && age >= cat.maxAge)) {
      const range = `${cat.minAge ?? 0}${cat.maxAge !== undefined ? `–${cat.maxAge - 1}` : '+'}`;
      out.push({ code: 'PPKS_AGE_UNUSUAL', field, message: `${code} (${cat.short}) is usually for ages ${range}; the person is about ${age}` });
    }
    if (cat.sex !== undefined && cat.sex !== person.sex) {
      out.push({ code: 'PPKS_SEX_UNUSUAL', field, message: `${code} (${cat.short}) applies to ${cat.sex === 'P' ? 'women' : 'men'}` });
    }
    return out;
  });
}
