import { DateTime } from 'luxon';

import { ValidationProblem } from '../common/http/problems';
import { normalizeRule, planOccurrences, ruleEndingBefore } from './recurrence';

const ZONE = 'America/Toronto';
const horizon = new Date('2030-01-01T00:00:00Z');
const localTimes = (dates: Date[]) =>
  dates.map((date) => DateTime.fromJSDate(date, { zone: ZONE }).toFormat('yyyy-MM-dd HH:mm'));

const fieldError = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationProblem) return error.fieldProblems?.[0]?.message ?? '';
    throw error;
  }
  throw new Error('expected a validation problem');
};

describe('recurrence', () => {
  it('keeps a weekly 9:00 meeting at 9:00 local across both daylight-saving changes', () => {
    const rule = normalizeRule('FREQ=WEEKLY;BYDAY=TH;UNTIL=20270325', '2026-10-29T09:00', ZONE);
    const occurrences = planOccurrences(
      { start: '2026-10-29T09:00', end: '2026-10-29T10:30', timeZone: ZONE, allDay: false, rrule: rule },
      horizon,
    );
    const starts = occurrences.map((occurrence) => occurrence.startsAt);
    expect(localTimes(starts).every((time) => time.endsWith('09:00'))).toBe(true);
    expect(localTimes(occurrences.map((occurrence) => occurrence.endsAt)).every((time) => time.endsWith('10:30'))).toBe(
      true,
    );
    // 2026-11-01 ends daylight time (UTC-4 → UTC-5); 2027-03-14 starts it again.
    expect(starts[0]!.toISOString()).toBe('2026-10-29T13:00:00.000Z');
    expect(starts[1]!.toISOString()).toBe('2026-11-05T14:00:00.000Z');
    const lastBeforeSpring = starts.find((start) => start.toISOString().startsWith('2027-03-11'));
    const firstAfterSpring = starts.find((start) => start.toISOString().startsWith('2027-03-18'));
    expect(lastBeforeSpring!.toISOString()).toBe('2027-03-11T14:00:00.000Z');
    expect(firstAfterSpring!.toISOString()).toBe('2027-03-18T13:00:00.000Z');
    // UNTIL given as a date includes that whole local day.
    expect(localTimes(starts).at(-1)).toBe('2027-03-25 09:00');
    expect(rule).toContain('UNTIL=20270326T035959Z');
  });

  it('repeats a monthly rule on the nth weekday and stops at COUNT', () => {
    const rule = normalizeRule('RRULE:FREQ=MONTHLY;BYDAY=2TU;COUNT=4', '2026-12-08T13:30', ZONE);
    const occurrences = planOccurrences(
      { start: '2026-12-08T13:30', end: '2026-12-08T15:00', timeZone: ZONE, allDay: false, rrule: rule },
      horizon,
    );
    expect(localTimes(occurrences.map((occurrence) => occurrence.startsAt))).toEqual([
      '2026-12-08 13:30',
      '2027-01-12 13:30',
      '2027-02-09 13:30',
      '2027-03-09 13:30',
    ]);
  });

  it('stops a rule without end at the horizon', () => {
    const occurrences = planOccurrences(
      { start: '2026-12-01T09:00', end: '2026-12-01T10:00', timeZone: ZONE, allDay: false, rrule: 'FREQ=WEEKLY' },
      new Date('2027-01-01T00:00:00Z'),
    );
    expect(occurrences).toHaveLength(5);
  });

  it('cuts a rule just before an occurrence', () => {
    const cut = ruleEndingBefore('FREQ=WEEKLY;COUNT=10', new Date('2026-12-15T14:00:00Z'));
    expect(cut).toBe('FREQ=WEEKLY;UNTIL=20261215T135959Z');
  });

  it('refuses malformed and unsupported rules with a message naming the problem', () => {
    expect(fieldError(() => normalizeRule('FREQ=SOMETIMES', '2026-12-01T09:00', ZONE))).toMatch(/illisible|FREQ/);
    expect(fieldError(() => normalizeRule('BYDAY=MO', '2026-12-01T09:00', ZONE))).toMatch(/FREQ/);
    expect(fieldError(() => normalizeRule('FREQ=WEEKLY;BYDAY=XX', '2026-12-01T09:00', ZONE))).toMatch(/illisible/);
    expect(fieldError(() => normalizeRule('FREQ=HOURLY', '2026-12-01T09:00', ZONE))).toMatch(/Fréquences/);
    expect(fieldError(() => normalizeRule('FREQ=DAILY;BYHOUR=9', '2026-12-01T09:00', ZONE))).toMatch(/BYHOUR/);
    expect(fieldError(() => normalizeRule('FREQ=DAILY;COUNT=9999', '2026-12-01T09:00', ZONE))).toMatch(/COUNT/);
    expect(fieldError(() => normalizeRule('FREQ=DAILY;UNTIL=20200101', '2026-12-01T09:00', ZONE))).toMatch(/UNTIL/);
  });
});
