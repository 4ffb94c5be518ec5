import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Frequency, RRule, Weekday } from 'rrule';

export type RepeatChoice = 'none' | 'DAILY' | 'WEEKLY' | 'MONTHLY' | 'YEARLY' | 'custom';

export interface RecurrenceDraft {
  repeat: RepeatChoice;
  interval: number;
  weekdays: string[];
  monthlyBy: 'date' | 'weekday';
  ends: 'never' | 'until' | 'count';
  until: string;
  count: number;
  custom: string;
}

export const emptyRecurrence: RecurrenceDraft = {
  repeat: 'none',
  interval: 1,
  weekdays: [],
  monthlyBy: 'date',
  ends: 'never',
  until: '',
  count: 10,
  custom: '',
};

/** In Québec's order: weeks start on Sunday. */
const WEEKDAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'] as const;
const RRULE_DAYS = [RRule.SU, RRule.MO, RRule.TU, RRule.WE, RRule.TH, RRule.FR, RRule.SA];

/**
 * The RRULE the editor describes (rrule.js writes it), or null for an event that happens once. "Same weekday of the
 * month" takes the start date's rank (2nd Tuesday; the last one when it is the 5th).
 */
export function ruleOf(draft: RecurrenceDraft, start: string): string | null {
  if (draft.repeat === 'none') return null;
  if (draft.repeat === 'custom') return draft.custom.trim() || null;
  const startDate = new Date(`${start.slice(0, 10)}T12:00:00Z`);
  const options: ConstructorParameters<typeof RRule>[0] = {
    freq: Frequency[draft.repeat],
    interval: Math.max(1, draft.interval),
  };
  if (draft.repeat === 'WEEKLY' && draft.weekdays.length > 0) {
    options.byweekday = draft.weekdays.map((day) => RRULE_DAYS[WEEKDAYS.indexOf(day as (typeof WEEKDAYS)[number])]!);
  }
  if (draft.repeat === 'MONTHLY' && draft.monthlyBy === 'weekday' && start) {
    const rank = Math.ceil(startDate.getUTCDate() / 7);
    options.byweekday = [new Weekday(RRULE_DAYS[startDate.getUTCDay()]!.weekday, rank === 5 ? -1 : rank)];
  }
  if (draft.ends === 'until' && draft.until) options.until = new Date(`${draft.until}T23:59:59Z`);
  if (draft.ends === 'count') options.count = Math.max(1, draft.count);
  const text = RRule.optionsToString(options).replace(/^RRULE:/, '');
  // A date-only UNTIL is read by the api as the end of that day in the event's zone.
  return draft.ends === 'until' && draft.until
    ? text.replace(/UNTIL=\d{8}T\d{6}Z/, `UNTIL=${draft.until.replaceAll('-', '')}`)
    : text;
}

/** Reads a stored rule back into the editor: the simple ones into its fields, any other as a custom rule. */
export function draftOf(rule: string | null): RecurrenceDraft {
  if (!rule) return emptyRecurrence;
  try {
    const options = RRule.parseString(rule);
    const simple = /^(FREQ|INTERVAL|BYDAY|COUNT|UNTIL)=/;
    if (!rule.split(';').every((part) => simple.test(part)) || options.freq === undefined) throw new Error('custom');
    const weekdays = (Array.isArray(options.byweekday) ? options.byweekday : [])
      .map((day) => (typeof day === 'number' ? day : (day as Weekday)))
      .filter((day): day is Weekday => typeof day === 'object' && !day.n)
      .map((day) => WEEKDAYS[(day.weekday + 1) % 7]!);
    return {
      ...emptyRecurrence,
      repeat: Frequency[options.freq] as RepeatChoice,
      interval: options.interval ?? 1,
      weekdays,
      monthlyBy: /BYDAY=-?\d/.test(rule) ? 'weekday' : 'date',
      ends: options.count ? 'count' : options.until ? 'until' : 'never',
      until: options.until ? options.until.toISOString().slice(0, 10) : '',
      count: options.count ?? 10,
    };
  } catch {
    return { ...emptyRecurrence, repeat: 'custom', custom: rule };
  }
}

