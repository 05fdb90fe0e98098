/** What every use case receives: the database, the acting user, the request's correlation id and the clock. */
import type { Db } from '../db/client.js';
import type { Actor } from '../auth/actor.js';

/**
 * The time source of use cases, sessions and logins: buildApp's `clock` (default: the system clock),
 * injected so that tests move time instead of waiting for it.
 */
export type Clock = () => Date;

export interface UseCaseContext {
  db: Db;
  /** issue 16: audited reads that may lag run here (the replica); writes and access-log rows use `db` */
  readDb?: Db | undefined;
  actor: Actor;
  correlationId: string;
  now?: Clock;
}

export const nowOf = (ctx: UseCaseContext): Date => (ctx.now ? ctx.now() : new Date());
