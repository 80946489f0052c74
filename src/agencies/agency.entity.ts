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

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt!: Date;
}
