import type { paths } from '../../api/schema';
import type { Schemas } from '../../api/client';

export type CaseListQuery = NonNullable<paths['/cases']['get']['parameters']['query']>;
export type Stage = Schemas['CaseResponse']['stage'];

/** Every stage, in lifecycle order (a stage added to the API and missing here fails to compile). */
const STAGE_ORDER = {
  INTAKE: 1,
  HEALTH_CHECK: 2,
  MEDICAL_TREATMENT: 3,
  ASSESSMENT: 4,
  SHELTER: 5,
  REHABILITATION: 6,
  REINTEGRATION: 7,
  MONITORING: 8,
  CLOSED: 9,
} satisfies Record<Stage, number>;
export const STAGES = Object.keys(STAGE_ORDER) as Stage[];

/** The PPKS codes the API's filter takes (`PPKS-01` … `PPKS-26`, Permensos 8/2012 order). */
export { PPKS_CODES } from './case/options';

/**
 * The filters kept in the address bar (shareable; the back button restores them). The search text is
 * not among them: it can be a name or a NIK, which must reach no URL (browser history, bookmarks, proxy
 * logs): it is sent in the body of POST /cases/search and kept in the query cache, which is emptied
 * when the session ends.
 */
export const FILTER_PARAMS = ['stage', 'regionCode', 'ppksCategory', 'responsibleAgency', 'overdue', 'repeat'] as const;
export type FilterParam = (typeof FILTER_PARAMS)[number] | 'q';

export const PAGE_SIZE = 20;

/** Where the search text is kept: the query cache (cleared when the session ends), never a URL. */
export const SEARCH_KEY = ['case-search'] as const;

/** The API query of the address bar's parameters (empty ones left out; the API validates the rest). */
export function caseListQuery(params: URLSearchParams): CaseListQuery {
  const value = (name: string) => {
    const v = params.get(name)?.trim();
    return v === undefined || v === '' ? undefined : v;
  };
  const overdue = value('overdue');
  const repeat = value('repeat');
  // Keyset paging (the API's `after` / `before`: a case of the list); `before` wins if both are there.
  const before = value('before');
  return {
    limit: PAGE_SIZE,
    after: before === undefined ? value('after') : undefined,
    before,
    stage: value('stage') as Stage | undefined,
    regionCode: value('regionCode'),
    ppksCategory: value('ppksCategory'),
    responsibleAgency: value('responsibleAgency'),
    overdue: overdue === 'true' ? true : overdue === 'false' ? false : undefined,
    repeat: repeat === 'true' ? true : repeat === 'false' ? false : undefined,
  };
}

export type FilterChanges = Partial<Record<FilterParam, string | null>>;

/** Where the list is: the address bar's page number (1 when absent or not a page number). */
export function pageNumber(params: URLSearchParams): number {
  const page = Number(params.get('page'));
  return Number.isSafeInteger(page) && page > 1 ? page : 1;
}

/** The address bar's parameters on another page: `after` or `before` that case, or the first page (null). */
export function onPage(params: URLSearchParams, cursor: { after: string } | { before: string } | null, page: number): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const name of PAGE_PARAMS) next.delete(name);
  if (cursor !== null && page > 1) {
    for (const [name, value] of Object.entries(cursor)) next.set(name, value);
    next.set('page', String(page));
  }
  return next;
}

/** What says where the list is (reset whenever a filter changes). */
const PAGE_PARAMS = ['after', 'before', 'page', 'offset'] as const;

/** The address bar's parameters with filters changed (empty ones removed), back on the first page. */
export function withFilters(params: URLSearchParams, changes: FilterChanges): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const [name, value] of Object.entries(changes)) {
    if (name === 'q') continue; // never in the address bar (see FILTER_PARAMS)
    if (value === null || value === undefined || value.trim() === '') next.delete(name);
    else next.set(name, value.trim());
  }
  for (const name of PAGE_PARAMS) next.delete(name);
  return next;
}
