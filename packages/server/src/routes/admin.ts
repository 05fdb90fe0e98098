/** Administration of the catalogue: the validity of exemptions issued per code. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { catalogExemption } from '@esenzioni/domain';
import type { Db } from '../db/client.js';
import { requireActor } from '../http/auth-plugin.js';
import { setCodeDuration } from '../services/set-code-duration.js';

const durationBody = z
  .object({
    amount: z.number({ error: 'Durata non valida.' }).int('La durata è un numero intero.').min(1, 'La durata minima è 1.').max(1200).nullable(),
    unit: z.enum(['DAYS', 'MONTHS', 'YEARS'], { error: 'Unità non valida: DAYS, MONTHS o YEARS.' }).nullable(),
  })
  .refine((d) => (d.amount === null) === (d.unit === null), {
    message: 'Indicare durata e unità insieme, oppure entrambe vuote per "senza scadenza".',
    path: ['amount'],
  });

const durationOut = catalogExemption.extend({
  duration: z.object({ amount: z.number().int().nullable(), unit: z.enum(['DAYS', 'MONTHS', 'YEARS']).nullable() }),
});

export const adminRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.put(
    '/api/admin/exemption-codes/:code/duration',
    {
      schema: {
        tags: ['amministrazione'],
        summary: 'Durata delle esenzioni rilasciate per un codice (vuota = senza scadenza)',
        params: z.object({ code: z.string().min(1).max(20) }),
        body: durationBody,
        response: { 200: durationOut },
      },
    },
    (req) => setCodeDuration({ db, actor: requireActor(req, ['ADMIN']), correlationId: req.id }, req.params.code.toUpperCase(), req.body),
  );
};
