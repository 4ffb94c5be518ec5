import { createTestContext, type TestContext } from '../../test/test-app';
import { pendingSchemaChanges } from './data-source';

let context: TestContext;

beforeAll(async () => {
  context = await createTestContext();
});

afterAll(() => context.close());

describe('the database schema', () => {
  it('is exactly what the entities describe once the migrations have run (no migration missing)', async () => {
    const { up } = await pendingSchemaChanges(context.dataSource);
    expect(up).toEqual([]);
  });

  it('backs the lists the pages run with indexes', async () => {
    const indexes: { indexname: string }[] = await context.dataSource.query(
      `SELECT indexname FROM pg_indexes WHERE schemaname = 'public'`,
    );
    const names = indexes.map((index) => index.indexname);
    for (const expected of [
      'IDX_users_display_name',
      'IDX_invitations_created',
      'IDX_sessions_user',
      'IDX_space_members_user',
      'IDX_outbox_events_due',
    ]) {
      expect(names).toContain(expected);
    }
  });
});
