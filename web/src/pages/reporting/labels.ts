import type { TFunction } from 'i18next';
import type { Schemas } from '../../api/client';
import { formatRegion, formatVillage } from '../../lib/region';

export type Figure = Schemas['FigureResponse'];
export type FigureColumn = Schemas['FigureColumnResponse'];
export type FigureRow = Schemas['FigureRowResponse'];
export type Cell = FigureRow['cells'][number];

/** The figures whose rows are PPKS categories, agencies, regions…: how a row key reads (docs/reports.md). */
export function rowLabel(t: TFunction, figureId: string, row: Pick<FigureRow, 'key' | 'label'>): string {
  const { key } = row;
  if (key === 'ALL') return t('reports:row.ALL');
  switch (figureId) {
    case 'opened.byChannel':
    case 'firstResponse':
      return t(`common:channel.${key}`, { defaultValue: key });
    case 'opened.byCategory':
    case 'repeats.byCategory':
      return key === 'NONE' ? t('reports:row.noCategory') : `${key} ${t(`common:ppks.${key}`, { defaultValue: '' })}`.trim();
    case 'opened.bySex':
      return t(`common:sex.${key}`, { defaultValue: key });
    case 'opened.byAgeGroup':
      return t('reports:row.ageGroup', { group: key });
    case 'opened.byIntakePoint':
      return row.label ?? formatVillage(key);
    case 'closed.byReason':
      return key === 'UNKNOWN' ? t('reports:row.unknown') : t(`cases:closureReason.${key}`, { defaultValue: key });
    case 'caseload.byStage':
    case 'stage.duration':
      return t(`common:stage.${key}`, { defaultValue: key });
    case 'caseload.byAgency':
    case 'tasks.byAgency':
    case 'escalations.byAgency':
      return key === 'NONE' ? t('reports:row.noAgency') : t(`common:agency.${key}`, { defaultValue: key });
    case 'caseload.byCaseWorker':
      return key === 'NONE' ? t('reports:row.noWorker') : (row.label ?? key);
    case 'repatriation.sent':
    case 'repatriation.received':
    case 'regions.summary':
      return formatRegion(key);
    case 'reintegration.byType':
      return key === 'UNKNOWN' ? t('reports:row.unknown') : t(`cases:reintegrationType.${key}`, { defaultValue: key });
    case 'monitoring.outcomes':
      return t('reports:row.visit', { visit: key });
    default:
      return row.label ?? key;
  }
}

/** A column's header: escalation levels and monitoring outcomes by pattern, the rest from the catalogue. */
export function columnLabel(t: TFunction, key: string): string {
  const level = /^level(\d+)$/.exec(key);
  if (level !== null) return t('reports:column.level', { level: level[1] });
  if (['STABLE', 'CONCERN', 'RETURNED_TO_STREET'].includes(key)) return t(`cases:monitoringOutcome.${key}`);
  return t(`reports:column.${key}`, { defaultValue: key });
}

/** A cell as text: numbers in the reader's language (one decimal for hours and per cents), `<5` as it came, null as a dash. */
export function formatCell(cell: Cell, kind: FigureColumn['kind'], language: string): string {
  if (cell === null) return '–';
  if (cell === '<5') return '<5';
  const locale = language === 'en' ? 'en-GB' : 'id-ID';
  return kind === 'count' ? cell.toLocaleString(locale) : cell.toLocaleString(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
}

/**
 * What the chart draws: the per cents when the figure has any (a share says more than its counts), else
 * the hours, else the counts. Suppressed and uncomputed cells draw no bar; the table shows them.
 */
export function chartColumns(figure: Figure): number[] {
  const indexes = (kind: FigureColumn['kind']) => figure.columns.flatMap((c, i) => (c.kind === kind ? [i] : []));
  const percent = indexes('percent');
  if (percent.length > 0) return percent;
  const hours = indexes('hours');
  return hours.length > 0 ? hours : indexes('count');
}

const DIMENSIONS: Record<string, string> = {
  'opened.total': 'all',
  'opened.byChannel': 'channel',
  'opened.byCategory': 'category',
  'opened.bySex': 'sex',
  'opened.byAgeGroup': 'ageGroup',
  'opened.byIntakePoint': 'village',
  'closed.byReason': 'reason',
  'caseload.byStage': 'stage',
  'caseload.byAgency': 'agency',
  'caseload.byCaseWorker': 'worker',
  'stage.duration': 'stage',
  firstResponse: 'channel',
  'tasks.byAgency': 'agency',
  'escalations.byAgency': 'agency',
  'repatriation.sent': 'region',
  'repatriation.received': 'region',
  'reintegration.byType': 'type',
  'monitoring.outcomes': 'visit',
  'repeats.total': 'all',
  'repeats.byCategory': 'category',
  'regions.summary': 'region',
};

/** The header of a figure's first column: what its rows are (channels, agencies, regions…). */
export function dimensionLabel(t: TFunction, figureId: string): string {
  return t(`reports:dimension.${DIMENSIONS[figureId] ?? 'all'}`);
}
