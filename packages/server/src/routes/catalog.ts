/** Catalogue search: exemption codes and ICD-9-CM 2007 diagnoses (public reference data). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  catalogDiagnosisList,
  catalogDiagnosisQuery,
  catalogExemptionList,
  catalogExemptionQuery,
  familyDocumentList,
  familyDocumentsQuery,
  PREGNANCY_ROLES,
  pregnancyAnswer,
  pregnancyQuery,
} from '@esenzioni/domain';
import type { Db } from '../db/client.js';
import { requireActor, requireSession } from '../http/auth-plugin.js';
import { searchDiagnoses, searchExemptionCodes } from '../services/catalogue/catalog-search.js';
import { familyDocuments } from '../services/catalogue/family-documents.js';
import { pregnancyCodeLookup } from '../services/catalogue/pregnancy-code.js';
import type { Clock } from '../services/context.js';

export const catalogRoutes: FastifyPluginAsyncZod<{ db: Db; now?: Clock }> = async (app, { db, now }) => {
  const tags = ['catalogo'];
  app.get(
    '/api/catalog/exemptions',
    {
      schema: {
        tags,
        summary: 'Codici di esenzione',
        querystring: catalogExemptionQuery,
        response: { 200: catalogExemptionList },
      },
    },
    async (req) => {
      requireSession(req);
      return { items: await searchExemptionCodes(db, req.query) };
    },
  );
  app.get(
    '/api/catalog/diagnoses',
    {
      schema: {
        tags,
        summary: 'Diagnosi ICD-9-CM 2007',
        querystring: catalogDiagnosisQuery,
        response: { 200: catalogDiagnosisList },
      },
    },
    async (req) => {
      requireSession(req);
      return { items: await searchDiagnoses(db, req.query) };
    },
  );
  // issue 12 §9: the documents an exemption family asks for — public catalogue data, also read by the
  // public page «Documenti per le esenzioni» before signing in
  app.get(
    '/api/catalog/documents',
    {
      schema: {
        tags,
        summary: 'Documenti da presentare per una famiglia di esenzioni',
        querystring: familyDocumentsQuery,
        response: { 200: familyDocumentList },
      },
    },
    async (req) => familyDocuments(db, req.query.family),
  );
  // issue 12 §5: the pregnancy code for prescribers (no case, no attestato)
  app.get(
    '/api/catalog/pregnancy',
    {
      schema: {
        tags,
        summary: 'Codice di esenzione per gravidanza (M00–M41, M50, M99)',
        querystring: pregnancyQuery,
        response: { 200: pregnancyAnswer },
      },
    },
    (req) =>
      pregnancyCodeLookup(
        { db, actor: requireActor(req, PREGNANCY_ROLES), correlationId: req.id, now },
        req.query,
      ),
  );
};
