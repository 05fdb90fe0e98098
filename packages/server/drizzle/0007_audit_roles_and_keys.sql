-- 0007_audit_roles_and_keys: placeholder, filled by the change that needs it.
SELECT 1;
