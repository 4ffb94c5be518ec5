/** The same server and credentials (host, port or socket), another database. */
export function databaseUrlFor(url: string, database: string): string {
  const other = new URL(url);
  other.pathname = `/${database}`;
  return other.toString();
}
