import { hash } from '@node-rs/argon2';
import type { Client } from 'pg';

import { timedSteps } from '../lib/steps';

export const BENCH_PASSWORD = 'banc-d-essai-2026';
export const BENCH_MEMBERS = 2_000;
export const BENCH_TOPICS = 10_000;
export const BENCH_POSTS = 1_000_000;
/** One long thread, so that a deep page is really deep. */
export const LONG_TOPIC_POSTS = 50_000;
const EXTRA_SPACES = 15;

export interface BenchData {
  spaceId: string;
  longTopicId: string;
  topicIds: string[];
}

/**
 * Bulk-loads the forum bench data server-side (INSERT … SELECT over generate_series): 2,000 members, 15 more network
 * spaces, 10,000 topics and 1,000,000 posts, one topic holding 50,000 of them. Prints each step with its time.
 */
export async function generateForumData(db: Client, log: (line: string) => void): Promise<BenchData> {
  const step = timedSteps(db, log);
  const [{ version }] = (await db.query('SHOW server_version_num')).rows.map((row) => ({
    version: Number(row.server_version_num),
  }));
  const uuid = version >= 180_000 ? 'uuidv7()' : 'gen_random_uuid()';
  const passwordHash = await hash(BENCH_PASSWORD);

  await step(
    'members',
    `INSERT INTO users (id, email, display_name, handle, title, role, status, organization_id, password_hash)
     SELECT ${uuid}, 'banc' || g || '@banc.maillage', 'Membre de banc ' || g, 'banc.' || g, 'Agent de développement',
            'member', 'active', (SELECT array_agg(id ORDER BY slug) FROM organizations)[1 + g % (SELECT count(*) FROM organizations)], $1
     FROM generate_series(1, ${BENCH_MEMBERS}) g`,
    [passwordHash],
  );
  await step(
    'spaces',
    `INSERT INTO spaces (id, slug, name, description, visibility, kind)
     SELECT ${uuid}, 'banc-groupe-' || g, 'Groupe de travail ' || g, 'Espace de banc d’essai', 'network', 'group'
     FROM generate_series(1, ${EXTRA_SPACES}) g`,
  );
  await step(
    'private-space memberships',
    `INSERT INTO space_members (space_id, user_id)
     SELECT s.id, u.id FROM spaces s JOIN users u ON u.email LIKE 'banc%' AND hashtext(u.id::text || s.id::text) % 10 = 0
     WHERE s.visibility = 'private'`,
  );
  await db.query(`CREATE TEMP TABLE bench_topics AS
    SELECT g AS n, ${uuid} AS id,
           CASE WHEN g = 1 THEN ${LONG_TOPIC_POSTS} ELSE 90 + (g % 11) END AS posts
    FROM generate_series(1, ${BENCH_TOPICS}) g`);
  // Bring the total to exactly BENCH_POSTS by adjusting the second topic.
  const [{ total }] = (await db.query('SELECT sum(posts)::int AS total FROM bench_topics')).rows;
  await db.query('UPDATE bench_topics SET posts = posts + $1 WHERE n = 2', [BENCH_POSTS - total]);
  await step(
    'topics',
    `WITH network AS (SELECT array_agg(id ORDER BY slug) AS ids, count(*)::int AS n FROM spaces WHERE visibility = 'network'),
          members AS (SELECT array_agg(id ORDER BY email) AS ids FROM users WHERE email LIKE 'banc%')
     INSERT INTO topics (id, space_id, author_id, title, tags, post_count, last_post_number, like_count, last_posted_at, created_at, updated_at)
     SELECT t.id,
            CASE WHEN t.n = 1 THEN (SELECT id FROM spaces WHERE slug = 'reseau-regional') ELSE network.ids[1 + t.n % network.n] END,
            members.ids[1 + t.n % ${BENCH_MEMBERS}],
            'Sujet de banc d’essai n° ' || t.n || ' : pratiques en développement social',
            ARRAY['banc', CASE t.n % 3 WHEN 0 THEN 'itinérance' WHEN 1 THEN 'logement' ELSE 'aînés' END],
            t.posts, t.posts, t.n % 17,
            now() - make_interval(mins => t.n), now() - make_interval(mins => t.n + 200000), now()
     FROM bench_topics t, network, members`,
  );
  await step(
    'posts (this is the long one)',
    `WITH members AS (SELECT array_agg(id ORDER BY email) AS ids FROM users WHERE email LIKE 'banc%')
     INSERT INTO posts (id, topic_id, number, author_id, markdown, html, created_at)
     SELECT ${uuid}, t.id, s.number, members.ids[1 + (t.n * 31 + s.number) % ${BENCH_MEMBERS}],
            'Réponse n° ' || s.number || ' : à **La Mitis**, la table de concertation se réunit chaque mois; voir https://exemple.ca/portrait-' || s.number,
            '<p>Réponse n° ' || s.number || ' : à <strong>La Mitis</strong>, la table de concertation se réunit chaque mois; voir <a href="https://exemple.ca/portrait-' || s.number || '" rel="noopener nofollow ugc">https://exemple.ca/portrait-' || s.number || '</a></p>',
            now() - make_interval(mins => t.n + 200000) + make_interval(secs => s.number)
     FROM bench_topics t CROSS JOIN LATERAL generate_series(1, t.posts) AS s(number), members`,
  );
  await step(
    'reading state of the bench member',
    `INSERT INTO topic_reads (user_id, topic_id, last_read_number)
     SELECT (SELECT id FROM users WHERE email = 'banc1@banc.maillage'), id, greatest(1, posts - n % 5) FROM bench_topics WHERE n % 4 = 0`,
  );
  const analyzed = Date.now();
  // As autovacuum would have by then: visibility maps set, statistics current, and no vacuum during the measures.
  await db.query('VACUUM ANALYZE');
  log(`  vacuum and analyze: ${((Date.now() - analyzed) / 1000).toFixed(1)} s`);

  const { rows } = await db.query(`SELECT t.id FROM bench_topics t ORDER BY t.n`);
  const [{ space_id: spaceId }] = (await db.query(`SELECT space_id FROM topics WHERE id = $1`, [rows[1].id])).rows;
  return { spaceId, longTopicId: rows[0].id, topicIds: rows.map((row) => row.id as string) };
}
