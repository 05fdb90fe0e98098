/** The district workflow API (manual §3–6). Thin: parse, authorize, call a use case. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  CASE_COMMAND_BODIES,
  CASE_COMMAND_ENTRIES,
  attachmentParams,
  caseDetail,
  caseList,
  caseNumberParams,
  caseSearchQuery,
  historyResponse,
  type CaseCommand,
  type CaseCommandBody,
  type CaseDetail,
  type Role,
} from '@esenzioni/domain';
import type { Db } from '../../db/client.js';
import { readOnPrimary, type ReadOn } from '../../db/replica.js';
import { requireActor } from '../../http/auth-plugin.js';
import { versionFromIfMatch } from '../../http/if-match.js';
import { searchCasesUseCase } from '../../services/cases/search-cases.js';
import { downloadCaseDocument, getCaseDetail, getCaseHistory } from '../../services/cases/read-case.js';
import { takeCharge } from '../../services/cases/take-charge.js';
import { validateCase } from '../../services/cases/validate-case.js';
import { rejectCase } from '../../services/cases/reject-case.js';
import { addCaseNote } from '../../services/cases/add-case-note.js';
import { cancelSentCase } from '../../services/cases/cancel-case.js';
import { revokeCase } from '../../services/cases/revoke-case.js';
import { annulExemption } from '../../services/cases/annul-exemption.js';
import { correctDiagnosis } from '../../services/cases/correct-diagnosis.js';
import { exportCasesCsv } from '../../services/cases/export-cases.js';
import type { Clock, UseCaseContext } from '../../services/context.js';

const READERS: readonly Role[] = ['DISTRICT_OPERATOR', 'ADMIN_OPERATOR', 'SPECIALIST', 'CITIZEN'];
/** The search list names each sender's fiscal code: staff only (a citizen has /api/me/cases, issue 9). */
const SEARCHERS: readonly Role[] = ['DISTRICT_OPERATOR', 'ADMIN_OPERATOR', 'SPECIALIST'];
const WORKERS: readonly Role[] = ['DISTRICT_OPERATOR'];
/** The sender's cancel here; the citizen's is /api/me/cases/:caseNumber/cancel (routes/me/portal.ts). */
const SENDERS: readonly Role[] = ['SPECIALIST', 'ADMIN_OPERATOR'];
/** CSV exports per user per minute (each up to 10,000 rows, each row an access-log row) */
export const EXPORTS_PER_MINUTE = 30;

type CommandUseCase<C extends CaseCommand> = (
  ctx: UseCaseContext,
  caseNumber: string,
  version: number | undefined,
  body: CaseCommandBody<C>,
) => Promise<CaseDetail>;

/**
 * The use case and the roles of POST /api/cases/:caseNumber/<path> for each command of the catalogue:
 * a command added to the catalogue does not compile until it is given its route here.
 */
const COMMAND_ROUTES: { [C in CaseCommand]: { roles: readonly Role[]; run: CommandUseCase<C> } } = {
  takeCharge: { roles: WORKERS, run: takeCharge },
  validate: { roles: WORKERS, run: validateCase },
  reject: { roles: WORKERS, run: rejectCase },
  addNote: { roles: WORKERS, run: addCaseNote },
  cancel: { roles: SENDERS, run: cancelSentCase },
  revoke: { roles: WORKERS, run: revokeCase },
  annul: { roles: WORKERS, run: annulExemption },
  correctDiagnosis: { roles: WORKERS, run: correctDiagnosis },
};

const withEtag = (reply: FastifyReply, d: CaseDetail) => {
  reply.header('ETag', `"${d.version}"`);
  return d;
};

