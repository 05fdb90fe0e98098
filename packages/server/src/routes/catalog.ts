/** Catalogue search: exemption codes and ICD-9-CM 2007 diagnoses (public reference data). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  catalogDiagnosisList,
  catalogDiagnosisQuery,
  catalogExemptionList,
  catalogExemptionQuery,
} from '@esenzioni/domain';
import type { Db } from '../db/client.js';
import { requireSession } from '../http/auth-plugin.js';
import { searchDiagnoses, searchExemptionCodes } from '../services/catalogue/catalog-search.js';

export const catalogRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
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
};
