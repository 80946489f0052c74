import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { api } from '../../../api/client';
import type { Schemas } from '../../../api/client';
import { ApiError, call } from '../../../api/errors';
import type { paths } from '../../../api/schema';

export type Case = Schemas['CaseResponse'];
/** Every action the stage machine names (what a 409's allowedActions may list). */
export type AnyCaseAction = Schemas['CaseActionsResponse']['allowedActions'][number];
/**
 * The actions a case page sends as commands. `referToRegency` is a village Puskesos's step, taken from
 * its inbox (POST /tasks/{id}/refer-to-regency): it has no case endpoint.
 */
export type CaseAction = Exclude<AnyCaseAction, 'referToRegency'>;
export type CaseTask = Schemas['CaseTaskResponse'];
export type TimelineEntry = Schemas['TimelineEntryResponse'];
export type Stage = Case['stage'];

/**
 * The case's queries share the prefix ['case', id]. What depends on the case's state (actions, tasks,
 * timeline) is keyed by its version too: a newer case — from a command's answer or a refetch — reads
 * them again by itself, and the previous answer stays on screen until the new one arrives.
 */
export const caseKeys = {
  case: (id: string) => ['case', id, 'case'] as const,
  actions: (id: string, version: number) => ['case', id, 'actions', version] as const,
  tasks: (id: string, version: number) => ['case', id, 'tasks', version] as const,
  timeline: (id: string, version: number, offset: number) => ['case', id, 'timeline', version, offset] as const,
};

export const TIMELINE_PAGE = 50;

/**
 * The case itself: read when its version grows (useCaseWatch), and every 2 s while a command the API
 * accepted (202) has not reached the read model (version ≤ `waitingPast`). Every read of the case is a
 * read of personal data, recorded in the access log: it is not polled for nothing.
 */
export function useCase(id: string, waitingPast: number | null, pending = false) {
  return useQuery({
    queryKey: caseKeys.case(id),
    queryFn: () => call(api.GET('/cases/{id}', { params: { path: { id } } })),
    // A case the API accepted (202) but no worker has processed yet is not readable: wait for it up to a minute.
    retry: (count, error) => (pending && error instanceof ApiError && error.code === 'CASE_NOT_FOUND' ? count < 30 : count < 2 && error instanceof ApiError && error.code === 'NETWORK_ERROR'),
    retryDelay: 2_000,
    refetchInterval: (query) => (waitingPast !== null && (query.state.data?.version ?? 0) <= waitingPast ? 2_000 : false),
  });
}

/**
 * Agencies and timers move a case too: its version (from GET /cases/:id/actions, which holds no
 * personal data) is watched every 15 s, and the case is read again only when it grew.
 */
export function useCaseWatch(id: string, version: number | undefined) {
  const queryClient = useQueryClient();
  const watch = useQuery({
    queryKey: ['case', id, 'watch'],
    queryFn: () => call(api.GET('/cases/{id}/actions', { params: { path: { id } } })),
    refetchInterval: 15_000,
    enabled: version !== undefined,
  });
  const seen = watch.data?.version;
  useEffect(() => {
    if (seen !== undefined && version !== undefined && seen > version) void queryClient.invalidateQueries({ queryKey: caseKeys.case(id) });
  }, [seen, version, id, queryClient]);
}

/** What the signed-in person may do next: the API's answer (the stage machine for their role), never decided here. */
export function useAllowedActions(id: string, version: number | undefined) {
  return useQuery({
    queryKey: caseKeys.actions(id, version ?? 0),
    queryFn: () => call(api.GET('/cases/{id}/actions', { params: { path: { id } } })),
    enabled: version !== undefined,
    placeholderData: keepPreviousData,
  });
}

/** The case's tasks, read again every 10 s: agencies claim them and their inboxes fill after the case moved. */
export function useCaseTasks(id: string, version: number | undefined) {
  return useQuery({
    refetchInterval: 10_000,
    queryKey: caseKeys.tasks(id, version ?? 0),
    queryFn: () => call(api.GET('/cases/{id}/tasks', { params: { path: { id } } })),
    enabled: version !== undefined,
    placeholderData: keepPreviousData,
  });
}

export function useTimeline(id: string, version: number | undefined, offset: number) {
  return useQuery({
    queryKey: caseKeys.timeline(id, version ?? 0, offset),
    queryFn: () => call(api.GET('/cases/{id}/timeline', { params: { path: { id }, query: { limit: TIMELINE_PAGE, offset } } })),
    enabled: version !== undefined,
    placeholderData: keepPreviousData,
  });
}

/** Each command's endpoint, by the action name the stage machine (and a 409's allowedActions) uses. */
export const COMMAND_PATHS = {
  startHealthCheck: '/cases/{id}/start-health-check',
  recordHealthCheck: '/cases/{id}/record-health-check',
  recordRecovery: '/cases/{id}/record-recovery',
  recordAssessment: '/cases/{id}/record-assessment',
  recordReferralRefusal: '/cases/{id}/record-referral-refusal',
  extendShelterStay: '/cases/{id}/extend-shelter-stay',
  leaveShelter: '/cases/{id}/leave-shelter',
  completeRehabilitation: '/cases/{id}/complete-rehabilitation',
  acknowledgeRepatriation: '/cases/{id}/acknowledge-repatriation',
  completeReintegration: '/cases/{id}/complete-reintegration',
  recordMonitoringVisit: '/cases/{id}/record-monitoring-visit',
  closeCase: '/cases/{id}/close',
} as const satisfies Record<CaseAction, keyof paths>;

/** An allowed action the case page has an endpoint for. */
export const isCaseCommand = (action: AnyCaseAction): action is CaseAction => action in COMMAND_PATHS;

/** A command's body, as the API's OpenAPI document types it. */
export type CommandBody<A extends CaseAction> = NonNullable<paths[(typeof COMMAND_PATHS)[A]]['post']['requestBody']>['content']['application/json'];
export type CommandAnswer = Case | Schemas['CommandAcceptedResponse'];

/** Sends a command with its Idempotency-Key: 200 answers the new case, 202 that it is accepted but not readable yet. */
export function sendCommand<A extends CaseAction>(action: A, id: string, body: CommandBody<A>, idempotencyKey: string): Promise<CommandAnswer> {
  // One call site for twelve endpoints: the body was typed for this action above; openapi-fetch cannot narrow a union of paths.
  const path = COMMAND_PATHS[action] as '/cases/{id}/close';
  return call(api.POST(path, { params: { path: { id }, header: { 'Idempotency-Key': idempotencyKey } }, body: body as CommandBody<'closeCase'> }));
}

export const isAccepted = (answer: CommandAnswer): answer is Schemas['CommandAcceptedResponse'] => 'status' in answer && answer.status === 'ACCEPTED';

