import { hash } from '@node-rs/argon2';
import type { Client } from 'pg';

import { timedSteps } from '../lib/steps';

export const BENCH_PASSWORD = 'banc-d-essai-2026';
export const BENCH_MEMBERS = 2_000;
/** BENCH_TOPICS scales the data down for quick comparisons; reports are made at the default. */
export const BENCH_TOPICS = Number(process.env.BENCH_TOPICS ?? 50_000);
export const REPLIES_PER_TOPIC = 19;
/** With the topics and the members: 1,002,000 documents. */
export const BENCH_DOCUMENTS = BENCH_MEMBERS + BENCH_TOPICS * (1 + REPLIES_PER_TOPIC);
const EXTRA_SPACES = 20;

/** The words bench documents are drawn from: the network's own vocabulary, so that queries hit realistic lists. */
const VOCABULARY = [
  'itinérance',
  'logement',
  'aînés',
  'travail',
  'rue',
  'sécurité',
  'alimentaire',
  'transport',
  'collectif',
  'concertation',
  'table',
  'pauvreté',
  'exclusion',
  'sociale',
  'portrait',
  'territoire',
  'municipalité',
  'communautaire',
  'organisme',
  'financement',
  'entente',
  'sectorielle',
  'développement',
  'social',
  'proche',
  'aidance',
  'égalité',
  'femmes',
  'hommes',
  'jeunesse',
  'famille',
  'petite',
  'enfance',
  'persévérance',
  'scolaire',
  'santé',
  'mentale',
  'participation',
  'citoyenne',
  'bénévoles',
  'cuisine',
  'collective',
  'épicerie',
  'solidaire',
  'refuge',
  'hébergement',
  'intervenante',
  'intervenant',
  'milieu',
  'rural',
  'village',
  'MRC',
  'Mitis',
  'Matanie',
  'Matapédia',
  'Rimouski',
  'Basques',
  'Témiscouata',
  'Kamouraska',
  'Rivière-du-Loup',
  'comité',
  'rencontre',
  'formation',
  'outil',
  'gabarit',
  'guide',
  'rapport',
  'bilan',
  'plan',
  'action',
  'priorités',
  'besoins',
  'ressources',
  'partenaires',
  'CISSS',
  'ministère',
  'programme',
  'projet',
  'appel',
  'soutien',
  'accompagnement',
  'mobilisation',
  'réseau',
  'régional',
  'local',
  'agente',
  'agent',
  'coordination',
  'évaluation',
  'indicateurs',
  'données',
  'recensement',
  'revenu',
  'emploi',
  'insertion',
  'immigration',
  'accueil',
  'loisirs',
  'culture',
  'bibliothèque',
  'école',
  'parents',
  'habitation',
  'coopérative',
  'loyer',
  'salubrité',
  'violence',
  'prévention',
  'dépannage',
  'banque',
  'jardins',
  'covoiturage',
  'navette',
  'médecin',
  'clinique',
  'maintien',
  'domicile',
  'répit',
];

/**
 * Bulk-loads one million searchable documents server-side (INSERT … SELECT over generate_series): 2,000 members,
 * 20 more spaces (a quarter private, each with a tenth of the members), 50,000 topics and 950,000 replies whose text
 * is drawn from the network's vocabulary.
 */
