/**
 * API keys of prescribing systems (issue 13 §3): created (the key is shown once, in the answer),
 * listed (name and dates, never the key), revoked (refused by every process from the next request:
 * auth/api-keys.ts). Each change with its audit row, in one transaction.
 */
import { notFound, type ApiKeyCreated, type ApiKeyView } from '@esenzioni/domain';
import { appendAdminAudit, lockAdminAudit } from '../../audit/admin-audit.js';
import { newApiKey } from '../../auth/api-keys.js';
import { apiKeyById, apiKeyList } from '../../db/repositories/administration.js';
import { insertApiKeyTx, revokeApiKeyTx } from '../../db/repositories/accounts.js';
import { nowOf, type UseCaseContext } from '../context.js';

type KeyRow = { id: number; name: string; createdAt: Date; revokedAt: Date | null };
const view = (k: KeyRow): ApiKeyView => ({
  id: k.id,
  name: k.name,
  createdAt: k.createdAt.toISOString(),
  revokedAt: k.revokedAt ? k.revokedAt.toISOString() : null,
});

export async function listApiKeys(ctx: UseCaseContext): Promise<{ items: ApiKeyView[] }> {
  return { items: (await apiKeyList(ctx.db)).map(view) };
}

export async function createApiKeyAudited(ctx: UseCaseContext, name: string): Promise<ApiKeyCreated> {
  const at = nowOf(ctx);
  const { key, keyHash } = newApiKey();
  const row = await ctx.db.transaction(async (tx) => {
    await lockAdminAudit(tx);
    const id = await insertApiKeyTx(tx, name, keyHash, at);
    await appendAdminAudit(
      tx,
      ctx.actor,
      { action: 'API_KEY_CREATED', targetType: 'API_KEY', targetId: id, detail: { name } },
      ctx.correlationId,
      at,
    );
    return (await apiKeyById(tx, id))!;
  });
  return { ...view(row), key };
}

export async function revokeApiKeyAudited(ctx: UseCaseContext, id: number): Promise<ApiKeyView> {
  const at = nowOf(ctx);
  return ctx.db.transaction(async (tx) => {
    await lockAdminAudit(tx);
    const found = await apiKeyById(tx, id);
    if (!found) throw notFound('Chiave API non trovata.');
    if (found.revokedAt === null) {
      await revokeApiKeyTx(tx, id, at);
      await appendAdminAudit(
        tx,
        ctx.actor,
        { action: 'API_KEY_REVOKED', targetType: 'API_KEY', targetId: id, detail: { name: found.name } },
        ctx.correlationId,
        at,
      );
    }
    return view((await apiKeyById(tx, id))!);
  });
}
