/** SQL of the App IO channel (issue 14): which notifications to send, and what a message needs of one. */
import { EVENT_TYPES } from '@esenzioni/domain';
import { sql } from 'drizzle-orm';
import { rows, type Tx } from '../client.js';

/**
 * One 'appio.send' event per notification to a citizen (never an operator's own, audience STAFF) the
 * outbox event `eventId` wrote, in the transaction that handles it (so exactly once, as the notifications
 * themselves).
 */
export async function enqueueAppIoMessages(tx: Tx, eventId: number): Promise<void> {
  await tx.execute(
    sql`insert into outbox (event_type, payload)
        select ${EVENT_TYPES.appIoSend}, jsonb_build_object('notificationId', n.id)
          from notification n where n.event_id = ${eventId} and n.audience = 'CITIZEN' order by n.id`,
  );
}

export interface AppIoNotification {
  id: number;
  recipient_fiscal_code: string;
  kind: string;
  case_number: string | null;
  text: string;
}

export async function notificationForAppIo(db: Tx, id: number): Promise<AppIoNotification | undefined> {
  const [row] = await rows<AppIoNotification>(
    db,
    sql`select id, recipient_fiscal_code, kind, case_number, text from notification where id = ${id}`,
  );
  return row;
}
