/** A Kemendagri region code as people write it: `3514` → `35.14`, `35` stays `35`. */
export function formatRegion(code: string | null | undefined): string {
  if (code === null || code === undefined || code === '') return '—';
  const digits = code.replace(/\D/g, '');
  return digits.length === 4 ? `${digits.slice(0, 2)}.${digits.slice(2)}` : code;
}

/** A Kemendagri desa/kelurahan code as people write it: `7303022005` → `73.03.02.2005`; none → `—`. */
export function formatVillage(code: string | null | undefined): string {
  if (code === null || code === undefined || code === '') return '—';
  return /^\d{10}$/.test(code) ? `${code.slice(0, 2)}.${code.slice(2, 4)}.${code.slice(4, 6)}.${code.slice(6)}` : code;
}
