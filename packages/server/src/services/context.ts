/** What every use case receives: the database, the acting user and the request's correlation id. */
import type { Db } from '../db/client.js';
import type { Actor } from '../auth/actor.js';

export interface UseCaseContext {
  db: Db;
  actor: Actor;
  correlationId: string;
  now?: () => Date;
}

export const nowOf = (ctx: UseCaseContext): Date => (ctx.now ? ctx.now() : new Date());
