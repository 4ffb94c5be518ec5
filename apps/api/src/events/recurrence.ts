import { DateTime } from 'luxon';
import { Frequency, type Options, RRule } from 'rrule';

import { invalid } from '../common/http/problems';

/** Most occurrences one series may have; a longer run is a new series. */
export const MAX_OCCURRENCES = 500;
/** How far ahead a rule without end is written out; a daily job moves the horizon forward. */
export const HORIZON_MONTHS = 24;
/** The longest one occurrence may last: calendar range reads rely on it. */
export const MAX_DURATION_DAYS = 31;

const ALLOWED_FREQUENCIES = new Set([Frequency.YEARLY, Frequency.MONTHLY, Frequency.WEEKLY, Frequency.DAILY]);
const UNSUPPORTED_PARTS = ['BYHOUR', 'BYMINUTE', 'BYSECOND', 'DTSTART', 'TZID', 'BYEASTER'];

/** When a series happens: local wall-clock times read in `timeZone`, repeated by `rrule` when it has one. */
export interface SeriesTiming {
  /** `YYYY-MM-DDTHH:mm`, local. */
  start: string;
  /** Exclusive end, local; for an all-day event, midnight after its last day. */
  end: string;
  timeZone: string;
  allDay: boolean;
  rrule: string | null;
}

export interface PlannedOccurrence {
  originalStart: Date;
  startsAt: Date;
  endsAt: Date;
}

/**
 * rrule.js repeats dates in UTC. Repeating the wall-clock time instead ("floating" dates: local fields stored as if
 * UTC) and reading each result in the event's zone keeps 9:00 at 9:00 across daylight-saving changes.
 */
const floating = (local: DateTime): Date =>
  new Date(Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second));

const fromFloating = (value: Date, timeZone: string): DateTime =>
  DateTime.fromObject(
    {
      year: value.getUTCFullYear(),
      month: value.getUTCMonth() + 1,
      day: value.getUTCDate(),
      hour: value.getUTCHours(),
      minute: value.getUTCMinutes(),
      second: value.getUTCSeconds(),
    },
    { zone: timeZone },
  );

export const localDateTime = (value: string, timeZone: string): DateTime => DateTime.fromISO(value, { zone: timeZone });

/** A local `YYYY-MM-DDTHH:mm` as stored in a `timestamp without time zone` column (read back as UTC fields). */
export const localToColumn = (value: string): Date => new Date(`${value.slice(0, 16)}:00Z`);
export const columnToLocal = (value: Date): string => value.toISOString().slice(0, 16);

/**
 * Checks an RRULE value and returns it in the form stored and published: the client's text minus what the platform
 * does not support, with a date-only UNTIL read as the end of that day in the event's zone and written in UTC, as
 * RFC 5545 requires beside a DTSTART with TZID. `path` names the field in errors.
 */
export function normalizeRule(rule: string, start: string, timeZone: string, path = 'body.rrule'): string {
  const parts = rule
    .replace(/^RRULE:/i, '')
    .split(';')
    .map((part) => part.trim())
    .filter(Boolean);
  const names = parts.map((part) => part.split('=')[0]?.toUpperCase() ?? '');
  const unsupported = names.find((name) => UNSUPPORTED_PARTS.includes(name));
  if (unsupported) throw invalid(path, `La partie ${unsupported} n’est pas prise en charge dans une récurrence`);
  let options: Partial<Options>;
  try {
    options = RRule.parseString(parts.join(';'));
  } catch (error) {
    throw invalid(path, `Règle de récurrence illisible : ${(error as Error).message}`);
  }
  if (options.freq === undefined || !names.includes('FREQ')) throw invalid(path, 'La règle doit donner FREQ');
  if (!ALLOWED_FREQUENCIES.has(options.freq)) {
    throw invalid(path, 'Fréquences permises : DAILY, WEEKLY, MONTHLY, YEARLY');
  }
  if (options.count !== undefined && options.count !== null && (options.count < 1 || options.count > MAX_OCCURRENCES)) {
    throw invalid(path, `COUNT doit être entre 1 et ${MAX_OCCURRENCES}`);
  }
  if (options.count && options.until) throw invalid(path, 'COUNT et UNTIL ne vont pas ensemble');
  if (options.interval !== undefined && (options.interval < 1 || options.interval > 366)) {
    throw invalid(path, 'INTERVAL doit être entre 1 et 366');
  }
  const untilPart = parts.find((part) => part.toUpperCase().startsWith('UNTIL='));
  if (untilPart && options.until) {
    const raw = untilPart.slice('UNTIL='.length);
    options.until = /^\d{8}$/.test(raw)
      ? DateTime.fromFormat(raw, 'yyyyMMdd', { zone: timeZone }).endOf('day').set({ millisecond: 0 }).toJSDate()
      : options.until;
    if (options.until < localDateTime(start, timeZone).toJSDate()) {
      throw invalid(path, 'UNTIL précède le début de l’événement');
    }
  }
  let text: string;
  try {
    text = RRule.optionsToString({ ...options, dtstart: null, tzid: null }).replace(/^RRULE:/, '');
    // Reading back what is written catches values rrule.js accepted but cannot repeat (BYDAY=XX and the like).
    new RRule(RRule.parseString(text)).all((_, index) => index < 1);
  } catch (error) {
    throw invalid(path, `Règle de récurrence illisible : ${(error as Error).message}`);
  }
  return text;
}

