import type { LaunchedSystem, Part } from '../load/launched-system';
import type { ExternalDatabase } from './external-database';

export type Target = 'worker' | 'API' | 'Temporal dev server' | 'database';
export const TARGETS: readonly Target[] = ['worker', 'API', 'Temporal dev server', 'database'];

export interface Kill {
  target: Target;
  /** Milliseconds from the kill until /health answered 200 again. */
  recoveredMs: number;
}

/**
 * Kills the parts of a running system with SIGKILL, one at a time, in rounds: after each kill it waits
 * until /health is 200 again (the launcher, or for an external database this run, restarts the part),
 * then lets the system work for `gapMs` before the next kill.
 */
export class ChaosMonkey {
  readonly kills: Kill[] = [];

  constructor(
    private readonly system: LaunchedSystem,
    private readonly external: ExternalDatabase | undefined,
    private readonly options: { rounds: number; gapMs: number; recoveryBoundMs: number },
  ) {}

  async run(): Promise<void> {
    for (let round = 0; round < this.options.rounds; round++) {
      for (const target of TARGETS) {
        await new Promise((r) => setTimeout(r, this.options.gapMs));
        const started = Date.now();
        await this.kill(target);
        await this.system.waitHealthy(this.options.recoveryBoundMs);
        this.kills.push({ target, recoveredMs: Date.now() - started });
      }
    }
  }

  private async kill(target: Target): Promise<void> {
    if (target === 'database' && this.external !== undefined) return this.external.killAndRestart(1_000);
    const part: Part = target === 'database' ? 'embedded database' : target;
    const pid = this.system.pidOf(part);
    if (pid === undefined) throw new Error(`no running ${part} to kill`);
    const since = this.system.output().length;
    process.kill(pid, 'SIGKILL');
    // /health says nothing about the worker, and may answer 200 for a moment after any kill.
    await this.system.waitForOutput(new RegExp(`${part} running again`), this.options.recoveryBoundMs, since);
  }
}
