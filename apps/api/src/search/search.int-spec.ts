import { eventually } from '../../test/eventually';
import { createTestContext, type TestClient, type TestContext } from '../../test/test-app';
import { SearchIndexer } from './search-indexer';

let context: TestContext;
let regional: { id: string };
let committee: { id: string };

beforeAll(async () => {
  context = await createTestContext();
  regional = await context.spaceBySlug('reseau-regional');
  committee = await context.spaceBySlug('comite-directeur');
});

afterAll(() => context.close());

const member = (options: Parameters<TestContext['makeMember']>[0] = {}) => context.signedInMember(options);

async function openTopic(client: TestClient, spaceId: string, title: string, body: string, tags: string[] = []) {
  const response = await client.post(`/api/v1/spaces/${spaceId}/topics`, { title, body, tags });
  expect(response.status).toBe(201);
  return response.body as { id: string };
}

async function search(client: TestClient, query: Record<string, string | string[]>) {
  await context.drainOutbox();
  const response = await client.get('/api/v1/search').query(query);
  expect(response.status).toBe(200);
  return response.body as {
    items: { type: string; id: string; title: { text: string; match: boolean }[]; url: string }[];
    total: number;
    facets: Record<string, { value: string; label: string; count: number }[]>;
    nextCursor: string | null;
  };
}

const idsOf = (results: { items: { id: string }[] }) => results.items.map((item) => item.id);