/**
 * The occurrences of a series, in order, up to `horizon` for a rule without end. A series without rule has one.
 * The duration is kept in wall-clock time, so a 9:00–10:00 meeting stays 9:00–10:00 on every date.
 */
export function planOccurrences(timing: SeriesTiming, horizon: Date): PlannedOccurrence[] {
  const start = localDateTime(timing.start, timing.timeZone);
  const end = localDateTime(timing.end, timing.timeZone);
  const floatingStart = floating(start);
  const wallDuration = floating(end).getTime() - floatingStart.getTime();
  const place = (floatingStartOf: Date): PlannedOccurrence => {
    const at = fromFloating(floatingStartOf, timing.timeZone).toJSDate();
    return {
      originalStart: at,
      startsAt: at,
      endsAt: fromFloating(new Date(floatingStartOf.getTime() + wallDuration), timing.timeZone).toJSDate(),
    };
  };
  if (!timing.rrule) return [place(floatingStart)];
  const options = RRule.parseString(timing.rrule);
  const until = options.until ? floating(DateTime.fromJSDate(options.until, { zone: timing.timeZone })) : null;
  const floatingHorizon = floating(DateTime.fromJSDate(horizon, { zone: timing.timeZone }));
  const limit = until && until < floatingHorizon ? until : floatingHorizon;
  const rule = new RRule({ ...options, dtstart: floatingStart, until: limit, tzid: null });
  return rule.all((_, index) => index < MAX_OCCURRENCES).map(place);
}

/** Whether the rule stops on its own (COUNT or UNTIL) rather than at the horizon. */
export const ruleHasEnd = (rule: string | null): boolean => {
  if (!rule) return true;
  const options = RRule.parseString(rule);
  return Boolean(options.count || options.until);
};

export const horizonFrom = (now: Date): Date => DateTime.fromJSDate(now).plus({ months: HORIZON_MONTHS }).toJSDate();

/**
 * The series rule cut to end just before `originalStart` (the "this and following" split), or null when nothing
 * would be left before it.
 */
export function ruleEndingBefore(rule: string, originalStart: Date): string {
  const options = RRule.parseString(rule);
  const until = new Date(originalStart.getTime() - 1000);
  return RRule.optionsToString({ ...options, count: null, until, dtstart: null, tzid: null }).replace(/^RRULE:/, '');
}

/** Checks times given in local form: real in the zone, and no longer than MAX_DURATION_DAYS. */
export function checkTiming(timing: SeriesTiming, path = 'body'): void {
  const start = localDateTime(timing.start, timing.timeZone);
  const end = localDateTime(timing.end, timing.timeZone);
  if (!start.isValid) throw invalid(`${path}.start`, 'Date de début invalide');
  if (!end.isValid) throw invalid(`${path}.end`, 'Date de fin invalide');
  if (end <= start) throw invalid(`${path}.end`, 'La fin doit suivre le début');
  if (end.diff(start, 'days').days > MAX_DURATION_DAYS) {
    throw invalid(`${path}.end`, `Un événement dure ${MAX_DURATION_DAYS} jours au plus`);
  }
}
