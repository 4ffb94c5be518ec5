import { QueryFailedError } from 'typeorm';

/** Whether a query failed on this unique constraint (PostgreSQL 23505), as a race between two writers of one key does. */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const cause = error.driverError as { code?: string; constraint?: string };
  return cause.code === '23505' && cause.constraint === constraint;
}
