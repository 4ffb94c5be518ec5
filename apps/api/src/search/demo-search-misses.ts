import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';

import { newId } from '../database/ids';

/** A search the demo network made without finding anything: the words, who searched (by organization), when. */
interface DemoMiss {
  query: string;
  organization: string;
  monthsAgo: number;
  times: number;
}

/**
 * What the demo network looked for over its past year and did not find, so that the portrait's "what the network
 * looks for" has something to show on a first start. Searches without results have no other trace than this table.
 */
const MISSES: DemoMiss[] = [
  { query: 'gabarit portrait territorial', organization: 'la-matapedia', monthsAgo: 9, times: 3 },
  { query: 'gabarit portrait territorial', organization: 'les-basques', monthsAgo: 7, times: 2 },
  { query: 'transport collectif rural', organization: 'temiscouata', monthsAgo: 8, times: 2 },
  { query: 'transport collectif rural', organization: 'kamouraska', monthsAgo: 4, times: 1 },
  { query: 'logement abordable aînés', organization: 'rimouski-neigette', monthsAgo: 6, times: 3 },
  { query: 'halte-répit proches aidants', organization: 'cisss-bsl', monthsAgo: 5, times: 2 },
  { query: 'politique de développement social municipale', organization: 'la-mitis', monthsAgo: 3, times: 2 },
  { query: 'cuisines collectives financement', organization: 'la-matanie', monthsAgo: 2, times: 1 },
  { query: 'analyse différenciée selon les sexes gabarit', organization: 'scf', monthsAgo: 2, times: 1 },
  { query: 'reddition de comptes entente sectorielle', organization: 'riviere-du-loup', monthsAgo: 1, times: 2 },
];

@Injectable()
export class DemoSearchMisses {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async seed(now: DateTime = DateTime.now()): Promise<number> {
    const rows = MISSES.flatMap((miss) =>
      Array.from({ length: miss.times }, (_, index) => ({
        ...miss,
        at: now.minus({ months: miss.monthsAgo, days: index * 3 }).toJSDate(),
      })),
    );
    await this.dataSource.query(
      `INSERT INTO search_misses (id, query, organization_id, created_at)
       SELECT id, query, (SELECT o.id FROM organizations o WHERE o.slug = organization), at
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::timestamptz[]) AS miss(id, query, organization, at)`,
      [
        rows.map(() => newId()),
        rows.map((row) => row.query),
        rows.map((row) => row.organization),
        rows.map((row) => row.at),
      ],
    );
    return rows.length;
  }
}
