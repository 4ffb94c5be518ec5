import { createTestContext, type TestContext } from '../../test/test-app';
import { DEMO_ADMIN_EMAIL, DEMO_PASSWORD, SeedService } from '../seed/seed.service';
import { DemoConversations } from './demo-conversations';

let context: TestContext;

beforeAll(async () => {
  context = await createTestContext();
});

afterAll(() => context.close());

describe('the demo network’s first conversations', () => {
  it('opens topics with replies through the forum, found by search like any other', async () => {
    expect(await context.app.get(SeedService).seedDemoMembers()).toBe(true);
    expect(await context.app.get(DemoConversations).seed()).toBe(4);
    const [{ topics, posts }] = await context.dataSource.query(
      'SELECT (SELECT count(*)::int FROM topics) AS topics, (SELECT count(*)::int FROM posts) AS posts',
    );
    expect({ topics, posts }).toEqual({ topics: 4, posts: 8 });

    await context.drainOutbox();
    const member = await context.loginAs({ email: 'isabelle.ouellet@maillage.demo' }, DEMO_PASSWORD);
    const found = await member.get('/api/v1/search').query({ q: 'travailleur de rue', type: 'topic' });
    expect(found.body.items[0].title.map((segment: { text: string }) => segment.text).join('')).toBe(
      'Travail de rue en milieu rural : comment couvrir tout le territoire?',
    );
    const admin = await context.loginAs({ email: DEMO_ADMIN_EMAIL }, DEMO_PASSWORD);
    expect((await admin.get('/api/v1/topics')).body.items).toHaveLength(4);
  });
});
