/**
 * When an occurrence happens, in the reader's language and time zone; an all-day event by its local days, which do
 * not move with the reader's zone.
 */
export function formatRange(
  occurrence: { startsAt: string; endsAt: string; start: string; end: string },
  allDay: boolean,
  language: string,
): string {
  if (allDay) {
    const day = new Intl.DateTimeFormat(language, { dateStyle: 'full', timeZone: 'UTC' });
    const first = new Date(`${occurrence.start.slice(0, 10)}T00:00:00Z`);
    const last = new Date(`${occurrence.end.slice(0, 10)}T00:00:00Z`);
    return first.getTime() === last.getTime() ? day.format(first) : day.formatRange(first, last);
  }
  return new Intl.DateTimeFormat(language, { dateStyle: 'full', timeStyle: 'short' }).formatRange(
    new Date(occurrence.startsAt),
    new Date(occurrence.endsAt),
  );
}
