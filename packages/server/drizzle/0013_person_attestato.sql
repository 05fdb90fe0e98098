-- 0013_person_attestato: placeholder, filled by the change that needs it.
SELECT 1;