export const caseWorkRoutes: FastifyPluginAsyncZod<{ db: Db; now?: Clock; readOn?: ReadOn }> = async (
  app,
  { db, now, readOn = readOnPrimary(db) },
) => {
  const ctx = (req: FastifyRequest, roles: readonly Role[]): UseCaseContext => ({
    db,
    actor: requireActor(req, roles),
    correlationId: req.id,
    now,
  });
  const tags = ['pratiche'];

  app.get(
    '/api/cases',
    {
      schema: {
        tags,
        summary: 'Ricerca pratiche',
        querystring: caseSearchQuery,
        response: { 200: caseList },
      },
    },
    (req) => {
      const c = ctx(req, SEARCHERS);
      // issue 16: a search may be a little behind (the replica); the case's detail is read on the primary
      return readOn((readDb) => searchCasesUseCase({ ...c, readDb }, req.query));
    },
  );

  app.get(
    '/api/cases/export.csv',
    {
      schema: { tags, summary: 'Esporta la ricerca in CSV', querystring: caseSearchQuery },
      // up to 10,000 rows each, every one an access-log row: a few a minute per user is all a person needs
      config: {
        rateLimit: {
          max: EXPORTS_PER_MINUTE,
          timeWindow: 60_000,
          keyGenerator: (req: FastifyRequest) => `export:${req.auth?.user.id ?? req.ip}`,
        },
      },
    },
    async (req, reply) => {
      const csv = await exportCasesCsv(ctx(req, WORKERS), req.query);
      return reply
        .header('Content-Type', 'text/csv; charset=utf-8')
        .header('Content-Disposition', `attachment; filename="pratiche-${req.query.view}.csv"`)
        .send(csv);
    },
  );

  app.get(
    '/api/cases/:caseNumber',
    {
      schema: { tags, summary: 'Dettaglio pratica', params: caseNumberParams, response: { 200: caseDetail } },
    },
    async (req, reply) => withEtag(reply, await getCaseDetail(ctx(req, READERS), req.params.caseNumber)),
  );

  app.get(
    '/api/cases/:caseNumber/history',
    { schema: { tags, summary: 'Cronologia', params: caseNumberParams, response: { 200: historyResponse } } },
    async (req) => ({
      items: await getCaseHistory(
        ctx(req, ['DISTRICT_OPERATOR', 'ADMIN_OPERATOR', 'SPECIALIST']),
        req.params.caseNumber,
      ),
    }),
  );

  // one route per command of the catalogue: path, summary, body schema and use case from one entry
  for (const entry of CASE_COMMAND_ENTRIES) {
    const route = COMMAND_ROUTES[entry.command] as {
      roles: readonly Role[];
      run: CommandUseCase<CaseCommand>;
    };
    app.post(
      `/api/cases/:caseNumber/${entry.path}`,
      {
        schema: {
          tags,
          summary: entry.summary,
          params: caseNumberParams,
          body: CASE_COMMAND_BODIES[entry.command],
          response: { 200: caseDetail },
        },
      },
      async (req, reply) =>
        withEtag(
          reply,
          await route.run(
            ctx(req, route.roles),
            req.params.caseNumber,
            versionFromIfMatch(req.headers['if-match']),
            req.body as CaseCommandBody<CaseCommand>,
          ),
        ),
    );
  }

  const sendFile = (
    reply: FastifyReply,
    f: { fileName: string; contentType: string; bytes: Uint8Array; sha256: string },
  ) =>
    reply
      .header('Content-Type', f.contentType)
      .header('Content-Disposition', `attachment; filename="${f.fileName.replace(/[^\w.-]/g, '_')}"`)
      .header('Digest', `sha-256=${Buffer.from(f.sha256, 'hex').toString('base64')}`)
      .header('Cache-Control', 'no-store')
      .send(Buffer.from(f.bytes));

  app.get(
    '/api/cases/:caseNumber/certificate',
    { schema: { tags, summary: 'Scarica certificato', params: caseNumberParams } },
    async (req, reply) =>
      sendFile(
        reply,
        await downloadCaseDocument(
          ctx(req, ['DISTRICT_OPERATOR', 'ADMIN_OPERATOR', 'SPECIALIST']),
          req.params.caseNumber,
          { kind: 'CERTIFICATE' },
        ),
      ),
  );

  app.get(
    '/api/cases/:caseNumber/attachments/:id',
    { schema: { tags, summary: 'Scarica allegato', params: attachmentParams } },
    async (req, reply) =>
      sendFile(
        reply,
        await downloadCaseDocument(
          ctx(req, ['DISTRICT_OPERATOR', 'ADMIN_OPERATOR', 'CITIZEN']),
          req.params.caseNumber,
          { kind: 'ATTACHMENT', id: Number(req.params.id) },
        ),
      ),
  );
};
