import { z } from 'zod';
import { isPpksCode } from '../domain/ppks';
import { freeText, TEXT_LIMITS } from '../domain/free-text';
import { normalizeKabKotaCode } from '../domain/region-code';
import { lazily, lazilyFor } from './lazy';
import { personal, personalPaths } from './sealed';
import { ASSESSMENT_DECISIONS, CLOSURE_REASONS, GUARDIAN_RELATIONSHIPS, HEALTH_RESULTS, MONITORING_OUTCOMES, REINTEGRATION_TYPES, SHELTER_TYPES } from './lifecycle';

/**
 * THE case commands: one schema per action for the body an API endpoint takes, which is also what the
 * workflow's update validator checks (the API validates first; the workflow guards itself against any
 * other caller). The TypeScript types of the commands are derived from here. Plain JSON.
 */
const note = () => freeText(TEXT_LIMITS.note, true);
const name = () => freeText(TEXT_LIMITS.name);
/** A kab/kota code, dotted (`32.72`) or plain, given plain (`3272`). */
const kabKota = () =>
  z
    .string()
    .regex(/^\d{2}\.?\d{2}$/, { message: 'must be a Kemendagri kab/kota code such as "32.72" or "3272"' })
    .transform((v) => normalizeKabKotaCode(v) ?? v)
    .refine((v) => normalizeKabKotaCode(v) === v, { message: 'must be a Kemendagri kab/kota code' });
const ppksCodes = () =>
  z
    .array(z.string().regex(/^PPKS-(0[1-9]|1[0-9]|2[0-6])$/, { message: 'must be a code PPKS-01 … PPKS-26' }).refine(isPpksCode))
    .min(1)
    .max(26)
    .refine((codes) => new Set(codes).size === codes.length, { message: 'must not repeat a code' });
const reintegrationType = z.enum(REINTEGRATION_TYPES);

/**
 * The command bodies. Free text about the person (findings, notes, reasons, summaries) and a guardian's
 * name are personal values: the API validates them as given and seals them under the person's data key
 * before they reach the workflow (workflows/contracts/sealed.ts), whose validators accept the sealed form.
 * Each body is built when first used (./lazy.ts): a cached workflow run builds only those it validated.
 */
function commandBodies(sealed: boolean) {
  const text = () => personal(note(), sealed);
  return lazily({
    startHealthCheck: () => z.strictObject({}),
    recordHealthCheck: () => z.strictObject({
      /** FIT continues to assessment; NEEDS_TREATMENT and REFERRED_TO_HOSPITAL put social handling on hold until recovery. */
      result: z.enum(HEALTH_RESULTS),
      /** Clinical findings (health data: visible to the case team only). */
      findings: text().optional(),
    }),
    recordRecovery: () => z.strictObject({ note: text().optional() }),
    recordAssessment: () => z.strictObject({
      ppksCategories: ppksCodes(),
      decision: z.enum(ASSESSMENT_DECISIONS),
      shelterType: z.enum(SHELTER_TYPES).optional(),
      reintegrationType: reintegrationType.optional(),
      /** Required for a child (UU 27/2022 Pasal 25): who consented, in what capacity. */
      guardianConsent: z.strictObject({ name: personal(name(), sealed), relationship: z.enum(GUARDIAN_RELATIONSHIPS) }).optional(),
      summary: text().optional(),
      /** Required to refer to rehabilitation after the person refused referral: why it goes ahead anyway. */
      refusalOverride: text().optional(),
      /** Required for a repeat case under a protocol with repeat rules: which earlier plan this one builds on, and how. */
      earlierPlanReference: text().optional(),
    }),
    recordReferralRefusal: () => z.strictObject({ note: text() }),
    extendShelterStay: () => z.strictObject({ days: z.number().int().min(1).max(30), reason: text() }),
    leaveShelter: () => z.strictObject({
      next: z.enum(['REHABILITATION', 'REINTEGRATION']),
      reintegrationType: reintegrationType.optional(),
      refusalOverride: text().optional(),
    }),
    completeRehabilitation: () => z.strictObject({ reintegrationType }),
    acknowledgeRepatriation: () => z.strictObject({
      /** The receiving officer of the home region's Dinsos. */
      receivingOfficer: name(),
      /** The home region (kab/kota, plain) receiving the person. */
      receivingRegionCode: kabKota(),
    }),
    completeReintegration: () => z.strictObject({}),
    recordMonitoringVisit: () => z.strictObject({ outcome: z.enum(MONITORING_OUTCOMES), note: text().optional() }),
    closeCase: () => z.strictObject({ reason: z.enum(CLOSURE_REASONS), note: text() }),
    /** A village Puskesos hands a complaint it took in to the regency's unit (Bantaeng: UPT SPMKS), saying why. */
    referToRegency: () => z.strictObject({ reason: text() }),
  });
}

