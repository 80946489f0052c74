import type { RunningChild } from './supervisor';
import { Supervisor } from './supervisor';

/** A child whose death the test decides. */
function fakeChild(pid: number) {
  let die: (how: string) => void = () => undefined;
  const exited = new Promise<string>((resolve) => (die = resolve));
  const child: RunningChild & { die: (how: string) => void; stopped: boolean } = {
    pid,
    exited,
    die: (how) => die(how),
    stopped: false,
    stop: () => Promise.resolve(void (child.stopped = true)),
  };
  return child;
}

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('Supervisor', () => {
  const policy = { initialDelayMs: 100, maxDelayMs: 300, maxRestarts: 3, windowMs: 10_000 };

  it('restarts a dead child after a doubling, capped delay, one line each, and gives up after maxRestarts', async () => {
    const children: ReturnType<typeof fakeChild>[] = [];
    const lines: string[] = [];
    const loops: number[] = [];
    const launch = () => (children.push(fakeChild(100 + children.length)), Promise.resolve(children[children.length - 1] as RunningChild));
    const supervisor = new Supervisor('worker', '/data/worker.log', launch, { say: (l) => lines.push(l), crashLoop: (_, n) => loops.push(n) }, policy);
    await supervisor.start();
    for (let i = 0; i < 3; i++) {
      children[i]?.die('signal SIGKILL');
      await tick(450);
      expect(children).toHaveLength(i + 2);
    }
    expect(lines.filter((l) => l.includes('restarting in')).map((l) => l.match(/restarting in ([\d.]+ s)/)?.[1])).toEqual(['0.1 s', '0.2 s', '0.3 s']); // 0.4 s capped
    expect(lines[0]).toMatch(/^worker exited \(signal SIGKILL\) after [\d.]+ s; restarting in 0\.1 s \(restart 1 of at most 3 per 10 s\)$/);
    expect(supervisor.pid).toBe(103);
    children[3]?.die('code 1');
    await tick(50);
    expect([children.length, loops]).toEqual([4, [3]]);
    expect(children.map((c) => c.stopped)).toEqual([true, true, true, true]); // each dead child was cleaned up
  });

  it('does not restart what it was told to stop, even while a restart is pending', async () => {
    const children: ReturnType<typeof fakeChild>[] = [];
    const launch = () => (children.push(fakeChild(200 + children.length)), Promise.resolve(children[children.length - 1] as RunningChild));
    const supervisor = new Supervisor('API', '/data/api.log', launch, { say: () => undefined, crashLoop: () => undefined }, policy);
    await supervisor.start();
    children[0]?.die('signal SIGKILL');
    await tick(20);
    await supervisor.stop();
    await tick(200);
    expect(children).toHaveLength(1);
  });
});
