import { z } from 'zod';

import { IsoDateTime } from './common';
import { OrganizationKind } from './organizations';
import { MrcCode } from './search';

/** A month, `2026-04`: the portrait's periods are whole months of America/Toronto. */
export const PortraitMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Mois au format AAAA-MM');

/** The longest period a page covers, in months (five agreement years). */
export const PORTRAIT_MAX_MONTHS = 60;

/** The months from `from` to `to` inclusive (0 when `to` comes first). */
export const monthSpan = (from: string, to: string): number => {
  const [fromYear, fromMonth] = from.split('-').map(Number);
  const [toYear, toMonth] = to.split('-').map(Number);
  return (toYear! - fromYear!) * 12 + (toMonth! - fromMonth!) + 1;
};

/** Each month of the period, in order. */
export const monthsOf = (from: string, to: string): string[] => {
  const [year, month] = from.split('-').map(Number);
  return Array.from({ length: Math.max(0, monthSpan(from, to)) }, (_, index) => {
    const total = year! * 12 + (month! - 1) + index;
    return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
  });
};

/** The agreement's year runs from April to March: agreement year 2026 is April 2026 to March 2027. */
export const agreementYear = (startYear: number) => ({ from: `${startYear}-04`, to: `${startYear + 1}-03` });
export const calendarYear = (year: number) => ({ from: `${year}-01`, to: `${year}-12` });
/** The agreement year holding a month. */
export const agreementYearOf = (month: string): number => {
  const [year, monthNumber] = month.split('-').map(Number);
  return monthNumber! >= 4 ? year! : year! - 1;
};

export const PortraitPeriod = z.object({ from: PortraitMonth, to: PortraitMonth }).meta({ id: 'PortraitPeriod' });
export type PortraitPeriod = z.infer<typeof PortraitPeriod>;

/** A period and, optionally, a second one to compare with; without a period, the current agreement year. */
export const PortraitQuery = z
  .strictObject({
    from: PortraitMonth.optional(),
    to: PortraitMonth.optional(),
    compareFrom: PortraitMonth.optional(),
    compareTo: PortraitMonth.optional(),
  })
  .superRefine((query, context) => {
    const pairs = [
      ['from', 'to'],
      ['compareFrom', 'compareTo'],
    ] as const;
    for (const [start, end] of pairs) {
      const first = query[start];
      const last = query[end];
      if ((first === undefined) !== (last === undefined)) {
        context.addIssue({
          code: 'custom',
          path: [first === undefined ? start : end],
          message: 'Donnez les deux bornes',
        });
      } else if (first !== undefined && last !== undefined) {
        const span = monthSpan(first, last);
        if (span < 1) context.addIssue({ code: 'custom', path: [end], message: 'La fin précède le début' });
        else if (span > PORTRAIT_MAX_MONTHS)
          context.addIssue({ code: 'custom', path: [end], message: `Au plus ${PORTRAIT_MAX_MONTHS} mois` });
      }
    }
    if (query.compareFrom !== undefined && query.from === undefined)
      context.addIssue({ code: 'custom', path: ['from'], message: 'Une comparaison demande une période' });
  });

/** What the portrait counts. Active members and attendance count people: small numbers of them are withheld. */
export const PortraitMetric = z.enum([
  'activeMembers',
  'topics',
  'replies',
  'messages',
  'resourcesShared',
  'downloads',
  'eventsHeld',
  'attendance',
  'searchMisses',
]);
export type PortraitMetric = z.infer<typeof PortraitMetric>;

/** The metrics that count people, withheld under PORTRAIT_SMALL_COUNT. */
export const PEOPLE_METRICS: readonly PortraitMetric[] = ['activeMembers', 'attendance'];
/** Counts of people under this are shown as "fewer than 5", never exactly. */
export const PORTRAIT_SMALL_COUNT = 5;

/** A count; null when it counts fewer than 5 people (but some) and is withheld. */
const Count = z.number().int().nullable();
export const PortraitFigures = z
  .object(
    Object.fromEntries(PortraitMetric.options.map((metric) => [metric, Count])) as Record<PortraitMetric, typeof Count>,
  )
  .meta({ id: 'PortraitFigures' });
export type PortraitFigures = z.infer<typeof PortraitFigures>;

export const PortraitScope = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('network') }),
    z.object({ kind: z.literal('mrc'), code: MrcCode, slug: z.string(), name: z.string() }),
    z.object({ kind: z.literal('volet'), number: z.number().int(), name: z.string() }),
  ])
  .meta({ id: 'PortraitScope' });
export type PortraitScope = z.infer<typeof PortraitScope>;

export const PortraitPage = z
  .object({
    scope: PortraitScope,
    period: PortraitPeriod,
    comparePeriod: PortraitPeriod.nullable(),
    /** When the aggregates were last computed; null before the first computation. */
    refreshedAt: IsoDateTime.nullable(),
    /** Whether the viewer sees the governance pages (MRC, volets, organizations, searches without results). */
    governance: z.boolean(),
    totals: PortraitFigures,
    compareTotals: PortraitFigures.nullable(),
    months: z.array(z.object({ month: PortraitMonth, figures: PortraitFigures })),
    compareMonths: z.array(z.object({ month: PortraitMonth, figures: PortraitFigures })).nullable(),
    /** Every MRC, zero included (the network and volet pages). */
    mrcs: z.array(z.object({ code: MrcCode, slug: z.string(), name: z.string(), figures: PortraitFigures })),
    /** Every volet, zero included (the network and MRC pages). */
    volets: z.array(z.object({ number: z.number().int(), name: z.string(), figures: PortraitFigures })),
    /** Each organization with activity (governance only). */
    organizations: z.array(
      z.object({ slug: z.string(), name: z.string(), kind: OrganizationKind, figures: PortraitFigures }),
    ),
    /** The searches that found nothing, most frequent first (governance only). */
    searchMisses: z.array(z.object({ query: z.string(), count: z.number().int() })),
  })
  .meta({ id: 'PortraitPage' });