export async function generateSearchData(db: Client, log: (line: string) => void): Promise<void> {
  const step = timedSteps(db, log);
  const passwordHash = await hash(BENCH_PASSWORD);
  // `words(seed, count)`: `count` words of the vocabulary chosen by hashing `seed`, so rows differ and runs repeat.
  await db.query(`CREATE TEMP TABLE bench_vocabulary AS SELECT $1::text[] AS words`, [VOCABULARY]);
  const words = (seed: string, count: string) =>
    `(SELECT string_agg(v.words[1 + abs(hashtext(${seed} || ':' || i)) % ${VOCABULARY.length}], ' ')
      FROM generate_series(1, ${count}) i, bench_vocabulary v)`;

  await step(
    'members',
    `INSERT INTO users (id, email, display_name, handle, title, role, status, organization_id, password_hash)
     SELECT uuidv7(), 'banc' || g || '@banc.maillage', 'Membre ' || g || ' ' || ${words("'nom' || g", '2')}, 'banc.' || g,
            'Agente de développement social', 'member', 'active',
            (SELECT array_agg(id ORDER BY slug) FROM organizations)[1 + g % (SELECT count(*) FROM organizations)], $1
     FROM generate_series(1, ${BENCH_MEMBERS}) g`,
    [passwordHash],
  );
  await step(
    'spaces',
    `INSERT INTO spaces (id, slug, name, description, visibility, kind)
     SELECT uuidv7(), 'banc-groupe-' || g, 'Groupe de travail ' || g, 'Espace de banc d’essai',
            CASE WHEN g % 4 = 0 THEN 'private' ELSE 'network' END, 'group'
     FROM generate_series(1, ${EXTRA_SPACES}) g`,
  );
  await step(
    'private-space memberships',
    `INSERT INTO space_members (space_id, user_id)
     SELECT s.id, u.id FROM spaces s JOIN users u ON u.email LIKE 'banc%' AND abs(hashtext(u.id::text || s.id::text)) % 10 = 0
     WHERE s.visibility = 'private'`,
  );
  await step(
    'topics',
    `WITH spaces_all AS (SELECT array_agg(id ORDER BY slug) AS ids, count(*)::int AS n FROM spaces),
          members AS (SELECT array_agg(id ORDER BY email) AS ids FROM users WHERE email LIKE 'banc%')
     INSERT INTO topics (id, space_id, author_id, title, tags, post_count, last_post_number, last_posted_at, created_at, updated_at)
     SELECT uuidv7(), spaces_all.ids[1 + g % spaces_all.n], members.ids[1 + g % ${BENCH_MEMBERS}],
            initcap(${words("'t' || g", '6')}),
            ARRAY[CASE g % 4 WHEN 0 THEN 'itinérance' WHEN 1 THEN 'logement' WHEN 2 THEN 'aînés' ELSE 'transport' END],
            ${1 + REPLIES_PER_TOPIC}, ${1 + REPLIES_PER_TOPIC},
            now() - make_interval(mins => g), now() - make_interval(mins => g * 10), now()
     FROM generate_series(1, ${BENCH_TOPICS}) g, spaces_all, members`,
  );
  // The bench's own topics: the demo network's first conversations are already there, with their posts.
  await db.query(`CREATE TEMP TABLE bench_topics AS
    SELECT row_number() OVER (ORDER BY t.id) AS n, t.id, t.created_at FROM topics t
    WHERE t.author_id IN (SELECT id FROM users WHERE email LIKE 'banc%')`);
  await step(
    'opening posts',
    `INSERT INTO posts (id, topic_id, number, author_id, markdown, html, created_at)
     SELECT uuidv7(), t.id, 1, topics.author_id, body, '<p>' || body || '</p>', t.created_at
     FROM bench_topics t JOIN topics ON topics.id = t.id, LATERAL (SELECT ${words("'o' || t.n", '40')} AS body) b`,
  );
  await step(
    'replies (the long one)',
    `WITH members AS (SELECT array_agg(id ORDER BY email) AS ids FROM users WHERE email LIKE 'banc%')
     INSERT INTO posts (id, topic_id, number, author_id, markdown, html, created_at)
     SELECT uuidv7(), t.id, 1 + r, members.ids[1 + (t.n * 31 + r) % ${BENCH_MEMBERS}], body, '<p>' || body || '</p>',
            t.created_at + make_interval(mins => r)
     FROM bench_topics t CROSS JOIN LATERAL generate_series(1, ${REPLIES_PER_TOPIC}) AS r, members,
          LATERAL (SELECT ${words("t.n || '-' || r", '25')} AS body) b`,
  );
  const analyzed = Date.now();
  await db.query('ANALYZE');
  log(`  analyze: ${((Date.now() - analyzed) / 1000).toFixed(1)} s`);
}
