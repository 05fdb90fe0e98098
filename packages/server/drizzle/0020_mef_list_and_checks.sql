-- 0020_mef_list_and_checks: reserved slot (issue 12); filled by the work that owns it
SELECT 1;
