/**
 * Writes of the restore drill (scripts/test-backup.sh), made through the real API as an operator would:
 * logs in as the demo district operator of ASL Città di Torino, opens submitted cases of its work list (each an
 * audited read), takes them in charge and validates them, until COUNT are validated. Prints the case
 * numbers validated, one per line. Usage: tsx scripts/backup-drill-api.ts BASE_URL COUNT
 */
import { DEMO_PASSWORD, DEMO_PIN } from '../packages/server/src/seed/accounts.js';

const [baseUrl, countText] = process.argv.slice(2);
const count = Number(countText);
if (!baseUrl || !Number.isInteger(count) || count < 1) {
  console.error('usage: backup-drill-api.ts BASE_URL COUNT');
  process.exit(2);
}

// a cookie jar of one session: the login's cookies, replaced by the rotated ones of a profile choice
const jar = new Map<string, string>();
const keep = (res: Response) => {
  for (const c of res.headers.getSetCookie()) {
    const [pair = ''] = c.split(';');
    const eq = pair.indexOf('=');
    jar.set(pair.slice(0, eq), pair.slice(eq + 1));
  }
};
const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');

// operatore.torino: district operator for the whole ASL Città di Torino (the most submitted cases)
const login = await fetch(`${baseUrl}/api/auth/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ username: 'operatore.torino', password: DEMO_PASSWORD, pin: DEMO_PIN }),
});
if (login.status !== 200) throw new Error(`login: ${login.status} ${await login.text()}`);
keep(login);
const first = (await login.json()) as { csrfToken: string; profiles: { id: string; role: string }[] };
const profileId = first.profiles.find((p) => p.role === 'DISTRICT_OPERATOR')?.id;
const chosen = await fetch(`${baseUrl}/api/auth/profile`, {
  method: 'POST',
  headers: { 'content-type': 'application/json', cookie: cookie(), 'x-csrf-token': first.csrfToken },
  body: JSON.stringify({ profileId }),
});
if (chosen.status !== 200) throw new Error(`profile: ${chosen.status} ${await chosen.text()}`);
keep(chosen);
const { csrfToken } = (await chosen.json()) as { csrfToken: string };
const headers = { cookie: cookie(), 'x-csrf-token': csrfToken };

const list = await fetch(`${baseUrl}/api/cases?view=todo&status=SUBMITTED&pageSize=100`, { headers });
if (list.status !== 200) throw new Error(`case list: ${list.status} ${await list.text()}`);
const { items } = (await list.json()) as { items: { caseNumber: string }[] };

const validated: string[] = [];
for (const { caseNumber } of items) {
  if (validated.length >= count) break;
  const detail = await fetch(`${baseUrl}/api/cases/${caseNumber}`, { headers });
  if (detail.status !== 200) continue;
  let etag = detail.headers.get('etag') ?? '';
  let ok = true;
  for (const command of ['take-charge', 'validate']) {
    const res = await fetch(`${baseUrl}/api/cases/${caseNumber}/${command}`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json', 'if-match': etag },
      body: '{}',
    });
    // a case the rules refuse (e.g. an exemption already in force) is left and the next one tried
    if (res.status !== 200) {
      ok = false;
      break;
    }
    etag = res.headers.get('etag') ?? '';
  }
  if (ok) validated.push(caseNumber);
}
if (validated.length < count)
  throw new Error(`only ${validated.length} of ${count} cases validated (${items.length} submitted listed)`);
console.log(validated.join('\n'));
