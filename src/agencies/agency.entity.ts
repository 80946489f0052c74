import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** An agency of one region (a kab/kota, or a province for provincial bodies). */
@Entity({ name: 'agency' })
@Unique('agency_code_region_key', ['code', 'regionCode'])
export class AgencyEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  code!: string;

  @Column('varchar', { name: 'region_code', length: 4 })
  regionCode!: string;

  @Column('text')
  name!: string;

  @Column('boolean', { default: true })
  active!: boolean;

  /** Where task notifications are POSTed (optional). */
  @Column('text', { name: 'webhook_url', nullable: true })
  webhookUrl!: string | null;

  /** HMAC-SHA256 signing secret of the webhook; write-only through the API. */
  @Column('text', { name: 'webhook_secret', nullable: true, select: false })
  webhookSecret!: string | null;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt!: Date;
}
