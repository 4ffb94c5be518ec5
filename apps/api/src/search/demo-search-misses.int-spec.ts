import { DateTime } from 'luxon';

import { createTestContext, type TestContext } from '../../test/test-app';
import { PortraitRefresher } from '../portrait/portrait-refresher';
import { DemoSearchMisses } from './demo-search-misses';

let context: TestContext;

beforeAll(async () => {
  context = await createTestContext();
});

afterAll(() => context.close());

describe('the demo network’s searches without results', () => {
  it('spreads a year of them over the months and organizations, for the portrait', async () => {
    const now = DateTime.fromISO('2026-11-15T10:00', { zone: 'America/Toronto' });
    expect(await context.app.get(DemoSearchMisses).seed(now)).toBe(19);
    await context.app.get(PortraitRefresher).refresh();
    const admin = await context.loginAs(await context.makeMember({ role: 'admin' }));
    const page = (await admin.get('/api/v1/portrait?from=2025-12&to=2026-11')).body;
    expect(page.totals.searchMisses).toBe(19);
    expect(page.searchMisses[0]).toEqual({ query: 'gabarit portrait territorial', count: 5 });
    expect(
      page.months.filter((row: { figures: { searchMisses: number } }) => row.figures.searchMisses > 0),
    ).toHaveLength(9);
    expect(page.mrcs.find((mrc: { code: string }) => mrc.code === '07').figures.searchMisses).toBe(3);
  });
});
