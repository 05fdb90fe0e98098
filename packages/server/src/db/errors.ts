/** Drizzle wraps driver errors; this finds the PostgreSQL error (code + message) underneath. */
export interface PgError {
  code?: string;
  message: string;
}

export function pgErrorOf(e: unknown): PgError | undefined {
  let cur: unknown = e;
  for (let i = 0; i < 5 && cur; i++) {
    if (
      typeof cur === 'object' &&
      cur !== null &&
      'code' in cur &&
      typeof (cur as PgError).code === 'string'
    ) {
      return cur as PgError;
    }
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}

export const isUniqueViolation = (e: unknown) => pgErrorOf(e)?.code === '23505';

/**
 * An unexpected error as it may be logged: Drizzle puts the query parameters (fiscal codes, codes,
 * notes) in its messages; keep the SQL text, the PostgreSQL error and the stack, drop the values.
 */
export function redactedError(e: Error): {
  type: string;
  message: string;
  pgCode?: string;
  pgMessage?: string;
  stack?: string;
} {
  const pg = pgErrorOf(e);
  const strip = (m: string) => m.replace(/\nparams:[\s\S]*$/, '\nparams: [omessi]');
  return {
    type: e.name,
    message: strip(e.message),
    ...(pg?.code ? { pgCode: pg.code } : {}),
    ...(pg && pg !== (e as unknown) ? { pgMessage: pg.message } : {}),
    ...(e.stack ? { stack: strip(e.stack) } : {}),
  };
}
