import type { IntakeChannel } from '../contracts/case';
import type { Stage } from '../contracts/lifecycle';
import type { Protocol, ProtocolStep } from '../contracts/protocol';
import type { TaskType } from '../contracts/task';
import { parseDuration, plusMs } from '../domain/duration';

/**
 * What each stage means for a case, in one table: the protocol step whose agency is responsible, how
 * its deadline is computed from the pinned protocol, and which agency tasks entering it orders. Pure.
 */
export interface StageFacts {
  channel: IntakeChannel;
  isChild: boolean;
  regionCode: string;
  originRegionCode: string | null;
  /** The person goes home to another region (repatriation acknowledged there). */
  repatriation: boolean;
  openedAt: string;
  stageEnteredAt: string;
  shelterExtensionDays: number;
  monitoringVisitsDone: number;
  /** The current stage's deadline, once computed (monitoring orders a visit only while one is due). */
  deadlineAt: string | null;
}

export interface TaskSpec {
  type: TaskType;
  step: ProtocolStep;
  regionCode: string;
}

interface StageRow {
  step?: (f: StageFacts) => ProtocolStep;
  deadline?: (f: StageFacts, p: Protocol) => string | null;
  tasks?: (f: StageFacts) => TaskSpec[];
}

const ms = (duration: string): number => parseDuration(duration) ?? 0;
const task = (type: TaskType, step: ProtocolStep, regionCode: string): TaskSpec => ({ type, step, regionCode });

export const STAGE_TABLE: Record<Stage, StageRow> = {
  INTAKE: {
    step: (f) => (f.channel === 'RAZIA' ? 'INTAKE_RAZIA' : 'INTAKE_COMPLAINT'),
    // A complaint's first response runs from opening (Banyuwangi: 4 hours); a razia's intake from entry.
    deadline: (f, p) =>
      f.channel === 'COMPLAINT' && p.deadlines.firstResponse !== null ? plusMs(f.openedAt, ms(p.deadlines.firstResponse)) : plusMs(f.stageEnteredAt, ms(p.deadlines.intake)),
  },
  HEALTH_CHECK: {
    step: () => 'HEALTH_CHECK',
    deadline: (f, p) => plusMs(f.stageEnteredAt, ms(p.deadlines.healthCheck)),
    tasks: (f) => [task('HEALTH_CHECK', 'HEALTH_CHECK', f.regionCode)],
  },
  MEDICAL_TREATMENT: {
    step: () => 'MEDICAL_TREATMENT',
    tasks: (f) => [task('MEDICAL_TREATMENT', 'MEDICAL_TREATMENT', f.regionCode)],
  },
  // Child track: DP3AP2KB leads assessment and shelter for children.
  ASSESSMENT: {
    step: (f) => (f.isChild ? 'CHILD_PROTECTION' : 'ASSESSMENT'),
    deadline: (f, p) => plusMs(f.stageEnteredAt, ms(p.deadlines.assessment)),
    tasks: (f) => [f.isChild ? task('CHILD_PROTECTION', 'CHILD_PROTECTION', f.regionCode) : task('ASSESSMENT', 'ASSESSMENT', f.regionCode)],
  },
  SHELTER: {
    step: (f) => (f.isChild ? 'CHILD_PROTECTION' : 'SHELTER'),
    deadline: (f, p) => plusMs(f.stageEnteredAt, ms(p.deadlines.shelterStay) + f.shelterExtensionDays * 86_400_000),
    tasks: (f) => [task('SHELTER_PLACEMENT', f.isChild ? 'CHILD_PROTECTION' : 'SHELTER', f.regionCode)],
  },
  REHABILITATION: {
    step: () => 'REHABILITATION',
    // Adults also get vocational training (Disnaker in the Pasuruan interest group).
    tasks: (f) => [task('REHABILITATION', 'REHABILITATION', f.regionCode), ...(f.isChild ? [] : [task('VOCATIONAL_TRAINING', 'VOCATIONAL_TRAINING', f.regionCode)])],
  },
  REINTEGRATION: {
    step: () => 'REINTEGRATION',
    deadline: (f, p) => plusMs(f.stageEnteredAt, ms(p.deadlines.reintegration)),
    // The home region's Dinsos receives the person: its acknowledgement is its task.
    tasks: (f) => [
      task('REINTEGRATION_SUPPORT', 'REINTEGRATION_SUPPORT', f.regionCode),
      ...(f.repatriation && f.originRegionCode !== null ? [task('REPATRIATION_ACKNOWLEDGEMENT', 'REINTEGRATION', f.originRegionCode)] : []),
    ],
  },
  MONITORING: {
    step: () => 'MONITORING',
    deadline: (f, p) => {
      const visit = p.monitoringVisits[f.monitoringVisitsDone];
      return visit === undefined ? null : plusMs(f.stageEnteredAt, ms(visit));
    },
    tasks: (f) => (f.deadlineAt === null ? [] : [task('FOLLOW_UP_VISIT', 'MONITORING', f.regionCode)]),
  },
  CLOSED: {},
};
