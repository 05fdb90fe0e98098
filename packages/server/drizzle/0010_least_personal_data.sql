-- 0010_least_personal_data: placeholder, filled by the change that needs it.
SELECT 1;
