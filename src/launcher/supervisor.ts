/** A started child process as the supervisor sees it. */
export interface RunningChild {
  pid: number;
  /** Settles when the process has exited, saying how (`code 1`, `signal SIGKILL`). */
  exited: Promise<string>;
  /** Stops it in order (or, once it died, cleans up what it left behind). */
  stop(): Promise<void>;
}

export interface RestartPolicy {
  /** Delay before the first restart; doubled for each restart that follows quickly. */
  initialDelayMs: number;
  maxDelayMs: number;
  /** At most this many restarts within `windowMs`; one more is a crash loop. */
  maxRestarts: number;
  windowMs: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicy = { initialDelayMs: 500, maxDelayMs: 10_000, maxRestarts: 4, windowMs: 60_000 };

export interface SupervisorEvents {
  say(line: string): void;
  /** The part keeps dying: the launcher stops everything and exits non-zero. */
  crashLoop(supervisor: Supervisor, restarts: number): void;
}

/**
 * Keeps one part of `npm start` running: when it dies unexpectedly it is restarted after a capped,
 * doubling delay, and each restart is announced on one line. A part that dies more than
 * `maxRestarts` times within `windowMs` is not restarted again: that is reported as a crash loop.
 */
export class Supervisor {
  private current?: RunningChild;
  private restarts: number[] = [];
  private stopping = false;
  private pending?: { timer: NodeJS.Timeout; resolve: () => void };
  private launching?: Promise<unknown>;

  constructor(
    readonly name: string,
    /** Where the part's output goes, for the message of a crash loop. */
    readonly log: string,
    private readonly launch: () => Promise<RunningChild>,
    private readonly events: SupervisorEvents,
    private readonly policy: RestartPolicy = DEFAULT_RESTART_POLICY,
  ) {}

  get pid(): number | undefined {
    return this.current?.pid;
  }

  /** The first start; a failure here is the caller's (the launcher stops at once). */
  async start(): Promise<void> {
    this.watch(await this.relaunch(), Date.now());
  }

  /** Stops the part for good (a start under way is awaited, then stopped too). */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.pending) {
      clearTimeout(this.pending.timer);
      this.pending.resolve();
    }
    await this.launching;
    await this.current?.stop();
  }

  /** Launches, recording the child as current before anyone awaiting the launch resumes. */
  private relaunch(): Promise<RunningChild> {
    const launching = this.launch().then((child) => (this.current = child));
    this.launching = launching.catch(() => undefined);
    return launching;
  }

  private watch(child: RunningChild, startedAt: number): void {
    this.current = child;
    void child.exited.then(async (how) => {
      if (this.stopping) return;
      await child.stop().catch(() => undefined);
      await this.restart(`exited (${how}) after ${seconds(Date.now() - startedAt)}`);
    });
  }

  private async restart(why: string): Promise<void> {
    const now = Date.now();
    this.restarts = this.restarts.filter((at) => now - at < this.policy.windowMs);
    if (this.restarts.length >= this.policy.maxRestarts) return this.events.crashLoop(this, this.restarts.length);
    this.restarts.push(now);
    const delayMs = Math.min(this.policy.initialDelayMs * 2 ** (this.restarts.length - 1), this.policy.maxDelayMs);
    this.events.say(`${this.name} ${why}; restarting in ${seconds(delayMs)} (restart ${this.restarts.length} of at most ${this.policy.maxRestarts} per ${seconds(this.policy.windowMs)})`);
    await new Promise<void>((resolve) => (this.pending = { timer: setTimeout(resolve, delayMs), resolve }));
    this.pending = undefined;
    if (this.stopping) return;
    const startedAt = Date.now();
    try {
      const child = await this.relaunch();
      if (this.stopping) return; // stop() stops it
      this.watch(child, startedAt);
      this.events.say(`${this.name} running again (pid ${child.pid})`);
    } catch (error) {
      if (!this.stopping) await this.restart(`failed to start (${error instanceof Error ? error.message : String(error)})`);
    }
  }
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
