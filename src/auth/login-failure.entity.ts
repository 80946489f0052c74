import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A failed login or setup-code attempt, counted per submitted username and per client address for lockouts. */
@Entity({ name: 'login_failure' })
export class LoginFailureEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  /** Null for a setup-code attempt (it names no account). */
  @Column('text', { nullable: true })
  username!: string | null;

  @Column('text')
  address!: string;

  @Column('timestamptz', { name: 'failed_at', default: () => 'now()' })
  failedAt!: Date;
}
