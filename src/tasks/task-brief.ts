import type { Sex } from '../../workflows/contracts/case';
import type { TaskType } from '../../workflows/contracts/task';

/** What an agency may see of a case's person: the fields its task needs, never the NIK, health findings or notes. */
export type BriefField = 'name' | 'sex' | 'approximateAge' | 'ppksCategories' | 'originRegionCode';

/**
 * Need to know, per task type (UU 27/2022 data minimisation, pmks-domain §8): whom to examine, place,
 * train or receive. Categories go to those who place or protect; the home region to those who take the
 * person home. Everything else of the case stays with its case team.
 */
export const TASK_BRIEF: Record<TaskType, readonly BriefField[]> = {
  HEALTH_CHECK: ['name', 'sex', 'approximateAge'],
  MEDICAL_TREATMENT: ['name', 'sex', 'approximateAge'],
  ASSESSMENT: ['name', 'sex', 'approximateAge'],
  CHILD_PROTECTION: ['name', 'sex', 'approximateAge', 'ppksCategories'],
  SHELTER_PLACEMENT: ['name', 'sex', 'approximateAge', 'ppksCategories'],
  REHABILITATION: ['name', 'sex', 'approximateAge', 'ppksCategories'],
  VOCATIONAL_TRAINING: ['name', 'sex', 'approximateAge'],
  REINTEGRATION_SUPPORT: ['name', 'sex', 'approximateAge', 'originRegionCode'],
  REPATRIATION_ACKNOWLEDGEMENT: ['name', 'sex', 'approximateAge', 'originRegionCode'],
  FOLLOW_UP_VISIT: ['name', 'sex', 'approximateAge'],
  // The Puskesos took the complaint in and refers it; the regency's unit takes it on: whom it is about.
  COMPLAINT_INTAKE: ['name', 'sex', 'approximateAge'],
  REGENCY_REFERRAL: ['name', 'sex', 'approximateAge'],
  // A child seen again: the child-protection agency learns whom the notice is about.
  REPEAT_CHILD_NOTICE: ['name', 'sex', 'approximateAge'],
};

export interface CaseFacts {
  person: { name?: string; sex?: Sex; approximateAge?: number } | null;
  ppksCategories: string[] | null;
  originRegionCode: string | null;
}

export type TaskBrief = Partial<{ name: string; sex: Sex; approximateAge: number; ppksCategories: string[]; originRegionCode: string | null }>;

/** The brief of one task: only its type's fields; null while the case is not in the read model yet. */
export function briefOf(type: TaskType, facts: CaseFacts): TaskBrief | null {
  if (facts.person === null) return null;
  const all: TaskBrief = {
    name: facts.person.name,
    sex: facts.person.sex,
    approximateAge: facts.person.approximateAge,
    ppksCategories: facts.ppksCategories ?? [],
    originRegionCode: facts.originRegionCode,
  };
  return Object.fromEntries(TASK_BRIEF[type].map((field) => [field, all[field]]));
}
