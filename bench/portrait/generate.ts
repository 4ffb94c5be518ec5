import { createHmac, randomBytes } from 'node:crypto';

import { hash } from '@node-rs/argon2';
import type { Client } from 'pg';

import { timedSteps } from '../lib/steps';

export const BENCH_PASSWORD = 'banc-d-essai-2026';
/** The development session secret: the bench platform runs without SESSION_SECRET, as `npm start` does. */
const SESSION_SECRET = 'maillage-development-secret-never-use-in-production';

export const BENCH_MEMBERS = 2_000;
export const BENCH_TOPICS = 10_000;
export const BENCH_POSTS = 1_000_000;
export const BENCH_MESSAGES = 200_000;
export const BENCH_RESOURCES = 5_000;
export const BENCH_DOWNLOADS = 100_000;
export const BENCH_EVENTS = 600;
export const BENCH_SEARCH_MISSES = 20_000;
const EXTRA_SPACES = 15;
/** Private groups beside the committees: each reader of the bench sees its own combination of them. */
export const PRIVATE_GROUPS = 11;
export const READERS = 2 ** PRIVATE_GROUPS;
const YEAR_SECONDS = 365 * 24 * 3600;

/** A moment in the past year, spread evenly by `seed` (a SQL expression). */
const inPastYear = (seed: string) => `now() - make_interval(secs => ((${seed})::bigint * 7919) % ${YEAR_SECONDS})`;

/**
 * One year of a network at the bench scale, bulk-loaded server-side (INSERT … SELECT over generate_series): 2,000
 * members over every organization, 15 more network spaces beside the regional, volet and committee spaces (a tenth
 * of the members in each committee), 10,000 topics and 1,000,000 posts, 200,000 chat messages, 5,000 resources and
 * 100,000 downloads, 600 events held with their attendance, and 20,000 searches without results — each dated across
 * the past twelve months. Also 2,048 readers in the Comité directeur, each in its own combination of 11 private groups
 * (so that each sees different figures), with sessions. Prints each step with its time; returns the readers' cookies.
 */