describe('search in French', () => {
  let writer: TestClient;
  let topicId: string;

  beforeAll(async () => {
    ({ client: writer } = await member({ organization: 'la-mitis' }));
    ({ id: topicId } = await openTopic(
      writer,
      regional.id,
      'Plan d’action en itinérance',
      'Nos aînés et l’égalité femmes-hommes au cœur du plan. Une travailleuse de rue à Mont-Joli.',
      ['logement'],
    ));
  });

  it('finds French text with a typo and without accents', async () => {
    const queries = ['itinerence', 'aines', 'egalite', 'ITINÉRANCE'];
    const found: Record<string, boolean> = {};
    for (const q of queries) found[q] = idsOf(await search(writer, { q })).includes(topicId);
    expect(found).toEqual(Object.fromEntries(queries.map((q) => [q, true])));
  });

  it('keeps the searches that found nothing, by organization, never by person', async () => {
    const count = async () =>
      (await context.dataSource.query('SELECT count(*)::int AS count FROM search_misses'))[0].count as number;
    const before = await count();
    await search(writer, { q: 'itinérance' });
    await search(writer, { q: '  Zoothérapie   rurale ' });
    // Written aside from the answer: wait for it.
    await eventually(count, (now) => now !== before);
    const misses = await context.dataSource.query(
      `SELECT m.query, o.slug FROM search_misses m LEFT JOIN organizations o ON o.id = m.organization_id
       ORDER BY m.created_at DESC LIMIT 2`,
    );
    expect(misses[0]).toEqual({ query: 'zoothérapie rurale', slug: 'la-mitis' });
    expect((await context.dataSource.query('SELECT count(*)::int AS count FROM search_misses'))[0].count).toBe(
      before + 1,
    );
    const columns = (
      await context.dataSource.query(
        `SELECT column_name AS name FROM information_schema.columns WHERE table_name = 'search_misses' ORDER BY 1`,
      )
    ).map((column: { name: string }) => column.name);
    expect(columns).toEqual(['created_at', 'id', 'organization_id', 'query']);
  });

  it('knows the network’s synonyms', async () => {
    const queries = [
      'personnes âgées',
      'personnes agees',
      'travail de rue',
      'travailleur de rue',
      'egalite hommes-femmes',
    ];
    const found: Record<string, boolean> = {};
    for (const q of queries) found[q] = idsOf(await search(writer, { q })).includes(topicId);
    expect(found).toEqual(Object.fromEntries(queries.map((q) => [q, true])));
  });

  it('highlights matches as segments and links to the topic, under its space’s current name', async () => {
    await context.dataSource.query(`UPDATE spaces SET name = 'Réseau régional du BSL' WHERE id = $1`, [regional.id]);
    const results = await search(writer, { q: 'itinerance' });
    const hit = results.items.find((item) => item.id === topicId)!;
    await context.dataSource.query(`UPDATE spaces SET name = 'Réseau régional' WHERE id = $1`, [regional.id]);
    expect(hit.url).toBe(`/sujets/${topicId}`);
    expect((hit as unknown as { spaceName: string }).spaceName).toBe('Réseau régional du BSL');
    expect(hit.title).toContainEqual({ text: 'itinérance', match: true });
    const excerpt = (hit as unknown as { excerpt: { text: string }[] }).excerpt.map((segment) => segment.text).join('');
    expect(excerpt).toMatch(/aînés et l’égalité/);
  });

  it('suggests as members type: grouped by type, titles highlighted, no excerpt (the search box shows none)', async () => {
    await context.drainOutbox();
    const response = await writer.get('/api/v1/search/suggest').query({ q: 'itiné' });
    expect(response.status).toBe(200);
    const topics = (
      response.body as {
        groups: { type: string; items: { id: string; title: { text: string; match: boolean }[]; excerpt: [] }[] }[];
      }
    ).groups.find((group) => group.type === 'topic')!;
    const hit = topics.items.find((item) => item.id === topicId)!;
    expect(hit.title).toContainEqual({ text: 'itiné', match: true });
    expect(hit.excerpt).toEqual([]);
  });

  it('finds replies and people, and counts them in facets', async () => {
    const reply = await writer.post(`/api/v1/topics/${topicId}/posts`, {
      body: 'Le refuge de Rimouski ouvre en décembre.',
    });
    expect(reply.status).toBe(201);
    const { user: person } = await member({ displayName: 'Geneviève Bérubé-Lavoie', organization: 'kamouraska' });
    const replies = await search(writer, { q: 'refuge' });
    expect(replies.items[0]).toMatchObject({ type: 'post', id: reply.body.id });
    const people = await search(writer, { q: 'genevieve berube' });
    expect(people.items[0]).toMatchObject({ type: 'person', id: person.id, url: `/membres/${person.handle}` });
    expect(people.facets.mrc).toContainEqual({ value: '14', label: 'Kamouraska', count: 1 });

    const all = await search(writer, { q: 'itinerance refuge' });
    expect(all.facets.space).toContainEqual(expect.objectContaining({ value: regional.id, label: 'Réseau régional' }));
    const onlyPosts = await search(writer, { q: 'refuge', type: 'post' });
    expect(onlyPosts.items.every((item) => item.type === 'post')).toBe(true);
    expect((await search(writer, { q: 'refuge', type: 'person' })).items).toEqual([]);
  });

  it('filters by tag, MRC and date, and sorts by date', async () => {
    expect(idsOf(await search(writer, { q: 'itinerance', tag: 'logement' }))).toContain(topicId);
    expect(idsOf(await search(writer, { q: 'itinerance', tag: 'transport' }))).not.toContain(topicId);
    expect(idsOf(await search(writer, { q: 'itinerance', mrc: '09' }))).toContain(topicId);
    expect(idsOf(await search(writer, { q: 'itinerance', mrc: ['07', '08'] }))).not.toContain(topicId);
    expect(idsOf(await search(writer, { q: 'itinerance', to: '2020-01-01' }))).toEqual([]);
    const recent = await search(writer, { q: '', sort: 'recent', limit: '50' });
    const dates = recent.items.map((item) => (item as unknown as { createdAt: string }).createdAt);
    expect([...dates].sort().reverse()).toEqual(dates);
  });

  it('refuses bad filters with a clear error', async () => {
    const response = await writer
      .get('/api/v1/search')
      .query({ q: 'x', volet: '9', from: '2026-05-01', to: '2026-01-01' });
    expect(response.status).toBe(400);
    const paths = response.body.errors.map((error: { path: string }) => error.path);
    expect(paths).toEqual(expect.arrayContaining(['query.volet', 'query.to']));
  });

  it('drops what is deleted, hidden or moved out of sight', async () => {
    const topic = await openTopic(writer, regional.id, 'Cuisines collectives', 'Les cuisines collectives de Matane.');
    expect(idsOf(await search(writer, { q: 'cuisines collectives' }))).toContain(topic.id);
    expect((await writer.delete(`/api/v1/topics/${topic.id}/posts/1`)).status).toBe(204);
    expect(idsOf(await search(writer, { q: 'cuisines collectives' }))).not.toContain(topic.id);

    const { client: admin } = await member({ role: 'admin', organization: 'crd' });
    const moved = await openTopic(writer, regional.id, 'Fonds de soutien', 'Le fonds québécois de soutien.');
    await writer.post(`/api/v1/topics/${moved.id}/posts`, { body: 'Le fonds ouvre son appel en mars.' });
    expect((await search(writer, { q: 'fonds' })).total).toBe(2);
    expect((await admin.patch(`/api/v1/topics/${moved.id}`, { spaceId: committee.id })).status).toBe(200);
    expect((await search(writer, { q: 'fonds' })).total).toBe(0);
    expect((await search(admin, { q: 'fonds' })).total).toBe(2);
  });
});

