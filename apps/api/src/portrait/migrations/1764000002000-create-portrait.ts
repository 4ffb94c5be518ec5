import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The month of a moment in America/Toronto: a post at 23:30 on March 31 belongs to March, whatever UTC says. */
const month = (column: string) => `date_trunc('month', ${column} AT TIME ZONE 'America/Toronto')::date`;
/** Rows without an organization (accounts that never had one) keep a key that REFRESH … CONCURRENTLY can match. */
const NO_ORGANIZATION = `'00000000-0000-0000-0000-000000000000'::uuid`;
/** Occurrences of events with their space and the given joins; an event counts once started, as held, never cancelled. */
const heldOccurrences = (joins: string) =>
  `event_occurrences o JOIN events e ON e.id = o.event_id JOIN spaces s ON s.id = e.space_id ${joins}
   WHERE o.starts_at <= now() AND o.cancelled_at IS NULL AND e.cancelled_at IS NULL`;
const ATTENDEES = `JOIN event_rsvps a ON a.occurrence_id = o.id AND a.status = 'going' JOIN users u ON u.id = a.user_id`;

/**
 * The network portrait's aggregates, per month (America/Toronto), space, organization and volet: the counts of each
 * kind of activity and who took part. Kept per space so that a private space's activity counts only for those who
 * may see it; refreshed on a schedule (PortraitRefresher), never computed from raw rows per page view. Direct
 * conversations are left out: they are nobody's portrait. A volet is the item's own (resources, events) or else its
 * space's; 0 when none.
 */
