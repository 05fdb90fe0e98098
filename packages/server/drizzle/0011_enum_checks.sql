-- 0011_enum_checks: placeholder, filled by the change that needs it.
SELECT 1;
