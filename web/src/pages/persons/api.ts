import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Schemas } from '../../api/client';
import { call } from '../../api/errors';
import { downloadFile } from '../../lib/download';

export type Candidate = Schemas['PersonCandidateResponse'];
export type Repeat = Schemas['RepeatResponse'];
export type Person = Schemas['RegisteredPersonResponse'];
export type PersonCase = Schemas['PersonCaseResponse'];

export const personKeys = {
  candidates: (caseId: string) => ['case', caseId, 'person-candidates'] as const,
  person: (id: string) => ['person', id] as const,
};

/** The registered people a case's person may be (read while the case's person is undecided). */
export function usePersonCandidates(caseId: string, enabled: boolean) {
  return useQuery({
    queryKey: personKeys.candidates(caseId),
    queryFn: () => call(api.GET('/cases/{id}/person-candidates', { params: { path: { id: caseId } } })),
    enabled,
  });
}

/** Links the case to a registered person, or registers a new one; the case is read again afterwards. */
export function useDecidePerson(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['DecidePersonDto']) => call(api.POST('/cases/{id}/person', { params: { path: { id: caseId } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['case', caseId] }),
  });
}

/** A supervisor undoes a wrong link. */
export function useUnlinkPerson(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => call(api.DELETE('/cases/{id}/person', { params: { path: { id: caseId } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['case', caseId] }),
  });
}

export function usePerson(id: string) {
  return useQuery({ queryKey: personKeys.person(id), queryFn: () => call(api.GET('/persons/{id}', { params: { path: { id } } })) });
}

/** A name or NIK search for the other person of a merge (in the body: never in a URL). */
export function useSearchPersons() {
  return useMutation({ mutationFn: (q: string) => call(api.POST('/persons/search', { body: { q } })) });
}

export function useMerge(personId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (otherPersonId: string) => call(api.POST('/persons/{id}/merge', { params: { path: { id: personId } }, body: { otherPersonId } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['person'] }),
  });
}

export function useUndoMerge() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (mergeId: string) => call(api.POST('/persons/merges/{mergeId}/undo', { params: { path: { mergeId } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['person'] }),
  });
}

/** Completes the person's record (aliases, guardian, origin region); the page shows the answer at once. */
export function useUpdatePerson(personId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['UpdatePersonDto']) => call(api.PATCH('/persons/{id}', { params: { path: { id: personId } }, body })),
    onSuccess: (person) => queryClient.setQueryData(personKeys.person(personId), person),
  });
}

export type ErasureBasis = Schemas['ErasePersonDto']['legalBasis'];
export type LegalHoldKind = Schemas['LegalHoldDto']['kind'];

/** A data-subject right exercised on the person (erasure, restriction, legal hold); the page shows the answer at once. */
export type PersonRightChange =
  | { right: 'erasure'; body: Schemas['ErasePersonDto'] }
  | { right: 'restriction'; body: Schemas['RestrictPersonDto'] }
  | { right: 'liftRestriction' }
  | { right: 'legalHold'; body: Schemas['LegalHoldDto'] }
  | { right: 'liftLegalHold' };

function changeRight(id: string, change: PersonRightChange) {
  const path = { params: { path: { id } } };
  switch (change.right) {
    case 'erasure':
      return call(api.POST('/persons/{id}/erasure', { ...path, body: change.body }));
    case 'restriction':
      return call(api.POST('/persons/{id}/restriction', { ...path, body: change.body }));
    case 'liftRestriction':
      return call(api.DELETE('/persons/{id}/restriction', path));
    case 'legalHold':
      return call(api.POST('/persons/{id}/legal-hold', { ...path, body: change.body }));
    case 'liftLegalHold':
      return call(api.DELETE('/persons/{id}/legal-hold', path));
  }
}

export function usePersonRight(personId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (change: PersonRightChange) => changeRight(personId, change),
    onSuccess: (person) => queryClient.setQueryData(personKeys.person(personId), person),
  });
}

/** Downloads the person's data report (the file the API names `data-report-<id>.json`). */
export function downloadDataReport(personId: string): Promise<string> {
  return downloadFile(api.GET('/persons/{id}/data-report', { params: { path: { id: personId }, query: { format: 'json' } }, parseAs: 'blob' }), `data-report-${personId}.json`);
}
