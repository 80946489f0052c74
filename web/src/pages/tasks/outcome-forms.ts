import type { components } from '../../api/schema';

type Schemas = components['schemas'];

export type Task = Schemas['TaskResponse'];
export type TaskType = Task['type'];
/** The outcome alternatives of the API's document (one per task type; test/web/outcome-forms.test.ts keeps them in step). */
export type Outcome = Schemas['CompleteTaskDto']['outcome'];

/**
 * One field of an outcome form. `choice`: one of the API's values (labels from the `tasks` catalogue);
 * `text`: one line; `note`: several lines; `rupiah`: a whole number; `confirm`: a box that must be ticked
 * (the API takes only `true`).
 */
export type OutcomeField =
  | { name: string; kind: 'choice'; options: readonly string[]; required: boolean }
  | { name: string; kind: 'text' | 'note' | 'rupiah'; required: boolean }
  | { name: string; kind: 'confirm'; required: true };

const choice = (name: string, options: readonly string[]): OutcomeField => ({ name, kind: 'choice', options, required: true });
const text = (name: string, required = true): OutcomeField => ({ name, kind: 'text', required });
const note = (name = 'note', required = false): OutcomeField => ({ name, kind: 'note', required });

/** The form of each task type's outcome, field for field the schema the API and the workflow check. */
export const OUTCOME_FORMS: Record<TaskType, readonly OutcomeField[]> = {
  HEALTH_CHECK: [choice('result', ['FIT', 'NEEDS_TREATMENT', 'REFERRED_TO_HOSPITAL']), note('findings')],
  MEDICAL_TREATMENT: [{ name: 'recovered', kind: 'confirm', required: true }, note()],
  ASSESSMENT: [note('summary', true)],
  CHILD_PROTECTION: [note('summary', true)],
  SHELTER_PLACEMENT: [text('facility'), note()],
  REHABILITATION: [text('programme'), note()],
  VOCATIONAL_TRAINING: [choice('status', ['ENROLLED', 'COMPLETED']), note()],
  REINTEGRATION_SUPPORT: [choice('kind', ['CASH', 'GOODS', 'SERVICE', 'JOB_PLACEMENT']), { name: 'amount', kind: 'rupiah', required: false }, note()],
  REPATRIATION_ACKNOWLEDGEMENT: [text('receivingOfficer'), note()],
  FOLLOW_UP_VISIT: [choice('outcome', ['STABLE', 'CONCERN', 'RETURNED_TO_STREET']), note()],
  COMPLAINT_INTAKE: [note('reason', true)],
  REGENCY_REFERRAL: [note()],
  REPEAT_CHILD_NOTICE: [note()],
};

/** What the person typed, field by field (kept as typed across errors). */
export type OutcomeValues = Record<string, string>;

/**
 * The outcome to send: empty optional fields left out, a rupiah amount as a number, a ticked box as
 * `true`. Whether it fits is the API's to say (400 with the field named), never guessed here.
 */
export function outcomeOf(type: TaskType, values: OutcomeValues): Outcome {
  const outcome: Record<string, unknown> = {};
  for (const field of OUTCOME_FORMS[type]) {
    const value = (values[field.name] ?? '').trim();
    if (field.kind === 'confirm') outcome[field.name] = value === 'true';
    else if (value === '') continue;
    else outcome[field.name] = field.kind === 'rupiah' ? Number(value.replace(/[.\s]/g, '')) : value;
  }
  return outcome;
}
