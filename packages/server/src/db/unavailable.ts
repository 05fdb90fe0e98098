/**
 * Which errors mean "the database is away" (down, restarting, frozen, out of connections) rather than
 * "this statement is wrong": those are answered 503 DATABASE_UNAVAILABLE, never 500, and never kill the
 * process. Drizzle wraps driver errors, so the whole `cause` chain is examined.
 */

/** SQLSTATE classes and codes of an unavailable or overloaded server, or of a timeout we set. */
const UNAVAILABLE_SQLSTATES = new Set([
  '57P01', // admin_shutdown (pg_terminate_backend, smart/fast shutdown)
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, recovery)
  '57P05', // idle_session_timeout
  '57014', // query_canceled (statement_timeout)
  '25P03', // idle_in_transaction_session_timeout
  '53300', // too_many_connections
  '53400', // configuration_limit_exceeded
]);

/** Messages of node-postgres and pg-pool when the connection is gone, refused or timed out. */
const UNAVAILABLE_MESSAGES = [
  /Connection terminated/i,
  /Query read timeout/i,
  /timeout exceeded when trying to connect/i,
  /timeout expired/i,
  /Client was closed and is not queryable/i,
  /Client has encountered a connection error/i,
  /terminating connection/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
  /Cannot use a pool after calling end/i,
];

/** Node socket error codes of a server that is not there (or went away). */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

function* causes(e: unknown): Generator<{ code?: unknown; message?: unknown }> {
  let cur: unknown = e;
  for (let i = 0; i < 6 && typeof cur === 'object' && cur !== null; i++) {
    yield cur as { code?: unknown; message?: unknown };
    cur = (cur as { cause?: unknown }).cause;
  }
}

export function isDatabaseUnavailable(e: unknown): boolean {
  for (const c of causes(e)) {
    if (typeof c.code === 'string') {
      if (UNAVAILABLE_SQLSTATES.has(c.code) || c.code.startsWith('08') || SOCKET_CODES.has(c.code))
        return true;
    }
    if (typeof c.message === 'string' && UNAVAILABLE_MESSAGES.some((re) => re.test(c.message as string)))
      return true;
  }
  return false;
}

/** One readable line about a database error, without values (no SQL parameters, no data). */
export function databaseErrorLine(e: unknown): string {
  for (const c of causes(e)) {
    if (
      typeof c.code === 'string' &&
      typeof c.message === 'string' &&
      !(c.message as string).includes('params:')
    ) {
      return `${c.code}: ${(c.message as string).split('\n')[0]}`;
    }
  }
  const first = [...causes(e)].at(-1);
  const message = typeof first?.message === 'string' ? first.message.split('\n')[0]! : String(e);
  return message.replace(/params:.*$/, '').slice(0, 200);
}
