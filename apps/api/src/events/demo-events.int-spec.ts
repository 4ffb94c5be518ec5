import { DateTime } from 'luxon';

import { createTestContext, type TestContext } from '../../test/test-app';
import { DEMO_PASSWORD, SeedService } from '../seed/seed.service';
import { DemoEvents } from './demo-events';

let context: TestContext;

beforeAll(async () => {
  context = await createTestContext();
});

afterAll(() => context.close());

describe('the demo network’s first events', () => {
  it('publishes upcoming events through the events service, in their volets’ spaces', async () => {
    expect(await context.app.get(SeedService).seedDemoMembers()).toBe(true);
    const now = DateTime.fromISO('2026-12-01T10:00', { zone: 'America/Toronto' });
    expect(await context.app.get(DemoEvents).seed(now)).toBe(4);
    const member = await context.loginAs({ email: 'isabelle.ouellet@maillage.demo' }, DEMO_PASSWORD);
    const december = await member.get('/api/v1/events?from=2026-12-01&to=2027-01-01');
    expect(december.status).toBe(200);
    expect(
      december.body.items.map((occurrence: { title: string; startsAt: string; allDay: boolean }) => [
        occurrence.title,
        occurrence.allDay
          ? 'all-day'
          : DateTime.fromISO(occurrence.startsAt, { zone: 'America/Toronto' }).toFormat('dd HH:mm'),
      ]),
    ).toEqual([
      ['Codéveloppement en travail de rue', '08 13:00'],
      ['Rencontre régionale des agents de développement social', '13 09:00'],
      ['Formation : l’analyse différenciée selon les sexes (ADS+)', '20 09:00'],
      ['Colloque Bien vieillir chez soi', 'all-day'],
    ]);
    const [{ count }] = await context.dataSource.query(
      `SELECT count(*)::int AS count FROM event_occurrences o JOIN events e ON e.id = o.event_id
       WHERE e.title = 'Codéveloppement en travail de rue'`,
    );
    expect(count).toBe(6);
  });
});
