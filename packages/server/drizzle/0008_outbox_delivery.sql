-- 0008_outbox_delivery: an outbox that keeps up and ends (issue 9).
--
-- Dead letters: an event that failed for good (last attempt, or a permanent SMTP rejection) gets
-- dead_at; it is no longer picked, the administrator sees it and may retry it.
ALTER TABLE outbox ADD COLUMN dead_at timestamptz;
--> statement-breakpoint
-- The pick reads pending rows in (next_attempt_at, id) order from this partial index only: processed
-- and dead rows are not in it, so the pick costs the same at 16 or 16 million processed rows. The
-- worker's lease is next_attempt_at itself (a claimed row is pushed into the future), so the claim
-- needs no other column.
DROP INDEX IF EXISTS outbox_pending_idx;
--> statement-breakpoint
CREATE INDEX outbox_pending_idx ON outbox (next_attempt_at, id) WHERE processed_at IS NULL AND dead_at IS NULL;
--> statement-breakpoint
-- retention: processed rows are deleted after OUTBOX_RETENTION_DAYS, oldest first
CREATE INDEX outbox_processed_idx ON outbox (processed_at) WHERE processed_at IS NOT NULL;
--> statement-breakpoint
CREATE INDEX outbox_dead_idx ON outbox (dead_at, id) WHERE dead_at IS NOT NULL;
--> statement-breakpoint
-- rows the old worker left PENDING for ever after 10 attempts become dead letters
UPDATE outbox SET dead_at = now() WHERE processed_at IS NULL AND attempts >= 10;
--> statement-breakpoint
-- stored errors of the old worker could hold the SMTP server's echo of a recipient's address
UPDATE outbox SET last_error = 'errore registrato prima della migrazione 0008 (testo rimosso)' WHERE last_error IS NOT NULL;
--> statement-breakpoint
-- the SMTP outcome of a mail that could not be delivered: a code and a fixed text, never the server's echo
ALTER TABLE mail_outbox ADD COLUMN last_error text;
--> statement-breakpoint
UPDATE mail_outbox m SET status = 'DEAD'
  FROM outbox o
 WHERE o.dead_at IS NOT NULL AND o.event_type = 'mail.send' AND (o.payload->>'mailId')::bigint = m.id AND m.status = 'PENDING';
--> statement-breakpoint
-- the maintenance runner: one row per task; a process runs a task only when it moves last_run_at
-- forward by at least the task's period (a conditional upsert), so each runs once per period across processes
CREATE TABLE job_run (
  name varchar(64) PRIMARY KEY,
  last_run_at timestamptz NOT NULL
);
