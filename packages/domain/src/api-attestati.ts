/** The public check of an attestato (GET /api/attestati/verify/{code}): no login, no personal data. */
import { z } from 'zod';

/** Any text up to 64 characters: a malformed code is "non valido" like an unknown one (no oracle). */
export const attestatoVerifyParams = z.object({ code: z.string().max(64) });

/** Only the outcome: "valido alla data gg/mm/aaaa" or "non valido"; never a name, a code or a condition. */
export const attestatoVerifyResponse = z.object({
  esito: z.string(),
  valido: z.boolean(),
});
export type AttestatoVerifyResponse = z.infer<typeof attestatoVerifyResponse>;
