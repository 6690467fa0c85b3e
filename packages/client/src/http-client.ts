import { ApiError } from './api-error.ts';

export type QueryValue = string | number | boolean | null | undefined | readonly string[];
export type Query = Record<string, QueryValue>;

export interface HttpClientOptions {
  /** Origin the API lives on; '' means the page's own origin. */
  baseUrl?: string;
  fetch?: typeof fetch;
  /** Where the CSRF token comes from; defaults to the readable `vigil_csrf` cookie. */
  csrfToken?: () => string | null;
  /** How often a write is repeated (with its Idempotency-Key) after a lost answer; default 2. */
  writeRetries?: number;
  /** Wait before the first repeat; doubles each time. Default 500 ms. */
  retryDelayMs?: number;
}

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
/** Answers after which a write may or may not have happened, or is still running: safe to repeat with the same key. */
const RETRYABLE_WRITE_ERRORS = new Set([
  'NETWORK',
  'COMMIT_OUTCOME_UNKNOWN',
  'DATABASE_UNAVAILABLE',
  'IDEMPOTENCY_KEY_IN_USE',
  'HTTP_502',
  'HTTP_504',
]);

/** A fresh random key per write (docs/api.md "Safe retries: Idempotency-Key"). */
export function newIdempotencyKey(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
export const CSRF_COOKIE = 'vigil_csrf';

export function readCookie(name: string, cookieHeader?: string): string | null {
  const source = cookieHeader ?? (globalThis as { document?: { cookie?: string } }).document?.cookie ?? '';
  for (const part of source.split(';')) {
    const [k, ...rest] = part.trim().split('=');
    if (k === name) return decodeURIComponent(rest.join('='));
  }
  return null;
}

export function toQueryString(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length > 0) params.set(key, value.join(','));
    } else params.set(key, String(value));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

/** fetch with cookie credentials, JSON bodies, CSRF on writes, and typed errors. */
export class HttpClient {
  private readonly baseUrl: string;
  private readonly fetchImpl: typeof fetch;
  private readonly csrfToken: () => string | null;
  private readonly writeRetries: number;
  private readonly retryDelayMs: number;

  constructor(opts: HttpClientOptions = {}) {
    this.baseUrl = opts.baseUrl ?? '';
    this.fetchImpl = opts.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.csrfToken = opts.csrfToken ?? (() => readCookie(CSRF_COOKIE));
    this.writeRetries = opts.writeRetries ?? 2;
    this.retryDelayMs = opts.retryDelayMs ?? 500;
  }

  get<T>(path: string, query?: Query): Promise<T> {
    return this.request<T>('GET', path + toQueryString(query));
  }

  post<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('POST', path, body);
  }

  patch<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PATCH', path, body);
  }

  delete<T = void>(path: string): Promise<T> {
    return this.request<T>('DELETE', path);
  }

  postForm<T>(path: string, form: FormData): Promise<T> {
    return this.request<T>('POST', path, form);
  }

  /**
   * Every write carries a fresh Idempotency-Key; when its answer is lost (network error, a lost
   * COMMIT, a failover, the key still in use) it is repeated with the same key, which the server
   * carries out at most once.
   */
  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    if (!UNSAFE.has(method)) return this.attempt<T>(method, path, body);
    const key = newIdempotencyKey();
    for (let retry = 0; ; retry++) {
      try {
        return await this.attempt<T>(method, path, body, key);
      } catch (e) {
        if (!(e instanceof ApiError) || !RETRYABLE_WRITE_ERRORS.has(e.code) || retry >= this.writeRetries) throw e;
        await new Promise((r) => setTimeout(r, this.retryDelayMs * 2 ** retry));
      }
    }
  }

  private async attempt<T>(method: string, path: string, body: unknown, idempotencyKey?: string): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (idempotencyKey) headers[IDEMPOTENCY_KEY_HEADER] = idempotencyKey;
    let payload: BodyInit | undefined;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    if (UNSAFE.has(method)) {
      const token = this.csrfToken();
      if (token) headers['x-csrf-token'] = token;
    }
    let res: Response;
    try {
      res = await this.fetchImpl(this.baseUrl + path, { method, headers, body: payload, credentials: 'include' });
    } catch (e) {
      throw new ApiError(0, 'NETWORK', `Cannot reach the server: ${(e as Error).message}`);
    }
    if (res.status === 204) return undefined as T;
    const text = await res.text();
    let json: unknown;
    if (text) {
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
    }
    if (!res.ok) {
      const err = (json as { error?: { code?: string; message?: string; details?: unknown } } | undefined)?.error;
      throw new ApiError(
        res.status,
        err?.code ?? `HTTP_${res.status}`,
        err?.message ?? (res.statusText || `HTTP ${res.status}`),
        err?.details,
      );
    }
    return json as T;
  }
}
