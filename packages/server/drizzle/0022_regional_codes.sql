-- 0022_regional_codes: reserved slot (issue 12); filled by the work that owns it
SELECT 1;
