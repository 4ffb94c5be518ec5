import { createTestContext, type TestContext } from '../../test/test-app';
import { OutboxService } from './outbox.service';
import { backoffSeconds } from './outbox.worker';

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

  it('backs off exponentially, capped at an hour', () => {
    for (let attempts = 1; attempts < 20; attempts += 1) {
      const delay = backoffSeconds(attempts);
      expect(delay).toBeGreaterThanOrEqual(1);
      expect(delay).toBeLessThanOrEqual(Math.min(3600, 2 ** attempts));
    }
  });
});
