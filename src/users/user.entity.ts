import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from '../../workflows/contracts/actor';

/** A person who signs in. The password hash (argon2id) never leaves the service layer. */
@Entity({ name: 'app_user' })
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Lower-case login name. */
  @Column('text', { unique: true })
  username!: string;

  @Column('text', { name: 'display_name' })
  displayName!: string;

  @Column('text', { name: 'password_hash' })
  passwordHash!: string;

  @Column('text')
  role!: Role;

  /** Region scope: kab/kota (4 digits) or province (2 digits). */
  @Column('varchar', { name: 'region_code', length: 4 })
  regionCode!: string;

  /** Set exactly for AGENCY_OFFICER. */
  @Column('uuid', { name: 'agency_id', nullable: true })
  agencyId!: string | null;

  @Column('boolean', { default: true })
  active!: boolean;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt!: Date;
}
