/**
 * Typed fetch client for the Esenzioni API: same-origin cookies, the CSRF token on every state-changing
 * call, If-Match for case actions, and problem+json errors turned into ApiError.
 */
import type { Problem } from '@esenzioni/domain';

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem | null;

  constructor(status: number, problem: Problem | null, fallback: string) {
    super(problem?.detail || problem?.title || fallback);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }

  get code(): string {
    return this.problem?.code ?? (this.status === 0 ? 'NETWORK' : `HTTP_${this.status}`);
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;

let csrfToken: string | null = null;
export const setCsrfToken = (token: string | null): void => {
  csrfToken = token;
};

type Listener = () => void;
let onUnauthenticated: Listener | null = null;
/** Called when a request (other than the auth ones) gets 401: the session ended. */
export const setUnauthenticatedListener = (l: Listener | null): void => {
  onUnauthenticated = l;
};

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  body?: unknown;
  /** The case version, sent as If-Match: "<version>". */
  version?: number;
  signal?: AbortSignal;
}

export interface ApiResponse<T> {
  data: T;
  etag: string | null;
}

async function readProblem(res: Response): Promise<Problem | null> {
  const type = res.headers.get('content-type') ?? '';
  if (!type.includes('json')) return null;
  try {
    const body = (await res.json()) as Partial<Problem>;
    return typeof body.code === 'string' ? (body as Problem) : null;
  } catch {
    return null;
  }
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  if (options.version !== undefined) headers['If-Match'] = `"${options.version}"`;

  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, null, 'Impossibile contattare il server. Verificare la connessione e riprovare.');
  }

  if (!res.ok) {
    const problem = await readProblem(res);
    if (res.status === 401 && !path.startsWith('/api/auth/')) onUnauthenticated?.();
    throw new ApiError(res.status, problem, `Errore ${res.status}: operazione non riuscita.`);
  }
  const etag = res.headers.get('etag');
  if (res.status === 204) return { data: undefined as T, etag };
  const data = (await res.json()) as T;
  return { data, etag };
}

export const get = async <T>(path: string, signal?: AbortSignal): Promise<T> =>
  (await request<T>(path, { signal })).data;

export const post = async <T>(path: string, body?: unknown, version?: number): Promise<T> =>
  (await request<T>(path, { method: 'POST', body, version })).data;

/** `?a=1&b=2` from an object, leaving out empty values. */
export function queryString(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && String(v) !== '') q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}
async function problemOf(res: Response) {
  try {
    const body = (await res.json()) as { code?: string; title?: string; detail?: string };
    return typeof body.code === 'string' ? (body as ConstructorParameters<typeof ApiError>[1]) : null;
  } catch {
    return null;
  }
}

/**
 * A CSV file as the request's body (text/csv, streamed by the browser), for the administrator's imports.
 * The CSRF token is read again from /api/auth/me.
 */
export async function uploadCsv<T>(url: string, file: File): Promise<T> {
  const { csrfToken } = await get<{ csrfToken: string }>('/api/auth/me');
  let res: Response;
  try {
    res = await fetch(`${url}${queryString({ fileName: file.name })}`, {
      method: 'POST',
      headers: { Accept: 'application/json', 'Content-Type': 'text/csv', 'X-CSRF-Token': csrfToken },
      credentials: 'same-origin',
      body: file,
    });
  } catch {
    throw new ApiError(0, null, 'Impossibile contattare il server. Verificare la connessione e riprovare.');
  }
  if (!res.ok)
    throw new ApiError(res.status, await problemOf(res), `Errore ${res.status}: caricamento non riuscito.`);
  return (await res.json()) as T;
}
