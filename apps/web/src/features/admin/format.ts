/** Dates as members read them: their language, in the region's time zone. */
export const formatDate = (iso: string, language: string) =>
  new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'America/Toronto' }).format(
    new Date(iso),
  );
