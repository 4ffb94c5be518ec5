import { createTestContext, type TestContext } from '../../test/test-app';
import { OutboxDeferral, OutboxService } from './outbox.service';
import { backoffSeconds, OutboxWorker } from './outbox.worker';

let context: TestContext;
let outbox: OutboxService;

beforeAll(async () => {
  context = await createTestContext();
  outbox = context.app.get(OutboxService);
});

afterAll(() => context.close());

const pendingOf = async (kind: string) =>
  context.dataSource.query(
    'SELECT attempts, last_error AS "lastError", available_at > now() AS "delayed" FROM outbox_events WHERE kind = $1',
    [kind],
  );

describe('the outbox', () => {
  it('records an event only when the write that carries it commits', async () => {
    await expect(
      context.dataSource.transaction(async (manager) => {
        await outbox.enqueue(manager, 'test.rolled-back', { n: 1 });
        throw new Error('the write fails');
      }),
    ).rejects.toThrow('the write fails');
    expect(await pendingOf('test.rolled-back')).toEqual([]);
  });

  it('keeps a failing event, with its error and a backoff, and delivers it once the handler recovers', async () => {
    const delivered: unknown[] = [];
    let available = false;
    outbox.register('test.flaky', async (payload) => {
      if (!available) throw new Error('SMTP indisponible');
      delivered.push(payload);
    });
    await context.dataSource.transaction((manager) =>
      outbox.enqueue(manager, 'test.flaky', { to: 'agente@exemple.ca' }),
    );
    await context.drainOutbox();
    expect(await pendingOf('test.flaky')).toEqual([{ attempts: 1, lastError: 'SMTP indisponible', delayed: true }]);
    expect(delivered).toEqual([]);

    available = true;
    await context.dataSource.query(`UPDATE outbox_events SET available_at = now() WHERE kind = 'test.flaky'`);
    await context.drainOutbox();
    expect(delivered).toEqual([{ to: 'agente@exemple.ca' }]);
    expect(await pendingOf('test.flaky')).toEqual([]);
  });

  it('gives each event to one worker only when several drain at once', async () => {
    const seen: number[] = [];
    outbox.register('test.count', async (payload) => {
      seen.push(payload.n as number);
    });
    await context.dataSource.transaction(async (manager) => {
      for (let n = 0; n < 120; n += 1) await outbox.enqueue(manager, 'test.count', { n });
    });
    await Promise.all([context.drainOutbox(), context.drainOutbox(), context.drainOutbox()]);
    expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: 120 }, (_, n) => n));
  });

  it('gives a batch handler the events of its kind together, and retries them together', async () => {
    const batches: number[][] = [];
    let failOnce = true;
    outbox.registerBatch(
      'test.batch',
      async (events) => {
        if (failOnce) {
          failOnce = false;
          throw new Error('Meilisearch indisponible');
        }
        batches.push(events.map((event) => event.payload.n as number));
      },
      { maxBackoffSeconds: 5 },
    );
    await context.dataSource.transaction((manager) =>
      outbox.enqueueMany(manager, 'test.batch', [{ n: 1 }, { n: 2 }, { n: 3 }]),
    );
    await context.drainOutbox();
    const failed = await pendingOf('test.batch');
    expect(failed).toHaveLength(3);
    expect(failed.every((row: { attempts: number; lastError: string }) => row.attempts === 1)).toBe(true);
    const [{ wait }] = await context.dataSource.query(
      `SELECT max(available_at - now()) <= interval '5 seconds' AS wait FROM outbox_events WHERE kind = 'test.batch'`,
    );
    expect(wait).toBe(true);

    expect(await outbox.retryNow(['test.batch'])).toBe(3);
    await context.drainOutbox();
    expect(batches).toEqual([[1, 2, 3]]);
    expect(await pendingOf('test.batch')).toEqual([]);
  });

  it('carries out batches of a kind in its lanes at once, and never holds other kinds up behind them', async () => {
    const started: number[] = [];
    let mailed = false;
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const releaseOnceAllRan = () => {
      if (started.length === 2 && mailed) release();
    };
    // Each batch waits until the other batch and the mail have run: one lane, or groups in turn, would never get there.
    const meanwhile = () =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('the other batch and the mail did not run meanwhile')), 5000);
        void released.then(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    outbox.registerBatch(
      'test.lanes',
      async (events) => {
        started.push(...events.map((event) => event.payload.n as number));
        releaseOnceAllRan();
        await meanwhile();
      },
      { batchSize: 1, lanes: 2 },
    );
    outbox.register('test.mail', async () => {
      mailed = true;
      releaseOnceAllRan();
    });
    // One drain only, as in a running process: the background one is stopped meanwhile.
    const worker = context.app.get(OutboxWorker);
    await worker.onApplicationShutdown();
    try {
      await context.dataSource.transaction(async (manager) => {
        await outbox.enqueueMany(manager, 'test.lanes', [{ n: 1 }, { n: 2 }]);
        await outbox.enqueue(manager, 'test.mail', {});
      });
      await worker.drainNow();
    } finally {
      worker.onApplicationBootstrap();
    }
    expect(started.sort()).toEqual([1, 2]);
    expect(mailed).toBe(true);
    expect(await pendingOf('test.lanes')).toEqual([]);
  });

  it('defers events without counting an attempt when their handler cannot run yet', async () => {
    let ready = false;
    outbox.registerBatch('test.deferred', async () => {
      if (!ready) throw new OutboxDeferral('pas encore', 30);
    });
    await context.dataSource.transaction((manager) => outbox.enqueue(manager, 'test.deferred', {}));
    await context.drainOutbox();
    expect(await pendingOf('test.deferred')).toEqual([{ attempts: 0, lastError: null, delayed: true }]);
    ready = true;
    await outbox.retryNow(['test.deferred']);
    await context.drainOutbox();
    expect(await pendingOf('test.deferred')).toEqual([]);
  });

  it('backs off exponentially, capped at an hour', () => {
    for (let attempts = 1; attempts < 20; attempts += 1) {
      const delay = backoffSeconds(attempts);
      expect(delay).toBeGreaterThanOrEqual(1);
      expect(delay).toBeLessThanOrEqual(Math.min(3600, 2 ** attempts));
      expect(backoffSeconds(attempts, 60)).toBeLessThanOrEqual(60);
    }
  });
});
