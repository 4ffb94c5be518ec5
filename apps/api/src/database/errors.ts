import { DatabaseError } from 'pg';
import { QueryFailedError } from 'typeorm';

/** Whether a query failed on this unique constraint (PostgreSQL 23505), as a race between two writers of one key does. */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  // TypeORM wraps the driver's error; a statement run through PreparedStatements fails with the driver's own.
  const cause = error instanceof QueryFailedError ? error.driverError : error;
  return cause instanceof DatabaseError && cause.code === '23505' && cause.constraint === constraint;
}
