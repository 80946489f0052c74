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
  const offset = Number(value('offset') ?? 0);
  return {
    limit: PAGE_SIZE,
    offset: Number.isSafeInteger(offset) && offset > 0 ? offset : 0,
    stage: value('stage') as Stage | undefined,
    regionCode: value('regionCode'),
    ppksCategory: value('ppksCategory'),
    responsibleAgency: value('responsibleAgency'),
    overdue: overdue === 'true' ? true : overdue === 'false' ? false : undefined,
    repeat: repeat === 'true' ? true : repeat === 'false' ? false : undefined,
  };
}

export type FilterChanges = Partial<Record<FilterParam, string | null>>;

/** The address bar's parameters with filters changed (empty ones removed), back on the first page. */
export function withFilters(params: URLSearchParams, changes: FilterChanges): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const [name, value] of Object.entries(changes)) {
    if (name === 'q') continue; // never in the address bar (see FILTER_PARAMS)
    if (value === null || value === undefined || value.trim() === '') next.delete(name);
    else next.set(name, value.trim());
  }
  next.delete('offset');
  return next;
}
