-- 0026_interoperability: the nightly reconciliation of our registry with the regional one (issue 14):
-- one row per run, with the day it covered, how many exemptions it compared and the differences found
-- (the Coverage id and the names of the fields that differ, or that the registry has none: never a
-- fiscal code nor a code). Pushes and App IO messages need no table: they are outbox events.
CREATE TABLE registry_reconciliation (
  id bigserial PRIMARY KEY NOT NULL,
  ran_at timestamp with time zone NOT NULL,
  day date NOT NULL,
  checked integer NOT NULL,
  unreachable boolean DEFAULT false NOT NULL,
  differences jsonb DEFAULT '[]'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE INDEX registry_reconciliation_ran_at_idx ON registry_reconciliation (ran_at);
