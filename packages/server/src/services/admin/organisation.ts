/**
 * The ASLs' districts and their offices (sportelli, issue 13 §3): address, services offered, weekly
 * opening hours and closed days. Districts and offices are created and changed by the administrator,
 * each change with its audit row; the public front door reads the active offices (services/public/).
 */
import {
  notFound,
  validationFailed,
  type AslView,
  type DistrictView,
  type OfficeInput,
  type OfficeView,
} from '@esenzioni/domain';
import { appendAdminAudit, lockAdminAudit } from '../../audit/admin-audit.js';
import type { Tx } from '../../db/client.js';
import {
  aslById,
  aslList,
  districtById,
  districtList,
  insertDistrict,
  insertOffice,
  nextDistrictId,
  officeById,
  officeList,
  renameDistrict,
  updateOffice,
  type OfficeValues,
} from '../../db/repositories/administration.js';
import { nowOf, type UseCaseContext } from '../context.js';

export const listAsls = async (ctx: UseCaseContext): Promise<{ items: AslView[] }> => ({
  items: await aslList(ctx.db),
});

export async function listDistricts(
  ctx: UseCaseContext,
  aslId: string | undefined,
): Promise<{ items: DistrictView[] }> {
  return { items: (await districtList(ctx.db, aslId)).map((d) => ({ ...d, offices: Number(d.offices) })) };
}

export async function createDistrict(
  ctx: UseCaseContext,
  body: { aslId: string; name: string },
): Promise<DistrictView> {
  const at = nowOf(ctx);
  const id = await ctx.db.transaction(async (tx) => {
    if (!(await aslById(tx, body.aslId)))
      throw validationFailed([{ field: 'aslId', message: 'ASL sconosciuta.' }]);
    await lockAdminAudit(tx);
    const id = await nextDistrictId(tx, body.aslId);
    await insertDistrict(tx, { id, aslId: body.aslId, name: body.name });
    await appendAdminAudit(
      tx,
      ctx.actor,
      { action: 'DISTRICT_CREATED', targetType: 'DISTRICT', targetId: id, detail: body },
      ctx.correlationId,
      at,
    );
    return id;
  });
  return districtOut(ctx, id);
}

export async function renameDistrictAudited(
  ctx: UseCaseContext,
  id: string,
  name: string,
): Promise<DistrictView> {
  const at = nowOf(ctx);
  await ctx.db.transaction(async (tx) => {
    await lockAdminAudit(tx);
    const before = await districtById(tx, id);
    if (!before) throw notFound('Distretto non trovato.');
    await renameDistrict(tx, id, name);
    await appendAdminAudit(
      tx,
      ctx.actor,
      {
        action: 'DISTRICT_RENAMED',
        targetType: 'DISTRICT',
        targetId: id,
        detail: { before: before.name, after: name },
      },
      ctx.correlationId,
      at,
    );
  });
  return districtOut(ctx, id);
}

async function districtOut(ctx: UseCaseContext, id: string): Promise<DistrictView> {
  const d = await districtById(ctx.db, id);
  if (!d) throw notFound('Distretto non trovato.');
  const found = (await listDistricts(ctx, d.aslId)).items.find((x) => x.id === id);
  return found!;
}

// ---------------------------------------------------------------- offices

type OfficeRow = NonNullable<Awaited<ReturnType<typeof officeById>>>;

export const officeOut = (o: OfficeRow): OfficeView => ({
  ...o,
  services: o.services as OfficeView['services'],
  hours: [...o.hours].sort((a, b) => a.weekday - b.weekday || a.opens.localeCompare(b.opens)),
  closures: [...o.closures].sort((a, b) => a.date.localeCompare(b.date)),
  updatedAt: o.updatedAt.toISOString(),
});

export async function listOffices(
  ctx: UseCaseContext,
  f: { aslId?: string | undefined; districtId?: string | undefined },
): Promise<{ items: OfficeView[] }> {
  return { items: (await officeList(ctx.db, { ...f, activeOnly: false })).map(officeOut) };
}

async function officeValues(tx: Tx, body: OfficeInput, at: Date): Promise<OfficeValues> {
  if (!(await districtById(tx, body.districtId)))
    throw validationFailed([{ field: 'districtId', message: 'Distretto sconosciuto.' }]);
  const days = new Set<string>();
  for (const [i, c] of body.closures.entries()) {
    if (days.has(c.date))
      throw validationFailed([{ field: `closures.${i}.date`, message: 'Giorno di chiusura ripetuto.' }]);
    days.add(c.date);
  }
  return {
    districtId: body.districtId,
    name: body.name,
    address: body.address,
    services: [...new Set(body.services)],
    hours: body.hours.map((h) => ({
      weekday: h.weekday,
      opens: h.opens,
      closes: h.closes,
      ...(h.note ? { note: h.note } : {}),
    })),
    closures: body.closures.map((c) => ({ date: c.date, ...(c.note ? { note: c.note } : {}) })),
    note: body.note ?? null,
    source: body.source ?? null,
    active: body.active,
    updatedAt: at,
  };
}

const auditDetail = (v: OfficeValues) => ({ ...v, updatedAt: undefined });

export async function createOffice(ctx: UseCaseContext, body: OfficeInput): Promise<OfficeView> {
  const at = nowOf(ctx);
  const id = await ctx.db.transaction(async (tx) => {
    const values = await officeValues(tx, body, at);
    await lockAdminAudit(tx);
    const id = await insertOffice(tx, values);
    await appendAdminAudit(
      tx,
      ctx.actor,
      { action: 'OFFICE_CREATED', targetType: 'OFFICE', targetId: id, detail: auditDetail(values) },
      ctx.correlationId,
      at,
    );
    return id;
  });
  return officeOut((await officeById(ctx.db, id))!);
}

export async function changeOffice(ctx: UseCaseContext, id: number, body: OfficeInput): Promise<OfficeView> {
  const at = nowOf(ctx);
  await ctx.db.transaction(async (tx) => {
    const values = await officeValues(tx, body, at);
    await lockAdminAudit(tx);
    const before = await officeById(tx, id);
    if (!before) throw notFound('Sportello non trovato.');
    await updateOffice(tx, id, values);
    const { updatedAt: _u, districtName: _d, aslId: _a, aslName: _n, id: _i, ...was } = before;
    await appendAdminAudit(
      tx,
      ctx.actor,
      {
        action: 'OFFICE_CHANGED',
        targetType: 'OFFICE',
        targetId: id,
        detail: { before: was, after: auditDetail(values) },
      },
      ctx.correlationId,
      at,
    );
  });
  return officeOut((await officeById(ctx.db, id))!);
}