export function RecurrenceEditor({
  value,
  onChange,
  error,
}: {
  value: RecurrenceDraft;
  onChange: (draft: RecurrenceDraft) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  const id = useId();
  const set = (patch: Partial<RecurrenceDraft>) => onChange({ ...value, ...patch });
  return (
    <fieldset className="recurrence">
      <legend>{t('events.recurrence.legend')}</legend>
      <div className="field">
        <label htmlFor={`${id}-repeat`}>{t('events.recurrence.frequency')}</label>
        <select
          id={`${id}-repeat`}
          value={value.repeat}
          onChange={(event) => set({ repeat: event.target.value as RepeatChoice })}
        >
          {(['none', 'DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY', 'custom'] as const).map((choice) => (
            <option key={choice} value={choice}>
              {t(`events.recurrence.${choice}`)}
            </option>
          ))}
        </select>
      </div>
      {value.repeat !== 'none' && value.repeat !== 'custom' && (
        <>
          <div className="field inline">
            <label htmlFor={`${id}-interval`}>{t('events.recurrence.interval')}</label>
            <input
              id={`${id}-interval`}
              type="number"
              min={1}
              max={366}
              value={value.interval}
              onChange={(event) => set({ interval: Number(event.target.value) })}
            />
          </div>
          {value.repeat === 'WEEKLY' && (
            <fieldset className="weekdays">
              <legend>{t('events.recurrence.weekdays')}</legend>
              {WEEKDAYS.map((day) => (
                <label key={day} className="checkbox">
                  <input
                    type="checkbox"
                    checked={value.weekdays.includes(day)}
                    onChange={(event) =>
                      set({
                        weekdays: event.target.checked
                          ? [...value.weekdays, day]
                          : value.weekdays.filter((other) => other !== day),
                      })
                    }
                  />{' '}
                  {t(`events.weekdays.${day}`)}
                </label>
              ))}
            </fieldset>
          )}
          {value.repeat === 'MONTHLY' && (
            <div className="field">
              <label htmlFor={`${id}-monthly`}>{t('events.recurrence.monthlyBy')}</label>
              <select
                id={`${id}-monthly`}
                value={value.monthlyBy}
                onChange={(event) => set({ monthlyBy: event.target.value as 'date' | 'weekday' })}
              >
                <option value="date">{t('events.recurrence.monthlyByDate')}</option>
                <option value="weekday">{t('events.recurrence.monthlyByWeekday')}</option>
              </select>
            </div>
          )}
          <div className="field">
            <label htmlFor={`${id}-ends`}>{t('events.recurrence.ends')}</label>
            <select
              id={`${id}-ends`}
              value={value.ends}
              onChange={(event) => set({ ends: event.target.value as RecurrenceDraft['ends'] })}
            >
              <option value="never">{t('events.recurrence.never')}</option>
              <option value="until">{t('events.recurrence.until')}</option>
              <option value="count">{t('events.recurrence.count')}</option>
            </select>
            {value.ends === 'until' && (
              <input
                type="date"
                aria-label={t('events.recurrence.until')}
                value={value.until}
                onChange={(event) => set({ until: event.target.value })}
              />
            )}
            {value.ends === 'count' && (
              <span>
                <input
                  type="number"
                  min={1}
                  max={500}
                  aria-label={t('events.recurrence.occurrences')}
                  value={value.count}
                  onChange={(event) => set({ count: Number(event.target.value) })}
                />{' '}
                {t('events.recurrence.occurrences')}
              </span>
            )}
          </div>
        </>
      )}
      {value.repeat === 'custom' && (
        <div className="field">
          <label htmlFor={`${id}-custom`}>{t('events.recurrence.rule')}</label>
          <p className="hint">{t('events.recurrence.ruleHint')}</p>
          <input id={`${id}-custom`} value={value.custom} onChange={(event) => set({ custom: event.target.value })} />
        </div>
      )}
      {error && <p className="field-error">{error}</p>}
    </fieldset>
  );
}
