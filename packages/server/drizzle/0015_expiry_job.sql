-- 0015_expiry_job: placeholder, filled by the change that needs it.
SELECT 1;
