import { agreementYear, agreementYearOf, calendarYear, monthSpan, type PortraitPeriod } from '@maillage/contracts';

/** The agreement began in April 2023 (ESDS 2023-2026): the first year the portrait offers. */
export const FIRST_YEAR = 2023;

export type PeriodKind = 'agreement' | 'calendar' | 'custom';
export type Comparison = 'none' | 'previous' | 'year-before' | 'custom';

/** What the period picker shows for a period: an agreement year, a calendar year, or any other span of months. */
export function kindOf(period: PortraitPeriod): { kind: PeriodKind; year: number } {
  const [year, month] = period.from.split('-').map(Number) as [number, number];
  if (month === 4 && period.to === agreementYear(year).to) return { kind: 'agreement', year };
  if (month === 1 && period.to === calendarYear(year).to) return { kind: 'calendar', year };
  return { kind: 'custom', year };
}

/** The period moved by a number of months (negative: earlier). */
export function shifted(period: PortraitPeriod, months: number): PortraitPeriod {
  const move = (month: string) => {
    const [year, number] = month.split('-').map(Number) as [number, number];
    const total = year * 12 + (number - 1) + months;
    return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
  };
  return { from: move(period.from), to: move(period.to) };
}

/** The period to compare with: the one just before, of the same length, or the same months a year earlier. */
export function comparedWith(period: PortraitPeriod, comparison: Exclude<Comparison, 'custom'>): PortraitPeriod | null {
  if (comparison === 'none') return null;
  return shifted(period, comparison === 'previous' ? -monthSpan(period.from, period.to) : -12);
}

/** Which comparison a compare period is, for the picker. */
export function comparisonOf(period: PortraitPeriod, compare: PortraitPeriod | null): Comparison {
  if (!compare) return 'none';
  const same = (other: PortraitPeriod) => other.from === compare.from && other.to === compare.to;
  if (same(comparedWith(period, 'previous')!)) return 'previous';
  if (same(comparedWith(period, 'year-before')!)) return 'year-before';
  return 'custom';
}

/** The years the picker offers, newest first, up to the one holding `today` (a YYYY-MM month). */
export function yearsUpTo(today: string, kind: 'agreement' | 'calendar'): number[] {
  const last = kind === 'agreement' ? agreementYearOf(today) : Number(today.slice(0, 4));
  return Array.from({ length: last - FIRST_YEAR + 1 }, (_, index) => last - index);
}