export async function generatePortraitData(db: Client, log: (line: string) => void): Promise<string[]> {
  const step = timedSteps(db, log);
  const passwordHash = await hash(BENCH_PASSWORD);
  const members = `(SELECT array_agg(id ORDER BY email) AS ids FROM users WHERE email LIKE 'banc%')`;
  const visibleSpaces = `(SELECT array_agg(id ORDER BY slug) AS ids, count(*)::int AS n FROM spaces WHERE kind <> 'direct')`;

  await step(
    'members',
    `INSERT INTO users (id, email, display_name, handle, title, role, status, organization_id, password_hash)
     SELECT gen_random_uuid(), 'banc' || g || '@banc.maillage', 'Membre de banc ' || g, 'banc.' || g,
            'Agent de développement', CASE WHEN g = 1 THEN 'admin' ELSE 'member' END, 'active',
            (SELECT array_agg(id ORDER BY slug) FROM organizations)[1 + g % (SELECT count(*) FROM organizations)], $1
     FROM generate_series(1, ${BENCH_MEMBERS}) g`,
    [passwordHash],
  );
  await step(
    'spaces',
    `INSERT INTO spaces (id, slug, name, description, visibility, kind)
     SELECT gen_random_uuid(), 'banc-groupe-' || g, 'Groupe de travail ' || g, 'Espace de banc d’essai', 'network', 'group'
     FROM generate_series(1, ${EXTRA_SPACES}) g`,
  );
  await step(
    'private groups',
    `INSERT INTO spaces (id, slug, name, description, visibility, kind)
     SELECT gen_random_uuid(), 'banc-prive-' || g, 'Groupe privé ' || g, 'Espace de banc d’essai', 'private', 'group'
     FROM generate_series(0, ${PRIVATE_GROUPS - 1}) g`,
  );
  await step(
    'committee memberships',
    `INSERT INTO space_members (space_id, user_id)
     SELECT s.id, u.id FROM spaces s JOIN users u ON u.email LIKE 'banc%' AND hashtext(u.id::text || s.id::text) % 10 = 0
     WHERE s.visibility = 'private' AND s.kind <> 'direct'`,
  );
  const tokens = Array.from({ length: READERS }, () => randomBytes(32).toString('base64url'));
  await step(
    'readers (sessions written directly: a sign-in each would spend minutes in argon2)',
    `WITH readers AS (
       INSERT INTO users (id, email, display_name, handle, role, status, organization_id, password_hash)
       SELECT gen_random_uuid(), 'lecteur' || g || '@banc.maillage', 'Lecteur ' || g, 'lecteur.' || g, 'member', 'active',
              (SELECT id FROM organizations WHERE slug = 'crd'), 'sans-mot-de-passe'
       FROM generate_series(0, ${READERS - 1}) g RETURNING id, email)
     INSERT INTO sessions (id, user_id, token_hash, last_seen_at, expires_at)
     SELECT gen_random_uuid(), id, ($1::bytea[])[substring(email FROM 'lecteur(\\d+)@')::int + 1], now(),
            now() + interval '30 days'
     FROM readers`,
    [tokens.map((token) => createHmac('sha256', SESSION_SECRET).update(token).digest())],
  );
  await step(
    'readers in the Comité directeur and in their own combination of private groups',
    `INSERT INTO space_members (space_id, user_id)
     SELECT s.id, u.id FROM users u JOIN spaces s
       ON s.slug = 'comite-directeur'
       OR (s.slug LIKE 'banc-prive-%'
           AND substring(u.email FROM 'lecteur(\\d+)@')::int & (1 << substring(s.slug FROM 'banc-prive-(\\d+)')::int) <> 0)
     WHERE u.email LIKE 'lecteur%'`,
  );
  await step(
    'topics',
    `INSERT INTO topics (id, space_id, author_id, title, post_count, last_post_number, last_posted_at, created_at)
     SELECT gen_random_uuid(), spaces.ids[1 + g % spaces.n], members.ids[1 + g % ${BENCH_MEMBERS}],
            'Sujet de banc n° ' || g, 100, 100, ${inPastYear('g')}, ${inPastYear('g')}
     FROM generate_series(1, ${BENCH_TOPICS}) g, ${visibleSpaces} spaces, ${members} members`,
  );
  await step(
    'posts (the long one)',
    `WITH numbered AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM topics WHERE title LIKE 'Sujet de banc%')
     INSERT INTO posts (id, topic_id, number, author_id, markdown, html, created_at)
     SELECT gen_random_uuid(), t.id, s.number, members.ids[1 + (t.n * 31 + s.number) % ${BENCH_MEMBERS}],
            'Réponse n° ' || s.number, '<p>Réponse n° ' || s.number || '</p>', ${inPastYear('t.n * 101 + s.number')}
     FROM numbered t CROSS JOIN LATERAL generate_series(1, ${BENCH_POSTS / BENCH_TOPICS}) AS s(number), ${members} members`,
  );
  await step(
    'channels',
    `INSERT INTO channels (id, space_id, name, last_seq)
     SELECT gen_random_uuid(), id, 'banc', ${BENCH_MESSAGES} FROM spaces WHERE kind <> 'direct'`,
  );
  await step(
    'messages',
    `WITH channels AS (SELECT array_agg(id ORDER BY id) AS ids, count(*)::int AS n FROM channels)
     INSERT INTO messages (id, channel_id, seq, client_id, author_id, markdown, html, created_at)
     SELECT gen_random_uuid(), channels.ids[1 + g % channels.n], g, gen_random_uuid(),
            members.ids[1 + (g * 7) % ${BENCH_MEMBERS}], 'Bonjour', '<p>Bonjour</p>', ${inPastYear('g * 13')}
     FROM generate_series(1, ${BENCH_MESSAGES}) g, channels, ${members} members`,
  );
  await step(
    'resources',
    `INSERT INTO resources (id, space_id, author_id, organization_id, format, title, kind, volet, url, created_at)
     SELECT gen_random_uuid(), spaces.ids[1 + g % spaces.n], u.id, u.organization_id, 'link', 'Ressource ' || g, 'guide',
            CASE WHEN g % 3 = 0 THEN 1 + g % 4 END, 'https://exemple.ca/' || g, ${inPastYear('g * 17')}
     FROM generate_series(1, ${BENCH_RESOURCES}) g CROSS JOIN ${visibleSpaces} spaces CROSS JOIN ${members} members
       CROSS JOIN LATERAL (SELECT id, organization_id FROM users WHERE id = members.ids[1 + (g * 11) % ${BENCH_MEMBERS}]) u`,
  );
  await step(
    'downloads',
    `WITH resources AS (SELECT array_agg(id ORDER BY id) AS ids FROM resources),
          organizations AS (SELECT array_agg(id ORDER BY slug) AS ids, count(*)::int AS n FROM organizations)
     INSERT INTO resource_downloads (id, resource_id, organization_id, created_at)
     SELECT gen_random_uuid(), resources.ids[1 + g % ${BENCH_RESOURCES}], organizations.ids[1 + g % organizations.n],
            ${inPastYear('g * 19')}
     FROM generate_series(1, ${BENCH_DOWNLOADS}) g, resources, organizations`,
  );
  await step(
    'events',
    `INSERT INTO events (id, space_id, author_id, organization_id, title, start_local, end_local, time_zone, volet, created_at)
     SELECT gen_random_uuid(), spaces.ids[1 + g % spaces.n], u.id, u.organization_id, 'Rencontre ' || g,
            '2026-01-01 10:00', '2026-01-01 12:00', 'America/Toronto', CASE WHEN g % 2 = 0 THEN 1 + g % 4 END,
            ${inPastYear('g * 23')}
     FROM generate_series(1, ${BENCH_EVENTS}) g CROSS JOIN ${visibleSpaces} spaces CROSS JOIN ${members} members
       CROSS JOIN LATERAL (SELECT id, organization_id FROM users WHERE id = members.ids[1 + (g * 29) % ${BENCH_MEMBERS}]) u`,
  );
  await step(
    'occurrences held',
    `INSERT INTO event_occurrences (id, event_id, original_start, starts_at, ends_at)
     SELECT gen_random_uuid(), id, created_at + interval '3 days', created_at + interval '3 days',
            created_at + interval '3 days 2 hours'
     FROM events WHERE title LIKE 'Rencontre %' AND created_at + interval '3 days' < now()`,
  );
  await step(
    'attendance',
    `INSERT INTO event_rsvps (occurrence_id, user_id, status, answered_at)
     SELECT o.id, u.id, 'going', o.starts_at - interval '1 day'
     FROM event_occurrences o JOIN users u ON u.email LIKE 'banc%' AND hashtext(u.id::text || o.id::text) % 80 = 0`,
  );
  await step(
    'searches without results',
    `WITH organizations AS (SELECT array_agg(id ORDER BY slug) AS ids, count(*)::int AS n FROM organizations)
     INSERT INTO search_misses (id, query, organization_id, created_at)
     SELECT gen_random_uuid(), 'recherche ' || (g % 400), organizations.ids[1 + g % organizations.n], ${inPastYear('g * 31')}
     FROM generate_series(1, ${BENCH_SEARCH_MISSES}) g, organizations`,
  );
  const analyzed = Date.now();
  await db.query('ANALYZE');
  log(`  analyze: ${((Date.now() - analyzed) / 1000).toFixed(1)} s`);
  return tokens.map((token) => `maillage_session=${token}`);
}