export type PortraitPage = z.infer<typeof PortraitPage>;

export const PortraitTableName = z.enum(['totals', 'months', 'mrcs', 'volets', 'organizations', 'search-misses']);
export type PortraitTableName = z.infer<typeof PortraitTableName>;

export const PortraitMrcParams = z.strictObject({ code: MrcCode });
export const PortraitVoletParams = z.strictObject({ number: z.coerce.number().int().min(1).max(4) });
export const PortraitTableParams = z.strictObject({ table: PortraitTableName });

/** What a table's column holds: a figure, or what its rows are (months, MRC, volets, organizations, searches). */
export type PortraitColumn =
  | PortraitMetric
  | 'month'
  | 'mrc'
  | 'volet'
  | 'organization'
  | 'indicator'
  | 'query'
  | 'times'
  | 'period'
  | 'comparePeriod';

/** French labels of the tables' columns: the CSV's headers, and the page's in French. */
export const PORTRAIT_LABELS: Record<Exclude<PortraitColumn, 'period' | 'comparePeriod'>, string> = {
  activeMembers: 'Membres actifs',
  topics: 'Sujets',
  replies: 'Réponses',
  messages: 'Messages',
  resourcesShared: 'Ressources partagées',
  downloads: 'Téléchargements',
  eventsHeld: 'Événements tenus',
  attendance: 'Participations aux événements',
  searchMisses: 'Recherches sans résultat',
  month: 'Mois',
  mrc: 'MRC',
  volet: 'Volet',
  organization: 'Organisation',
  indicator: 'Indicateur',
  query: 'Recherche',
  times: 'Fois',
};

/** The metrics a volet has: searches are not tied to a volet. */
const VOLET_METRICS = PortraitMetric.options.filter((metric) => metric !== 'searchMisses');

export type PortraitCell = string | number | null;
export interface PortraitTableData {
  /** Each column, with its French header. */
  columns: { key: PortraitColumn; label: string }[];
  rows: PortraitCell[][];
}

const column = (key: keyof typeof PORTRAIT_LABELS) => ({ key, label: PORTRAIT_LABELS[key] });

const figuresOf = (figures: PortraitFigures, metrics: readonly PortraitMetric[]) =>
  metrics.map((metric) => figures[metric]);

/**
 * One table of a portrait page, as the page shows it under its chart and as its CSV holds it: both are built here,
 * so that they cannot differ. A withheld count is null.
 */
export function portraitTable(page: PortraitPage, table: PortraitTableName): PortraitTableData {
  const all = PortraitMetric.options;
  const metrics = page.scope.kind === 'volet' ? VOLET_METRICS : all;
  const metricHeaders = (list: readonly PortraitMetric[]) => list.map(column);
  switch (table) {
    case 'totals': {
      const compare = page.compareTotals;
      return {
        columns: [
          column('indicator'),
          { key: 'period', label: `${page.period.from} à ${page.period.to}` },
          ...(compare && page.comparePeriod
            ? [{ key: 'comparePeriod' as const, label: `${page.comparePeriod.from} à ${page.comparePeriod.to}` }]
            : []),
        ],
        rows: metrics.map((metric) => [
          PORTRAIT_LABELS[metric],
          page.totals[metric],
          ...(compare ? [compare[metric]] : []),
        ]),
      };
    }
    case 'months':
      return {
        columns: [column('month'), ...metricHeaders(metrics)],
        rows: page.months.map((row) => [row.month, ...figuresOf(row.figures, metrics)]),
      };
    case 'mrcs':
      return {
        columns: [column('mrc'), ...metricHeaders(metrics)],
        rows: page.mrcs.map((row) => [row.name, ...figuresOf(row.figures, metrics)]),
      };
    case 'volets':
      return {
        columns: [column('volet'), ...metricHeaders(VOLET_METRICS)],
        rows: page.volets.map((row) => [`Volet ${row.number} — ${row.name}`, ...figuresOf(row.figures, VOLET_METRICS)]),
      };
    case 'organizations':
      return {
        columns: [column('organization'), ...metricHeaders(metrics)],
        rows: page.organizations.map((row) => [row.name, ...figuresOf(row.figures, metrics)]),
      };
    case 'search-misses':
      return {
        columns: [column('query'), column('times')],
        rows: page.searchMisses.map((row) => [row.query, row.count]),
      };
  }
}

/** The tables a page holds, in the order it shows them. */
export const portraitTablesOf = (page: PortraitPage): PortraitTableName[] => [
  'totals',
  'months',
  ...(page.scope.kind === 'mrc' ? [] : (['mrcs'] as const)),
  ...(page.scope.kind === 'volet' ? [] : (['volets'] as const)),
  ...(page.governance && page.scope.kind !== 'volet' ? (['organizations', 'search-misses'] as const) : []),
];
