/**
 * Users and their profiles (issue 13 §3): list, create, change profiles, deactivate and reactivate.
 * Every change is one transaction with its row of the administrator's audit trail. Deactivating a
 * user ends their sessions in the same statement (trigger of migration 0009), so their next request
 * is refused; the last active administrator can be neither deactivated nor stripped of the ADMIN
 * profile (checked under the audit chain's lock, so two administrators cannot remove each other at once).
 */
import {
  lastAdmin,
  notFound,
  usernameTaken,
  validationFailed,
  type AdminProfileInput,
  type AdminUser,
  type AdminUserCreate,
  type AdminUserList,
} from '@esenzioni/domain';
import { appendAdminAudit, lockAdminAudit } from '../../audit/admin-audit.js';
import { hashSecret } from '../../auth/passwords.js';
import type { Tx } from '../../db/client.js';
import {
  aslById,
  districtById,
  insertUser,
  otherActiveAdmins,
  profilesOfUsers,
  replaceProfiles,
  sessionCounts,
  setUserActive,
  userById,
  userHasRole,
  userPage,
  type ProfileValues,
} from '../../db/repositories/administration.js';
import { nowOf, type UseCaseContext } from '../context.js';

type UserRow = NonNullable<Awaited<ReturnType<typeof userById>>>;

async function withProfiles(tx: Tx, users: UserRow[]): Promise<AdminUser[]> {
  const ids = users.map((u) => u.id);
  const [profiles, sessions] = await Promise.all([profilesOfUsers(tx, ids), sessionCounts(tx, ids)]);
  return users.map((u) => ({
    ...u,
    createdAt: u.createdAt.toISOString(),
    profiles: profiles
      .filter((p) => p.userId === u.id)
      .map((p) => ({
        id: p.id,
        role: p.role,
        aslId: p.aslId,
        aslName: p.aslName,
        districtId: p.districtId,
        districtName: p.districtName,
      })),
    sessions: sessions.get(u.id) ?? 0,
  }));
}

export async function listUsers(
  ctx: UseCaseContext,
  q: { q?: string | undefined; page: number; pageSize: number },
): Promise<AdminUserList> {
  const { users, total } = await userPage(ctx.db, q);
  return { items: await withProfiles(ctx.db, users), total, page: q.page, pageSize: q.pageSize };
}

export async function readUser(ctx: UseCaseContext, id: number): Promise<AdminUser> {
  const u = await userById(ctx.db, id);
  if (!u) throw notFound('Utente non trovato.');
  const [full] = await withProfiles(ctx.db, [u]);
  return full!;
}

/** The profiles as stored, each ASL and district checked to exist and to belong together. */
async function checkedProfiles(tx: Tx, input: AdminProfileInput[]): Promise<ProfileValues[]> {
  const out: ProfileValues[] = [];
  for (const [i, p] of input.entries()) {
    const global = p.role === 'ADMIN' || p.role === 'CITIZEN';
    const aslId = global ? null : (p.aslId ?? null);
    const districtId = global ? null : (p.districtId ?? null);
    if (aslId !== null && !(await aslById(tx, aslId)))
      throw validationFailed([{ field: `profiles.${i}.aslId`, message: 'ASL sconosciuta.' }]);
    if (districtId !== null) {
      const d = await districtById(tx, districtId);
      if (!d)
        throw validationFailed([{ field: `profiles.${i}.districtId`, message: 'Distretto sconosciuto.' }]);
      if (d.aslId !== aslId)
        throw validationFailed([
          { field: `profiles.${i}.districtId`, message: "Il distretto non appartiene all'ASL indicata." },
        ]);
    }
    const v = { role: p.role, aslId, districtId };
    if (!out.some((o) => o.role === v.role && o.aslId === v.aslId && o.districtId === v.districtId))
      out.push(v);
  }
  return out;
}

export async function createUser(ctx: UseCaseContext, body: AdminUserCreate): Promise<AdminUser> {
  // argon2 is slow: hash before the transaction holds the chain's lock
  const [passwordHash, pinHash] = await Promise.all([hashSecret(body.password), hashSecret(body.pin)]);
  const at = nowOf(ctx);
  const id = await ctx.db.transaction(async (tx) => {
    const profiles = await checkedProfiles(tx, body.profiles);
    await lockAdminAudit(tx);
    const created = await insertUser(tx, {
      username: body.username,
      passwordHash,
      pinHash,
      fiscalCode: body.fiscalCode,
      firstName: body.firstName,
      lastName: body.lastName,
      createdAt: at,
    });
    if (created === undefined) throw usernameTaken(body.username);
    await replaceProfiles(tx, created, profiles);
    await appendAdminAudit(
      tx,
      ctx.actor,
      {
        action: 'USER_CREATED',
        targetType: 'USER',
        targetId: created,
        detail: {
          username: body.username,
          fiscalCode: body.fiscalCode,
          firstName: body.firstName,
          lastName: body.lastName,
          profiles,
        },
      },
      ctx.correlationId,
      at,
    );
    return created;
  });
  return readUser(ctx, id);
}

export async function setUserProfiles(
  ctx: UseCaseContext,
  userId: number,
  input: AdminProfileInput[],
): Promise<AdminUser> {
  const at = nowOf(ctx);
  await ctx.db.transaction(async (tx) => {
    const profiles = await checkedProfiles(tx, input);
    await lockAdminAudit(tx);
    const user = await userById(tx, userId);
    if (!user) throw notFound('Utente non trovato.');
    const before = (await profilesOfUsers(tx, [userId])).map((p) => ({
      role: p.role,
      aslId: p.aslId,
      districtId: p.districtId,
    }));
    const losesAdmin = before.some((p) => p.role === 'ADMIN') && !profiles.some((p) => p.role === 'ADMIN');
    if (losesAdmin && user.active && (await otherActiveAdmins(tx, userId)) === 0) throw lastAdmin();
    await replaceProfiles(tx, userId, profiles);
    await appendAdminAudit(
      tx,
      ctx.actor,
      {
        action: 'USER_PROFILES_SET',
        targetType: 'USER',
        targetId: userId,
        detail: { before, after: profiles },
      },
      ctx.correlationId,
      at,
    );
  });
  return readUser(ctx, userId);
}

/**
 * Deactivation ends every session of the user at once (the 0009 trigger deletes them in the UPDATE's
 * statement: the next request of any server process finds no session); reactivation lets them log in.
 */
export async function setActive(ctx: UseCaseContext, userId: number, active: boolean): Promise<AdminUser> {
  const at = nowOf(ctx);
  await ctx.db.transaction(async (tx) => {
    await lockAdminAudit(tx);
    const user = await userById(tx, userId);
    if (!user) throw notFound('Utente non trovato.');
    if (user.active === active) return;
    if (!active && (await userHasRole(tx, userId, 'ADMIN')) && (await otherActiveAdmins(tx, userId)) === 0)
      throw lastAdmin();
    const sessions = (await sessionCounts(tx, [userId])).get(userId) ?? 0;
    await setUserActive(tx, userId, active);
    await appendAdminAudit(
      tx,
      ctx.actor,
      {
        action: active ? 'USER_REACTIVATED' : 'USER_DEACTIVATED',
        targetType: 'USER',
        targetId: userId,
        detail: active ? { username: user.username } : { username: user.username, sessionsEnded: sessions },
      },
      ctx.correlationId,
      at,
    );
  });
  return readUser(ctx, userId);
}
