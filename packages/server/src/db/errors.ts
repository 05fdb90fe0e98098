/** Drizzle wraps driver errors; this finds the PostgreSQL error (code + message) underneath. */
export interface PgError {
  code?: string;
  message: string;
}

export function pgErrorOf(e: unknown): PgError | undefined {
  let cur: unknown = e;
  for (let i = 0; i < 5 && cur; i++) {
    if (typeof cur === 'object' && cur !== null && 'code' in cur && typeof (cur as PgError).code === 'string') {
      return cur as PgError;
    }
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}

export const isUniqueViolation = (e: unknown) => pgErrorOf(e)?.code === '23505';
