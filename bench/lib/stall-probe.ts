import { fork } from 'node:child_process';
import { join } from 'node:path';

import { root } from './platform';

/** A 1 ms timer that fires this late saw the machine stop, not a busy server: the probe does nothing else. */
const STALL_MS = 20;

export interface Stalls {
  /** Wake-ups at least STALL_MS late. */
  count: number;
  /** The longest wait between two wake-ups, whatever its length. */
  longestMs: number;
}

/**
 * Starts a process that only wakes every millisecond and notes when it woke late. On a shared virtual machine the
 * cores sometimes stop for tens of milliseconds for everyone; a run's p99 that such a stall hit says so beside it.
 */
export async function startStallProbe(): Promise<{ stop(): Promise<Stalls> }> {
  const child = fork(join(root, 'dist/bench/lib/stall-probe.js'), ['probe'], {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  await new Promise((ready) => child.once('message', ready));
  return {
    stop: () =>
      new Promise((done) => {
        child.once('message', (stalls: Stalls) => {
          child.kill();
          done(stalls);
        });
        child.send('stop');
      }),
  };
}

if (process.argv[2] === 'probe' && process.send) {
  let last = performance.now();
  const stalls: Stalls = { count: 0, longestMs: 0 };
  const timer = setInterval(() => {
    const now = performance.now();
    const gap = now - last;
    last = now;
    stalls.longestMs = Math.max(stalls.longestMs, gap);
    if (gap >= STALL_MS) stalls.count += 1;
  }, 1);
  process.once('message', () => {
    clearInterval(timer);
    process.send!(stalls);
  });
  process.send('ready');
}
