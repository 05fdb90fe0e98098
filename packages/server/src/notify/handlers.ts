/** The outbox handlers of notifications and e-mail, given the mailer (null: e-mails are kept, not sent). */
import type { OutboxHandlers } from '../jobs/outbox-handler.js';
import { CASE_STATUS_CHANGED, onCaseStatusChanged } from './case-status-changed.js';
import { CASE_VIEWED, onCaseViewed } from './case-viewed.js';
import { MAIL_SEND, mailSendHandler } from './mail-send.js';
import type { Mailer } from './mailer.js';

export function notificationHandlers(mailer: Mailer | null): OutboxHandlers {
  return {
    [CASE_STATUS_CHANGED]: onCaseStatusChanged,
    [CASE_VIEWED]: onCaseViewed,
    [MAIL_SEND]: mailSendHandler(mailer),
  };
}
