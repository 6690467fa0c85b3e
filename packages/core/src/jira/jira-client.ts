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

/** A Jira call that failed: the HTTP status (0 when unreachable) and Jira's own messages. */
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
 * A minimal Jira REST v2 client (Basic auth with user + API token). Never logs or returns the
 * credentials; errors carry Jira's errorMessages/errors, not the request.
 */
export class JiraClient {
  private readonly base: string;
  private readonly auth: string;

  constructor(
    creds: JiraCredentials,
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
    const me = await this.call<{ name?: string; accountId?: string; displayName?: string }>('GET', '/rest/api/2/myself');
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
    const r = await this.call<RawIssue>('GET', `/rest/api/2/issue/${encodeURIComponent(key)}?fields=${SNAPSHOT_FIELDS}`);
    return snapshot(r);
  }

  async transitions(key: string): Promise<JiraTransition[]> {
    const r = await this.call<{ transitions: Array<{ id: string; name: string; to?: { name?: string } }> }>('GET', `/rest/api/2/issue/${encodeURIComponent(key)}/transitions`);
    return (r.transitions ?? []).map((t) => ({ id: String(t.id), name: t.name, toStatus: t.to?.name ?? null }));
  }

  async transition(key: string, transitionId: string): Promise<void> {
    await this.call('POST', `/rest/api/2/issue/${encodeURIComponent(key)}/transitions`, { transition: { id: transitionId } });
  }

  async addComment(key: string, body: string): Promise<{ id: string }> {
    const r = await this.call<{ id: string }>('POST', `/rest/api/2/issue/${encodeURIComponent(key)}/comment`, { body });
    return { id: String(r.id) };
  }

  /** JQL search, all pages up to `max` issues. */
  async search(jql: string, max = 1000): Promise<JiraIssueSnapshot[]> {
    const out: JiraIssueSnapshot[] = [];
    for (let startAt = 0; out.length < max; ) {
      const page = await this.call<{ issues: RawIssue[]; total: number; maxResults: number }>('POST', '/rest/api/2/search', {
        jql,
        startAt,
        maxResults: Math.min(100, max - out.length),
        fields: SNAPSHOT_FIELDS.split(','),
      });
      out.push(...page.issues.map(snapshot));
      startAt += page.issues.length;
      if (!page.issues.length || startAt >= page.total) break;
    }
    return out;
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    let res: Response;
    try {
      res = await fetch(`${this.base}${path}`, {
        method,
        headers: { authorization: this.auth, accept: 'application/json', ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
        redirect: 'error',
      });
    } catch (err) {
      throw new JiraRequestError(0, `Jira is unreachable (${method} ${path.split('?')[0]}): ${(err as Error).message}`);
    }
    const text = await res.text();
    if (!res.ok) throw new JiraRequestError(res.status, `Jira answered ${res.status} to ${method} ${path.split('?')[0]}: ${jiraMessage(text)}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }
}

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
    comments: (f.comment?.comments ?? []).map((c) => ({ id: String(c.id), body: commentText(c.body), author: c.author?.name ?? c.author?.accountId ?? null })),
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

function jiraMessage(text: string): string {
  try {
    const j = JSON.parse(text) as { errorMessages?: string[]; errors?: Record<string, string> };
    const msgs = [...(j.errorMessages ?? []), ...Object.entries(j.errors ?? {}).map(([k, v]) => `${k}: ${v}`)];
    if (msgs.length) return msgs.join('; ').slice(0, 500);
  } catch {
    /* not JSON */
  }
  return text.slice(0, 200) || '(empty body)';
}
