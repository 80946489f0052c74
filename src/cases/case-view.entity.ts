import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Actor } from '../../workflows/contracts/actor';
import type { CasePerson, CaseStage, Escalation, IntakeChannel, IntakePoint, LastAction } from '../../workflows/contracts/case';
import type { Personal } from '../../workflows/contracts/sealed';
import type { ClosureReason } from '../../workflows/contracts/lifecycle';
import type { DataWarning } from '../../workflows/domain/nik';

/** Read model of a case, written only by the projection activity from workflow state. */
@Entity({ name: 'case_view' })
@Index('case_view_region_stage_idx', ['regionCode', 'stage'])
@Index('case_view_opened_idx', ['openedAt', 'id'])
export class CaseViewEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text', { name: 'workflow_id' })
  workflowId!: string;

  @Column('text')
  stage!: CaseStage;

  @Column('text')
  channel!: IntakeChannel;

  @Column('varchar', { name: 'region_code', length: 4 })
  regionCode!: string;

  /** Sex and approximate age; the rest sealed under the person's data key (in clear only in case_subject, the registry). */
  @Column('jsonb')
  person!: CasePerson;

  @Column('integer')
  version!: number;

  /** Staff member who opened the case (null for cases opened before authentication existed). */
  @Column('jsonb', { name: 'opened_by', nullable: true })
  openedBy!: Actor | null;

  /** Where a complaint was taken in (a village Puskesos); null for every other case. Staff data. */
  @Column('jsonb', { name: 'intake_point', nullable: true })
  intakePoint!: IntakePoint | null;

  @Column('varchar', { name: 'origin_region_code', length: 4, nullable: true })
  originRegionCode!: string | null;

  @Column('text', { name: 'protocol_id', nullable: true })
  protocolId!: string | null;

  @Column('integer', { name: 'protocol_version', nullable: true })
  protocolVersion!: number | null;

  @Column('text', { name: 'ppks_categories', array: true, default: () => "'{}'" })
  ppksCategories!: string[];

  @Column('jsonb', { default: () => "'[]'" })
  warnings!: DataWarning[];

  @Column('jsonb', { nullable: true })
  closure!: { reason: ClosureReason; note: Personal<string> } | null;

  @Column('text', { name: 'responsible_agency', nullable: true })
  responsibleAgency!: string | null;

  @Column('timestamptz', { name: 'deadline_at', nullable: true })
  deadlineAt!: Date | null;

  @Column('boolean', { default: false })
  overdue!: boolean;

  @Column('jsonb', { default: () => "'[]'" })
  escalations!: Escalation[];

  @Column('jsonb', { name: 'last_action', nullable: true })
  lastAction!: LastAction | null;

  @Column('timestamptz', { name: 'stage_entered_at', nullable: true })
  stageEnteredAt!: Date | null;

  /** Its person has a case opened before this one: kept by PostgreSQL itself (migration StoredRepeatFlag), never written here. */
  @Column({ type: 'boolean', name: 'is_repeat', default: false, insert: false, update: false })
  isRepeat!: boolean;

  @Column('timestamptz', { name: 'opened_at' })
  openedAt!: Date;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt!: Date;
}