/** The bodies as the API takes them (and OpenAPI publishes them): personal values in clear. */
export const COMMAND_BODIES = commandBodies(false);
/** The bodies as a workflow's validator checks them: personal values in clear (older histories) or sealed. */
export const SEALED_COMMAND_BODIES: Record<CaseAction, z.ZodType> = commandBodies(true);

export type CaseAction = keyof typeof COMMAND_BODIES;

/** Where each command body holds personal values (what the API seals before sending it). */
export const COMMAND_PERSONAL_PATHS: Record<CaseAction, string[][]> = lazilyFor(Object.keys(COMMAND_BODIES) as CaseAction[], (action) => personalPaths(COMMAND_BODIES[action]));
type Inferred<A extends CaseAction> = z.infer<(typeof COMMAND_BODIES)[A]>;
/** The body of a command's endpoint (an empty schema infers an index signature: no fields instead). */
export type CommandBody<A extends CaseAction> = Inferred<A> extends Record<string, never> ? Record<never, never> : Inferred<A>;
/** Every case command; `action` names the API endpoint and the stage-machine row. */
export type CaseCommand = { [A in CaseAction]: { action: A } & CommandBody<A> }[CaseAction];

/** Every command action (one Temporal update and one API endpoint each). */
export const CASE_ACTIONS = Object.keys(COMMAND_BODIES) as CaseAction[];

/** ApplicationFailure types a command update can fail with (the API maps them to 409 / 403 / 400). */
export const COMMAND_FAILURES = { illegal: 'ILLEGAL_TRANSITION', role: 'ROLE_NOT_ALLOWED', invalid: 'INVALID_COMMAND' } as const;

/** One problem of a command or body: the field path (dotted) and what is wrong. */
export interface FieldProblem {
  field: string;
  message: string;
}

/** Messages in the API's own words (a schema's own message, e.g. free text's, wins over these). */
function message(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_value':
      return `must be one of ${issue.values.map(String).join(', ')}`;
    case 'invalid_type':
      return issue.input === undefined ? 'is required' : `must be ${issue.expected === 'object' ? 'an object' : `a ${issue.expected}`}`;
    case 'too_small':
      return issue.origin === 'string' ? `must be at least ${String(issue.minimum)} characters` : issue.origin === 'array' ? `must list at least ${String(issue.minimum)}` : `must be at least ${String(issue.minimum)}`;
    case 'too_big':
      return issue.origin === 'string' ? `must be at most ${String(issue.maximum)} characters` : issue.origin === 'array' ? `must list at most ${String(issue.maximum)}` : `must be at most ${String(issue.maximum)}`;
    case 'unrecognized_keys':
      return `has unknown fields: ${issue.keys.join(', ')}`;
    default:
      return undefined;
  }
}

/** A value checked against a schema: what it parses to, or its problems with dotted field paths. */
export function parseWith<T>(schema: z.ZodType<T>, value: unknown, prefix = ''): { ok: true; value: T } | { ok: false; problems: FieldProblem[] } {
  const result = schema.safeParse(value, { error: message });
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, problems: result.error.issues.map((issue) => ({ field: [prefix, ...issue.path.map(String)].filter((p) => p !== '').join('.') || '(body)', message: issue.message })) };
}

/** Problems of a value against a schema; empty when it fits. */
export function schemaProblems(schema: z.ZodType, value: unknown, prefix = ''): FieldProblem[] {
  const parsed = parseWith(schema, value, prefix);
  return parsed.ok ? [] : parsed.problems;
}

/** What is wrong with a command as the workflow receives it (empty: well-formed). */
export function commandProblems(command: unknown): FieldProblem[] {
  const action = (command as { action?: unknown } | null)?.action;
  if (typeof action !== 'string' || !(action in COMMAND_BODIES)) return [{ field: 'action', message: 'is not a case action' }];
  const { action: _action, ...body } = command as { action: CaseAction };
  return schemaProblems(SEALED_COMMAND_BODIES[action as CaseAction], body);
}
