import type { RunningEmbeddedDatabase } from '../../src/launcher/embedded-database';
import { startEmbeddedDatabase } from '../../src/launcher/embedded-database';
import { freePort } from '../../src/launcher/processes';

/**
 * A PostgreSQL server outside the launcher (the chaos run's `DATABASE_URL`), from the same binaries, on
 * its own port and folder. The chaos run is its supervisor: it kills it and starts it again.
 */
export class ExternalDatabase {
  private constructor(
    private running: RunningEmbeddedDatabase,
    private readonly dataDir: string,
    private readonly port: number,
  ) {}

  static async start(dataDir: string): Promise<ExternalDatabase> {
    const port = await freePort();
    return new ExternalDatabase(await startEmbeddedDatabase({ dataDir, port }), dataDir, port);
  }

  get url(): string {
    return this.running.url;
  }

  /** kill -9 of the postmaster, then a restart on the same folder and port after `downMs`. */
  async killAndRestart(downMs: number): Promise<void> {
    process.kill(this.running.pid, 'SIGKILL');
    await this.running.exited;
    await this.running.stop(); // reaps the backends the postmaster left behind
    await new Promise((r) => setTimeout(r, downMs));
    for (let attempt = 1; ; attempt++) {
      try {
        this.running = await startEmbeddedDatabase({ dataDir: this.dataDir, port: this.port });
        return;
      } catch (error) {
        if (attempt === 5) throw error;
        await new Promise((r) => setTimeout(r, 1_000));
      }
    }
  }

  stop(): Promise<void> {
    return this.running.stop();
  }
}
