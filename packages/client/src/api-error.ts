/** A failed API call, carrying the server's `{ error: { code, message, details } }` body. */
export interface FieldIssue {
  path: string;
  message: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;

  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }

  get isForbidden(): boolean {
    return this.status === 403;
  }

  get isUnauthenticated(): boolean {
    return this.status === 401;
  }

  get isNotFound(): boolean {
    return this.status === 404;
  }

  /**
   * Validation messages keyed by field name: `body.name` → `name`, `body.tags.2` → `tags`.
   * Empty when the error carries no per-field details.
   */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    if (!Array.isArray(this.details)) return out;
    for (const issue of this.details as FieldIssue[]) {
      if (!issue || typeof issue.path !== 'string') continue;
      const parts = issue.path.split('.').filter((p) => p !== 'body' && p !== 'querystring' && !/^\d+$/.test(p));
      const field = parts[0] ?? '';
      if (field && !(field in out)) out[field] = issue.message;
    }
    return out;
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}
