-- 0019_self_declaration: reserved slot (issue 12); filled by the work that owns it
SELECT 1;
