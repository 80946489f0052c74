import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../lib/time';

/** An instant in the region's own zone (WIB/WITA/WIT named), machine-readable in `dateTime`; `seconds` for audit trails. */
export function DateTime({ value, regionCode, seconds = false }: { value: string | null | undefined; regionCode: string | null | undefined; seconds?: boolean }) {
  const { i18n } = useTranslation();
  if (value === null || value === undefined) return <span>—</span>;
  return <time dateTime={value}>{formatDateTime(value, regionCode, i18n.language, seconds)}</time>;
}
