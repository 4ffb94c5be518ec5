import { invalid } from './problems';

/** Opaque keyset cursors: the sort key of the last item, base64url-encoded JSON. */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor<T extends readonly (string | number)[]>(cursor: string, length: T['length']): T {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(key) &&
      key.length === length &&
      key.every((part) => typeof part === 'string' || typeof part === 'number')
    ) {
      return key as unknown as T;
    }
  } catch {
    // reported below
  }
  throw invalid('query.cursor', 'Curseur invalide');
}
