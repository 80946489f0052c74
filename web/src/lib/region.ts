/** A Kemendagri region code as people write it: `3514` → `35.14`, `35` stays `35`. */
export function formatRegion(code: string | null | undefined): string {
  if (code === null || code === undefined || code === '') return '—';
  const digits = code.replace(/\D/g, '');
  return digits.length === 4 ? `${digits.slice(0, 2)}.${digits.slice(2)}` : code;
}
