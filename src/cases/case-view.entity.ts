import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Actor } from '../../workflows/contracts/actor';
import type { CaseStage, IntakeChannel, PersonInput } from '../../workflows/contracts/case';

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

  /** Personal data (name may be an alias). */
  @Column('jsonb')
  person!: PersonInput;

  @Column('integer')
  version!: number;

  /** Staff member who opened the case (null for cases opened before authentication existed). */
  @Column('jsonb', { name: 'opened_by', nullable: true })
  openedBy!: Actor | null;

  @Column('timestamptz', { name: 'opened_at' })
  openedAt!: Date;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt!: Date;
}