export class CreatePortrait1764000002000 implements MigrationInterface {
  name = 'CreatePortrait1764000002000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE MATERIALIZED VIEW portrait_activity AS
      WITH facts AS (
        SELECT 'topics' AS metric, ${month('t.created_at')} AS month, t.space_id,
               coalesce(u.organization_id, ${NO_ORGANIZATION}) AS organization_id,
               coalesce(s.volet_number, 0) AS volet, count(*) AS n
        FROM topics t JOIN spaces s ON s.id = t.space_id LEFT JOIN users u ON u.id = t.author_id
        WHERE t.deleted_at IS NULL
        GROUP BY 2, 3, 4, 5
        UNION ALL
        SELECT 'replies', ${month('p.created_at')}, t.space_id, coalesce(u.organization_id, ${NO_ORGANIZATION}),
               coalesce(s.volet_number, 0), count(*)
        FROM posts p JOIN topics t ON t.id = p.topic_id JOIN spaces s ON s.id = t.space_id
          LEFT JOIN users u ON u.id = p.author_id
        WHERE p.number > 1 AND p.deleted_at IS NULL AND t.deleted_at IS NULL
        GROUP BY 2, 3, 4, 5
        UNION ALL
        SELECT 'messages', ${month('m.created_at')}, c.space_id, coalesce(u.organization_id, ${NO_ORGANIZATION}),
               coalesce(s.volet_number, 0), count(*)
        FROM messages m JOIN channels c ON c.id = m.channel_id JOIN spaces s ON s.id = c.space_id
          LEFT JOIN users u ON u.id = m.author_id
        WHERE m.deleted_at IS NULL AND s.kind <> 'direct'
        GROUP BY 2, 3, 4, 5
        UNION ALL
        SELECT 'resources', ${month('r.created_at')}, r.space_id,
               coalesce(r.organization_id, u.organization_id, ${NO_ORGANIZATION}),
               coalesce(r.volet, s.volet_number, 0), count(*)
        FROM resources r JOIN spaces s ON s.id = r.space_id LEFT JOIN users u ON u.id = r.author_id
        WHERE r.deleted_at IS NULL
        GROUP BY 2, 3, 4, 5
        UNION ALL
        SELECT 'downloads', ${month('d.created_at')}, r.space_id, coalesce(d.organization_id, ${NO_ORGANIZATION}),
               coalesce(r.volet, s.volet_number, 0), count(*)
        FROM resource_downloads d JOIN resources r ON r.id = d.resource_id JOIN spaces s ON s.id = r.space_id
        GROUP BY 2, 3, 4, 5
        UNION ALL
        SELECT 'events', ${month('o.starts_at')}, e.space_id,
               coalesce(e.organization_id, u.organization_id, ${NO_ORGANIZATION}),
               coalesce(e.volet, s.volet_number, 0), count(*)
        FROM ${heldOccurrences('LEFT JOIN users u ON u.id = e.author_id')}
        GROUP BY 2, 3, 4, 5
        UNION ALL
        SELECT 'attendance', ${month('o.starts_at')}, e.space_id, coalesce(u.organization_id, ${NO_ORGANIZATION}),
               coalesce(e.volet, s.volet_number, 0), count(*)
        FROM ${heldOccurrences(ATTENDEES)}
        GROUP BY 2, 3, 4, 5
      ),
      counts AS (
        SELECT month, space_id, organization_id, volet,
             sum(n) FILTER (WHERE metric = 'topics')::int AS topics,
             sum(n) FILTER (WHERE metric = 'replies')::int AS replies,
             sum(n) FILTER (WHERE metric = 'messages')::int AS messages,
             sum(n) FILTER (WHERE metric = 'resources')::int AS resources_shared,
             sum(n) FILTER (WHERE metric = 'downloads')::int AS downloads,
             sum(n) FILTER (WHERE metric = 'events')::int AS events_held,
             sum(n) FILTER (WHERE metric = 'attendance')::int AS attendance
        FROM facts GROUP BY month, space_id, organization_id, volet
      ),
      participation AS (
        SELECT ${month('t.created_at')} AS month, t.space_id, coalesce(s.volet_number, 0) AS volet,
               u.id AS user_id, coalesce(u.organization_id, ${NO_ORGANIZATION}) AS organization_id
        FROM topics t JOIN spaces s ON s.id = t.space_id JOIN users u ON u.id = t.author_id
        WHERE t.deleted_at IS NULL
        UNION
        SELECT ${month('p.created_at')}, t.space_id, coalesce(s.volet_number, 0), u.id,
               coalesce(u.organization_id, ${NO_ORGANIZATION})
        FROM posts p JOIN topics t ON t.id = p.topic_id JOIN spaces s ON s.id = t.space_id
          JOIN users u ON u.id = p.author_id
        WHERE p.deleted_at IS NULL AND t.deleted_at IS NULL
        UNION
        SELECT ${month('m.created_at')}, c.space_id, coalesce(s.volet_number, 0), u.id,
               coalesce(u.organization_id, ${NO_ORGANIZATION})
        FROM messages m JOIN channels c ON c.id = m.channel_id JOIN spaces s ON s.id = c.space_id
          JOIN users u ON u.id = m.author_id
        WHERE m.deleted_at IS NULL AND s.kind <> 'direct'
        UNION
        SELECT ${month('r.created_at')}, r.space_id, coalesce(r.volet, s.volet_number, 0), u.id,
               coalesce(u.organization_id, ${NO_ORGANIZATION})
        FROM resources r JOIN spaces s ON s.id = r.space_id JOIN users u ON u.id = r.author_id
        WHERE r.deleted_at IS NULL
        UNION
        SELECT ${month('e.created_at')}, e.space_id, coalesce(e.volet, s.volet_number, 0), u.id,
               coalesce(u.organization_id, ${NO_ORGANIZATION})
        FROM events e JOIN spaces s ON s.id = e.space_id JOIN users u ON u.id = e.author_id
        UNION
        SELECT ${month('o.starts_at')}, e.space_id, coalesce(e.volet, s.volet_number, 0), u.id,
               coalesce(u.organization_id, ${NO_ORGANIZATION})
        FROM ${heldOccurrences(ATTENDEES)}
      ),
      -- Who took part, as one bit per account: a period's rows OR-ed together count each person once, in
      -- milliseconds, where counting distinct members took a second at the bench scale.
      numbered AS (SELECT id, (row_number() OVER (ORDER BY id) - 1)::int AS bit FROM users),
      nobody AS (SELECT repeat('0', (SELECT count(*)::int FROM users))::varbit AS bits),
      members AS (
        SELECT p.month, p.space_id, p.organization_id, p.volet, bit_or(set_bit(nobody.bits, n.bit, 1)) AS members
        FROM participation p JOIN numbered n ON n.id = p.user_id CROSS JOIN nobody
        GROUP BY p.month, p.space_id, p.organization_id, p.volet
      )
      SELECT month, space_id, organization_id, volet,
             coalesce(topics, 0) AS topics, coalesce(replies, 0) AS replies, coalesce(messages, 0) AS messages,
             coalesce(resources_shared, 0) AS resources_shared, coalesce(downloads, 0) AS downloads,
             coalesce(events_held, 0) AS events_held, coalesce(attendance, 0) AS attendance,
             coalesce(members, nobody.bits) AS members
      FROM counts FULL JOIN members USING (month, space_id, organization_id, volet) CROSS JOIN nobody`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_portrait_activity" ON portrait_activity (month, space_id, organization_id, volet)`,
    );

    await queryRunner.query(`
      CREATE MATERIALIZED VIEW portrait_search_misses AS
      SELECT ${month('created_at')} AS month, coalesce(organization_id, ${NO_ORGANIZATION}) AS organization_id,
             query, count(*)::int AS misses
      FROM search_misses GROUP BY 1, 2, 3`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_portrait_search_misses" ON portrait_search_misses (month, organization_id, query)`,
    );

    await queryRunner.query(
      `CREATE TABLE portrait_refreshes (id boolean PRIMARY KEY DEFAULT true CHECK (id), refreshed_at timestamptz NOT NULL)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE portrait_refreshes`);
    await queryRunner.query(`DROP MATERIALIZED VIEW portrait_search_misses`);
    await queryRunner.query(`DROP MATERIALIZED VIEW portrait_activity`);
  }
}
