import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from '../../workflows/contracts/actor';
import type { AccountStatus } from './account-status';

/** A person who signs in. The password hash (argon2id) and the setup code's hash never leave the service layer. */
@Entity({ name: 'app_user' })
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Lower-case login name. */
  @Column('text', { unique: true })
  username!: string;

  @Column('text', { name: 'display_name' })
  displayName!: string;

  /** Null until the person sets a password with a setup code (and again after a reset). */
  @Column('text', { name: 'password_hash', nullable: true })
  passwordHash!: string | null;

  /** SHA-256 of the outstanding one-time setup code, if any. */
  @Column('char', { name: 'setup_code_hash', length: 64, nullable: true })
  setupCodeHash!: string | null;

  @Column('timestamptz', { name: 'setup_code_expires_at', nullable: true })
  setupCodeExpiresAt!: Date | null;

  @Column('text')
  role!: Role;

  /** Region scope: kab/kota (4 digits) or province (2 digits). */
  @Column('varchar', { name: 'region_code', length: 4 })
  regionCode!: string;

  /** Set exactly for AGENCY_OFFICER. */
  @Column('uuid', { name: 'agency_id', nullable: true })
  agencyId!: string | null;

  /**
   * A village Puskesos officer's post: the desa/kelurahan (10 digits, inside `regionCode`) where they take
   * complaints in and whose intake tasks they work (docs/puskesos.md). Null for everyone else.
   */
  @Column('varchar', { name: 'village_code', length: 10, nullable: true })
  villageCode!: string | null;

  /** False once an admin deactivates the account (status DEACTIVATED whatever else holds). */
  @Column('boolean', { default: true })
  active!: boolean;

  /** Derived by PostgreSQL from active, password and setup code (a generated column): never written. */
  @Column({ type: 'text', insert: false, update: false })
  status!: AccountStatus;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt!: Date;
}
