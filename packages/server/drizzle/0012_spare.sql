-- 0012_spare: placeholder, filled by the change that needs it.
SELECT 1;
