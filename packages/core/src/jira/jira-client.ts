import { AppError } from '../errors/app-error.ts';
import type { OutboundGuard } from '../notification/outbound-guard.ts';
import { guardedRequest, type HttpResult } from '../notification/channels/guarded-http.ts';

/** What Vigil reads of a Jira issue (REST v2 shapes). */
export interface JiraIssueSnapshot {
  id: string;
  key: string;
  self: string;
  status: string | null;
  /** Jira's status category key: 'new', 'indeterminate' or 'done'. */
  statusCategory: string | null;
  resolution: string | null;
  labels: string[];
  comments: Array<{ id: string; body: string; author: string | null }>;
}

export interface JiraTransition {
  id: string;
  name: string;
  toStatus: string | null;
}

/** A Jira call that failed: the HTTP status (0 when unreachable or refused) and a fixed message. */
export class JiraRequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'JiraRequestError';
  }
}

export interface JiraCredentials {
  url: string;
  username: string;
  token: string;
}

const SNAPSHOT_FIELDS = 'status,resolution,labels,comment';

/**
 * A minimal Jira REST v2 client (Basic auth with user + API token). Every call goes through the
 * outbound SSRF guard (the instance's credentials never reach a refused address). Never logs or
 * returns the credentials; errors carry the status and a fixed hint, never Jira's body.
 */
export class JiraClient {
  private readonly base: string;
  private readonly auth: string;

  constructor(
    creds: JiraCredentials,
    private readonly guard: OutboundGuard,
    private readonly timeoutMs = 15_000,
  ) {
    this.base = creds.url.replace(/\/+$/, '');
    this.auth = `Basic ${Buffer.from(`${creds.username}:${creds.token}`).toString('base64')}`;
  }

  /** The browse URL of an issue, as people open it. */
  browseUrl(key: string): string {
    return `${this.base}/browse/${encodeURIComponent(key)}`;
  }

  async myself(): Promise<{ name: string; displayName: string }> {
    const me = await this.call<{ name?: string; accountId?: string; displayName?: string }>(
      'GET',
      '/rest/api/2/myself',
    );
    return { name: me.name ?? me.accountId ?? '', displayName: me.displayName ?? me.name ?? '' };
  }

  async createIssue(fields: Record<string, unknown>): Promise<{ id: string; key: string }> {
    const r = await this.call<{ id: string; key: string }>('POST', '/rest/api/2/issue', { fields });
    return { id: String(r.id), key: r.key };
  }

  async updateIssue(key: string, fields: Record<string, unknown>): Promise<void> {
    await this.call('PUT', `/rest/api/2/issue/${encodeURIComponent(key)}`, { fields });
  }

  async getIssue(key: string): Promise<JiraIssueSnapshot> {
    const r = await this.call<RawIssue>(
      'GET',
      `/rest/api/2/issue/${encodeURIComponent(key)}?fields=${SNAPSHOT_FIELDS}`,
    );
    return snapshot(r);
  }

  async transitions(key: string): Promise<JiraTransition[]> {
    const r = await this.call<{ transitions: Array<{ id: string; name: string; to?: { name?: string } }> }>(
      'GET',
      `/rest/api/2/issue/${encodeURIComponent(key)}/transitions`,
    );
    return (r.transitions ?? []).map((t) => ({ id: String(t.id), name: t.name, toStatus: t.to?.name ?? null }));
  }

  async transition(key: string, transitionId: string): Promise<void> {
    await this.call('POST', `/rest/api/2/issue/${encodeURIComponent(key)}/transitions`, {
      transition: { id: transitionId },
    });
  }

  async addComment(key: string, body: string): Promise<{ id: string }> {
    const r = await this.call<{ id: string }>('POST', `/rest/api/2/issue/${encodeURIComponent(key)}/comment`, { body });
    return { id: String(r.id) };
  }

