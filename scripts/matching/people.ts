/**
 * A generated population for measuring the person matcher: people as Indonesian registers meet them,
 * each seen one to three times with the variants real intake produces — spelling (Muhammad/Muhamad/
 * Moh., Rizky/Rizki/Rizqi, old spelling oe/dj/tj), a dropped or added name, ages guessed a year or two
 * off, a NIK known one time and not the next — among many different people who share common names.
 * Deterministic for a seed, so two runs measure the same set.
 */

export interface GeneratedAppearance {
  /** The true person behind the appearance (what the matcher should find). */
  truth: number;
  name: string;
  sex: 'L' | 'P';
  approximateAge: number;
  nik?: string;
  /** Kab/kota the person comes from, when the intake recorded one. */
  originRegionCode?: string;
}

/** Mulberry32: a small seeded generator (Math.random cannot be seeded). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MALE = ['Muhammad', 'Ahmad', 'Rizky', 'Budi', 'Agus', 'Dedi', 'Eko', 'Joko', 'Andi', 'Hendra', 'Rudi', 'Bayu', 'Dimas', 'Fajar', 'Galih', 'Ilham', 'Yusuf', 'Slamet', 'Suparman', 'Wahyu', 'Arif', 'Taufik', 'Hadi', 'Imam', 'Kurniawan'];
const FEMALE = ['Siti', 'Nur', 'Dewi', 'Putri', 'Sri', 'Ayu', 'Rina', 'Wulan', 'Indah', 'Fitri', 'Lestari', 'Ratna', 'Yuni', 'Aisyah', 'Nabila', 'Rahmawati', 'Sulastri', 'Kartini', 'Mega', 'Anisa', 'Dian', 'Eka', 'Novi', 'Tuti', 'Wati'];
const SECOND = ['Rizky', 'Saputra', 'Pratama', 'Hidayat', 'Setiawan', 'Nugroho', 'Susanto', 'Wijaya', 'Purnomo', 'Santoso', 'Ramadhan', 'Firmansyah', 'Hakim', 'Syahputra', 'Kusuma', 'Aminah', 'Fatimah', 'Handayani', 'Maharani', 'Safitri', 'Utami', 'Puspita', 'Rahayu', 'Sari', 'Anggraini'];

/** Spellings the same name takes in different hands (Dukcapil, a Satpol PP form, a volunteer's phone). */
const SPELLINGS: readonly (readonly string[])[] = [
  ['Muhammad', 'Muhamad', 'Mohammad', 'Mohamad', 'Muhammat'],
  ['Rizky', 'Rizki', 'Rizqi', 'Riski', 'Rizqy'],
  ['Ahmad', 'Achmad', 'Akhmad'],
  ['Yusuf', 'Yusup', 'Jusuf'],
  ['Ramadhan', 'Ramadan', 'Romadhon'],
  ['Syahputra', 'Saputra', 'Syah Putra'],
  ['Aisyah', 'Aisah', 'Aisya'],
  ['Fitri', 'Fitry'],
  ['Dewi', 'Dewy'],
  ['Putri', 'Putry'],
  ['Nur', 'Nurul'],
  ['Handayani', 'Handajani'],
  ['Wahyu', 'Wahju'],
  ['Taufik', 'Taufiq', 'Topik'],
  ['Slamet', 'Selamet'],
  ['Kurniawan', 'Kurniawan'],
  ['Setiawan', 'Setyawan'],
  ['Santoso', 'Santosa'],
  ['Hidayat', 'Hidajat'],
];

/** Where people met in one regency (3514, Kabupaten Pasuruan) come from: mostly home, some from elsewhere. */
const ORIGINS = ['3514', '3514', '3514', '3575', '3578', '3510', '3507'];

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

/** Another way of writing one word: a listed spelling, or a doubled or single consonant. */
function respell(random: () => number, word: string): string {
  const family = SPELLINGS.find((spellings) => spellings.includes(word));
  if (family && random() < 0.8) return pick(random, family.filter((s) => s !== word).concat(family.length === 1 ? [word] : []));
  const doubled = word.match(/([bcdfghjklmnpqrstvwz])\1/);
  if (doubled) return word.replace(doubled[0], doubled[1]!);
  const i = 1 + Math.floor(random() * Math.max(1, word.length - 2));
  return /[bdfgklmnprst]/.test(word[i] ?? '') ? word.slice(0, i) + word[i] + word.slice(i) : word;
}

/** One variant of a full name as written at a later intake. */
function variant(random: () => number, name: string): string {
  const words = name.split(' ');
  const r = random();
  if (r < 0.45) {
    const i = Math.floor(random() * words.length);
    words[i] = respell(random, words[i]!);
  } else if (r < 0.6 && words.length > 2) {
    words.pop();
  } else if (r < 0.7) {
    words[0] = words[0] === 'Muhammad' ? 'Moh.' : words[0]!.toUpperCase();
  } else if (r < 0.8) {
    return name.toLowerCase();
  }
  return words.join(' ');
}

/** A NIK with the right shape for a birth year, sex and region (serial from the person's number). */
function nikFor(person: { sex: 'L' | 'P'; birthYear: number; origin: string; id: number }): string {
  const day = 1 + (person.id % 28) + (person.sex === 'P' ? 40 : 0);
  const month = 1 + (person.id % 12);
  const serial = String(1 + (person.id % 9999)).padStart(4, '0');
  return `${person.origin}01${String(day).padStart(2, '0')}${String(month).padStart(2, '0')}${String(person.birthYear % 100).padStart(2, '0')}${serial}`;
}

/**
 * `count` people; each appears once (most) or two or three times. Returns the appearances in the order
 * of intake: every person's first appearance before their later ones, interleaved across people.
 */
export function generatePeople(count: number, seed = 12): { people: number; appearances: GeneratedAppearance[] } {
  const random = seededRandom(seed);
  const firsts: GeneratedAppearance[] = [];
  const laters: GeneratedAppearance[] = [];
  const referenceYear = 2026;
  for (let id = 0; id < count; id++) {
    const sex = random() < 0.55 ? 'L' : 'P';
    const given = pick(random, sex === 'L' ? MALE : FEMALE);
    const words = [given, pick(random, SECOND)];
    if (random() < 0.35) words.push(pick(random, SECOND));
    const name = [...new Set(words)].join(' ');
    const birthYear = referenceYear - (6 + Math.floor(random() * 70));
    const origin = pick(random, ORIGINS);
    const hasNik = random() < 0.3;
    const nik = hasNik ? nikFor({ sex, birthYear, origin, id }) : undefined;
    const age = (): number => Math.max(0, referenceYear - birthYear + Math.round((random() - 0.5) * 3));
    const from = (): { originRegionCode?: string } => (origin !== '3514' && random() < 0.7 ? { originRegionCode: origin } : {});
    firsts.push({ truth: id, name, sex, approximateAge: age(), ...(nik ? { nik } : {}), ...from() });
    const seen = random() < 0.5 ? 1 : random() < 0.7 ? 2 : 3;
    for (let k = 1; k < seen; k++) {
      laters.push({ truth: id, name: variant(random, name), sex, approximateAge: age(), ...(nik && random() < 0.5 ? { nik } : {}), ...from() });
    }
  }
  return { people: count, appearances: [...firsts, ...laters] };
}
