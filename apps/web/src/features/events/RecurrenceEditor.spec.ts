import { describe, expect, it } from 'vitest';

import { draftOf, emptyRecurrence, ruleOf } from './RecurrenceEditor';

describe('the recurrence editor’s rule', () => {
  it('writes nothing for an event that happens once', () => {
    expect(ruleOf(emptyRecurrence, '2026-12-03T09:00')).toBeNull();
  });

  it('writes weekly days, an interval and a count', () => {
    const rule = ruleOf(
      { ...emptyRecurrence, repeat: 'WEEKLY', interval: 2, weekdays: ['TU', 'TH'], ends: 'count', count: 6 },
      '2026-12-01T09:00',
    );
    expect(rule).toBe('FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;COUNT=6');
  });

  it('takes the start date’s rank for "same weekday of the month", the last one when it is the fifth', () => {
    const second = ruleOf({ ...emptyRecurrence, repeat: 'MONTHLY', monthlyBy: 'weekday' }, '2026-12-08T13:30');
    expect(second).toBe('FREQ=MONTHLY;INTERVAL=1;BYDAY=+2TU');
    const fifth = ruleOf({ ...emptyRecurrence, repeat: 'MONTHLY', monthlyBy: 'weekday' }, '2026-12-29T13:30');
    expect(fifth).toBe('FREQ=MONTHLY;INTERVAL=1;BYDAY=-1TU');
  });

  it('ends on a local day, which the api reads as the end of that day in the event’s zone', () => {
    const rule = ruleOf(
      { ...emptyRecurrence, repeat: 'DAILY', ends: 'until', until: '2027-03-14' },
      '2027-03-01T09:00',
    );
    expect(rule).toBe('FREQ=DAILY;INTERVAL=1;UNTIL=20270314');
  });

  it('reads a simple rule back into its fields, and any other as a custom rule', () => {
    expect(draftOf('FREQ=WEEKLY;INTERVAL=2;COUNT=6;BYDAY=TU,TH')).toMatchObject({
      repeat: 'WEEKLY',
      interval: 2,
      weekdays: ['TU', 'TH'],
      ends: 'count',
      count: 6,
    });
    expect(draftOf('FREQ=MONTHLY;BYDAY=2TU;BYMONTH=1,3')).toMatchObject({
      repeat: 'custom',
      custom: 'FREQ=MONTHLY;BYDAY=2TU;BYMONTH=1,3',
    });
  });
});
