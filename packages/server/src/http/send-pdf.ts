/** A generated PDF as a download: never cached (it names a person), saved under the name given. */
import type { FastifyReply } from 'fastify';

export const sendPdf = (reply: FastifyReply, file: { fileName: string; bytes: Uint8Array | Buffer }) =>
  reply
    .header('Content-Type', 'application/pdf')
    .header('Content-Disposition', `attachment; filename="${file.fileName}"`)
    .header('Cache-Control', 'no-store')
    .send(file.bytes);
