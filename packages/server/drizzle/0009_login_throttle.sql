-- 0009_login_throttle: placeholder, filled by the change that needs it.
SELECT 1;
