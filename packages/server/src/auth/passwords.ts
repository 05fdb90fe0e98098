/** Password and PIN hashing: argon2id (OWASP parameters), via @node-rs/argon2. */
import { availableParallelism } from 'node:os';
import { hash, verify } from '@node-rs/argon2';

// Algorithm.Argon2id (a const enum, which isolatedModules cannot read)
const ARGON2ID = 2;

const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const hashSecret = (secret: string): Promise<string> => hash(secret, OPTIONS);

export async function verifySecret(hashed: string, secret: string): Promise<boolean> {
  try {
    return await verify(hashed, secret);
  } catch {
    return false;
  }
}

/** A hash to verify against when the user does not exist, so timing does not reveal usernames. */
let dummy: Promise<string> | undefined;
export const dummyHash = (): Promise<string> => (dummy ??= hashSecret('not-a-real-password'));

/**
 * At most ARGON2_SLOTS logins verify at once, the others wait in a bounded queue: a login flood from
 * many addresses (the per-address rate limit does not see it) cannot take every core and libuv thread
 * from the other users' requests. Beyond the queue the login is refused at once (429, retry shortly).
 */
export const ARGON2_SLOTS = Math.max(1, Math.floor(availableParallelism() / 2));
export const ARGON2_QUEUE = 64;
let busy = 0;
const waiting: Array<() => void> = [];

export class VerifierBusy extends Error {}

export async function withVerifierSlot<T>(fn: () => Promise<T>): Promise<T> {
  if (busy >= ARGON2_SLOTS) {
    if (waiting.length >= ARGON2_QUEUE) throw new VerifierBusy('argon2 queue full');
    await new Promise<void>((resolve) => waiting.push(resolve));
  } else {
    busy++;
  }
  try {
    return await fn();
  } finally {
    // hand the slot straight to the next waiter (busy unchanged), or free it
    const next = waiting.shift();
    if (next) next();
    else busy--;
  }
}
