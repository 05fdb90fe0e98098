-- 0018_catalogue_fidelity: reserved slot (issue 12); filled by the work that owns it
SELECT 1;