describe('permission safety', () => {
  it('never shows a non-member private content, in hits, facets or suggestions', async () => {
    const { user: insiderUser, client: insider } = await member();
    await context.dataSource.query('INSERT INTO space_members (space_id, user_id) VALUES ($1, $2)', [
      committee.id,
      insiderUser.id,
    ]);
    const secret = await openTopic(
      insider,
      committee.id,
      'Budget confidentiel du comité',
      'Répartition confidentielle zygomorphe de l’enveloppe.',
      ['confidentiel'],
    );
    const { client: outsider } = await member();

    expect(idsOf(await search(insider, { q: 'zygomorphe' }))).toEqual([secret.id]);
    const seen = await search(outsider, { q: 'zygomorphe' });
    expect(seen.items).toEqual([]);
    expect(seen.total).toBe(0);
    const queries: Record<string, string>[] = [{ q: '' }, { q: 'confidentiel' }, { q: '', tag: 'confidentiel' }];
    for (const query of queries) {
      const results = await search(outsider, query);
      expect(idsOf(results)).not.toContain(secret.id);
      expect(results.facets.space.map((facet) => facet.value)).not.toContain(committee.id);
      expect(results.facets.tag.map((facet) => facet.value)).not.toContain('confidentiel');
    }
    const asked = await search(outsider, { q: 'zygomorphe', space: committee.id });
    expect(asked.items).toEqual([]);
    const suggestions = await outsider.get('/api/v1/search/suggest').query({ q: 'zygomorphe' });
    expect(suggestions.status).toBe(200);
    expect(suggestions.body.groups).toEqual([]);
    const insiderSuggestions = await insider.get('/api/v1/search/suggest').query({ q: 'zygomorphe' });
    expect(insiderSuggestions.body.groups).toMatchObject([{ type: 'topic', total: 1, items: [{ id: secret.id }] }]);
  });

  it('forgets a deactivated member', async () => {
    const { client: viewer } = await member();
    const { user } = await member({ displayName: 'Rosalie Quimper-Tremblay' });
    expect(idsOf(await search(viewer, { q: 'quimper' }))).toContain(user.id);
    const { client: admin } = await member({ role: 'admin', organization: 'crd' });
    expect((await admin.patch(`/api/v1/admin/members/${user.id}`, { status: 'deactivated' })).status).toBe(200);
    expect(idsOf(await search(viewer, { q: 'quimper' }))).not.toContain(user.id);
  });

  it('asks for a session', async () => {
    const anonymous = await context.client();
    expect((await anonymous.get('/api/v1/search').query({ q: 'x' })).status).toBe(401);
  });
});

describe('rebuilding the index', () => {
  it('swaps in a rebuilt index while queries keep answering, and keeps writes made meanwhile', async () => {
    const { client } = await member();
    const topic = await openTopic(
      client,
      regional.id,
      'Transport collectif rural',
      'Le transport collectif en milieu rural.',
    );
    await context.drainOutbox();
    const indexer = context.app.get(SearchIndexer);

    let rebuilding = true;
    const answers: number[] = [];
    const queries = (async () => {
      while (rebuilding) {
        const response = await client.get('/api/v1/search').query({ q: 'transport collectif' });
        answers.push(response.status);
        expect(idsOf(response.body)).toContain(topic.id);
      }
    })();
    const progress: { type: string; done: number; total: number }[] = [];
    const rebuilt = indexer.rebuild((step) => progress.push(step));
    // Written while the rebuild runs: it must be found once the rebuild is swapped in.
    const during = await openTopic(
      client,
      regional.id,
      'Covoiturage solidaire',
      'Un covoiturage solidaire au Témiscouata.',
    );
    const written = await rebuilt;
    rebuilding = false;
    await queries;

    expect(written).toBeGreaterThan(0);
    expect(answers.length).toBeGreaterThan(0);
    expect(answers.every((status) => status === 200)).toBe(true);
    expect(
      progress
        .filter((step) => step.done === step.total)
        .map((step) => step.type)
        .sort(),
    ).toEqual(['event', 'message', 'person', 'post', 'resource', 'topic']);
    expect(idsOf(await search(client, { q: 'transport collectif' }))).toContain(topic.id);
    expect(idsOf(await search(client, { q: 'covoiturage' }))).toContain(during.id);
  });
});
