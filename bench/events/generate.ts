import { hash } from '@node-rs/argon2';
import type { Client } from 'pg';

import { timedSteps } from '../lib/steps';

export const BENCH_PASSWORD = 'banc-d-essai-2026';
export const BENCH_EVENTS = Number(process.env.BENCH_EVENTS ?? 50_000);
/** One event in ten repeats weekly, 10 to 29 times. */
const RECURRING_SHARE = 10;
const GROUP_SPACES = 40;
/** Events spread over ten years around today. */
const SPAN_DAYS = 3_650;
export const FEED_EVENTS = 500;

export interface EventBenchData {
  viewerEmail: string;
  viewerId: string;
  occurrences: number;
}

/**
 * Bulk-loads the calendar bench data server-side: 40 group spaces (a third private, the viewer in three of them),
 * 50,000 events over ten years, one in ten weekly with its occurrences written out the way the api writes them
 * (local wall-clock times read in America/Toronto), and a viewer following 500 of them for the feed.
 */
export async function generateEventData(db: Client, log: (line: string) => void): Promise<EventBenchData> {
  const step = timedSteps(db, log);
  const passwordHash = await hash(BENCH_PASSWORD);
  await step(
    'viewer',
    `INSERT INTO users (id, email, display_name, handle, title, role, status, organization_id, password_hash)
     SELECT gen_random_uuid(), 'banc-agenda@banc.maillage', 'Membre de banc', 'banc.agenda', 'Agente de développement',
       'member', 'active', (SELECT id FROM organizations WHERE mrc_code = '10'), $1`,
    [passwordHash],
  );
  await step(
    'spaces',
    `INSERT INTO spaces (id, slug, name, description, visibility, kind)
     SELECT gen_random_uuid(), 'banc-agenda-' || g, 'Groupe de travail ' || g, 'Espace de banc d’essai',
       CASE WHEN g % 3 = 0 THEN 'private' ELSE 'network' END, 'group'
     FROM generate_series(1, ${GROUP_SPACES}) g`,
  );
  await step(
    'viewer memberships',
    `INSERT INTO space_members (space_id, user_id)
     SELECT s.id, u.id FROM spaces s, users u
     WHERE s.slug IN ('banc-agenda-3', 'banc-agenda-6', 'banc-agenda-9') AND u.email = 'banc-agenda@banc.maillage'`,
  );
  await step(
    'events',
    `INSERT INTO events (id, space_id, author_id, organization_id, title, description, start_local, end_local, time_zone,
       municipality, volet, mrc_code, tags, capacity, rrule)
     SELECT gen_random_uuid(), spaces[1 + g % array_length(spaces, 1)], NULL, NULL, 'Rencontre de banc ' || g,
       'Ordre du jour de la rencontre ' || g, start_local, start_local + interval '90 minutes', 'America/Toronto',
       'Rimouski', 1 + g % 4, lpad((7 + g % 8)::text, 2, '0'), ARRAY['banc'], CASE WHEN g % 5 = 0 THEN 30 END,
       CASE WHEN g % ${RECURRING_SHARE} = 0 THEN 'FREQ=WEEKLY;COUNT=' || (10 + g % 20) END
     FROM generate_series(1, ${BENCH_EVENTS}) g,
       LATERAL (SELECT date_trunc('hour', localtimestamp - interval '${SPAN_DAYS / 2} days'
         + (hashtext('e' || g)::bigint % ${SPAN_DAYS * 12} + ${SPAN_DAYS * 12}) % ${SPAN_DAYS * 12} * interval '2 hours'
         + interval '9 hours') AS start_local) times,
       (SELECT array_agg(id ORDER BY slug) AS spaces FROM spaces WHERE slug LIKE 'banc-agenda-%' OR slug = 'reseau-regional') s`,
  );
  await step(
    'occurrences',
    `INSERT INTO event_occurrences (id, event_id, original_start, starts_at, ends_at)
     SELECT gen_random_uuid(), e.id, (e.start_local + k * interval '7 days') AT TIME ZONE e.time_zone,
       (e.start_local + k * interval '7 days') AT TIME ZONE e.time_zone,
       (e.end_local + k * interval '7 days') AT TIME ZONE e.time_zone
     FROM events e, generate_series(0, coalesce(substring(e.rrule FROM 'COUNT=(\\d+)')::int, 1) - 1) k
     WHERE e.title LIKE 'Rencontre de banc %'`,
  );
  await step(
    'feed follows',
    `INSERT INTO event_follows (event_id, user_id)
     SELECT e.id, u.id FROM users u,
       (SELECT e.id FROM events e JOIN spaces s ON s.id = e.space_id
        WHERE s.visibility = 'network' AND e.start_local > localtimestamp - interval '90 days'
        ORDER BY e.start_local LIMIT ${FEED_EVENTS}) e
     WHERE u.email = 'banc-agenda@banc.maillage'`,
  );
  await step('analyze', 'ANALYZE events, event_occurrences, event_follows, event_rsvps, spaces, space_members');
  const [{ id }] = (await db.query(`SELECT id FROM users WHERE email = 'banc-agenda@banc.maillage'`)).rows;
  const [{ count }] = (await db.query('SELECT count(*)::int AS count FROM event_occurrences')).rows;
  return { viewerEmail: 'banc-agenda@banc.maillage', viewerId: id, occurrences: count };
}