  /** JQL search, all pages up to `max` issues. */
  async search(jql: string, max = 1000): Promise<JiraIssueSnapshot[]> {
    const out: JiraIssueSnapshot[] = [];
    for (let startAt = 0; out.length < max; ) {
      const page = await this.call<{ issues: RawIssue[]; total: number; maxResults: number }>(
        'POST',
        '/rest/api/2/search',
        {
          jql,
          startAt,
          maxResults: Math.min(100, max - out.length),
          fields: SNAPSHOT_FIELDS.split(','),
        },
      );
      out.push(...page.issues.map(snapshot));
      startAt += page.issues.length;
      if (!page.issues.length || startAt >= page.total) break;
    }
    return out;
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const what = `${method} ${path.split('?')[0]}`;
    let res: HttpResult;
    try {
      res = await guardedRequest(this.guard, `${this.base}${path}`, {
        method,
        headers: {
          authorization: this.auth,
          accept: 'application/json',
          'user-agent': 'Vigil-Jira/1',
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        timeoutMs: this.timeoutMs,
        maxResponseBytes: MAX_JIRA_RESPONSE,
        what: 'url',
      });
    } catch (err) {
      if (err instanceof AppError) throw new JiraRequestError(0, `The Jira instance URL is refused: ${err.message}`);
      throw new JiraRequestError(0, `Jira is unreachable (${what}): ${(err as Error).message}`);
    }
    // Jira's own text is never echoed (it is shown to administrators and may come from whatever answered).
    if (res.status < 200 || res.status >= 300)
      throw new JiraRequestError(
        res.status,
        `Jira answered ${res.status} ` +
          `to ${what}${STATUS_HINTS[res.status] ?? (res.status >= 300 && res.status < 400 ? REDIRECT_HINT : '')}`,
      );
    if (res.truncated)
      throw new JiraRequestError(
        res.status,
        `Jira's answer to ${what} is larger than ${MAX_JIRA_RESPONSE / (1024 * 1024)} MiB`,
      );
    if (!res.body) return undefined as T;
    try {
      return JSON.parse(res.body) as T;
    } catch {
      throw new JiraRequestError(
        res.status,
        `Jira answered ${res.status} to ${what} with a body that is not JSON (is the URL the Jira base URL?)`,
      );
    }
  }
}

/** Largest answer read from Jira (a search page of 100 issues with their comments fits easily). */
const MAX_JIRA_RESPONSE = 32 * 1024 * 1024;
const REDIRECT_HINT = ' (redirects are not followed: use the final base URL of the instance)';
const STATUS_HINTS: Record<number, string> = {
  400:
    " (the request was refused: check the product's Jira settings, such as project, issue type, priorities and " +
    'component)',
  401: ' (the username or API token is not accepted)',
  403: ' (the Jira user lacks a permission this needs)',
  404: ' (not found: check the URL, the project key or the issue)',
};

interface RawIssue {
  id: string;
  key: string;
  self: string;
  fields?: {
    status?: { name?: string; statusCategory?: { key?: string } };
    resolution?: { name?: string } | null;
    labels?: string[];
    comment?: { comments?: Array<{ id: string; body: unknown; author?: { name?: string; accountId?: string } }> };
  };
}

function snapshot(r: RawIssue): JiraIssueSnapshot {
  const f = r.fields ?? {};
  return {
    id: String(r.id),
    key: r.key,
    self: r.self,
    status: f.status?.name ?? null,
    statusCategory: f.status?.statusCategory?.key ?? null,
    resolution: f.resolution?.name ?? null,
    labels: f.labels ?? [],
    comments: (f.comment?.comments ?? []).map((c) => ({
      id: String(c.id),
      body: commentText(c.body),
      author: c.author?.name ?? c.author?.accountId ?? null,
    })),
  };
}

/** v2 comment bodies are wiki text; v3-style documents (ADF) are flattened to their text. */
export function commentText(body: unknown): string {
  if (typeof body === 'string') return body;
  const parts: string[] = [];
  const walk = (n: unknown) => {
    if (!n || typeof n !== 'object') return;
    const node = n as { text?: string; content?: unknown[] };
    if (typeof node.text === 'string') parts.push(node.text);
    node.content?.forEach(walk);
  };
  walk(body);
  return parts.join(' ');
}
