-- 0021_invalidity_and_services: reserved slot (issue 12); filled by the work that owns it
SELECT 1;
