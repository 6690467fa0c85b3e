import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local Jira (REST API v2) for tests: the endpoints Vigil calls, with Atlassian's documented
 * request and response shapes, Basic authentication, a three-status workflow (To Do / In Progress
 * / Done) and the JQL subset Vigil sends (project =|in, labels =, updated >=, AND, ORDER BY).
 */
export interface FakeIssue {
  id: string;
  key: string;
  fields: Record<string, unknown> & {
    summary: string;
    labels: string[];
    project: { key: string };
    issuetype: { name: string };
  };
  status: 'To Do' | 'In Progress' | 'Done';
  resolution: string | null;
  comments: Array<{ id: string; body: string; author: string }>;
  updated: Date;
}

const CATEGORY = {
  'To Do': { id: 2, key: 'new', name: 'To Do' },
  'In Progress': { id: 4, key: 'indeterminate', name: 'In Progress' },
  Done: { id: 3, key: 'done', name: 'Done' },
} as const;
const TRANSITIONS = [
  { id: '11', name: 'To Do', to: 'To Do' },
  { id: '21', name: 'In Progress', to: 'In Progress' },
  { id: '31', name: 'Done', to: 'Done' },
] as const;

export interface RecordedCall {
  method: string;
  path: string;
  body: unknown;
}

export class FakeJiraServer {
  readonly issues = new Map<string, FakeIssue>();
  readonly calls: RecordedCall[] = [];
  private server: Server | undefined;
  private nextId = 10000;
  private nextComment = 50000;
  private readonly counters = new Map<string, number>();
  /** Answers the next N API calls with this status (simulates an outage). */
  failures: { remaining: number; status: number } = { remaining: 0, status: 503 };
  /** Creates the issue but never answers (the caller dies or times out after Jira committed). */
  holdCreateResponses = false;
  private readonly held: ServerResponse[] = [];

  constructor(private readonly users: Record<string, string> = { 'vigil-bot': 'api-token-secret' }) {}

  get url(): string {
    const a = this.server!.address() as AddressInfo;
    return `http://127.0.0.1:${a.port}`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    for (const res of this.held) res.destroy();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  callsTo(method: string, pathPrefix: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method && c.path.startsWith(pathPrefix));
  }

  /** What a person does in Jira's UI (no REST call recorded). */
  setStatus(
    key: string,
    status: FakeIssue['status'],
    resolution: string | null = status === 'Done' ? 'Done' : null,
  ): FakeIssue {
    const issue = this.issues.get(key)!;
    issue.status = status;
    issue.resolution = resolution;
    issue.updated = new Date();
    return issue;
  }

  addUserComment(key: string, author: string, body: string): { id: string; body: string; author: string } {
    const c = { id: String(this.nextComment++), body, author };
    const issue = this.issues.get(key)!;
    issue.comments.push(c);
    issue.updated = new Date();
    return c;
  }

  /** The body Jira posts to a webhook for an issue event (jira:issue_updated). */
  issueEventPayload(key: string, comment?: { id: string; body: string; author: string }) {
    const issue = this.issues.get(key)!;
    return {
      timestamp: Date.now(),
      webhookEvent: comment ? 'comment_created' : 'jira:issue_updated',
      issue_event_type_name: comment ? 'issue_commented' : 'issue_generic',
      user: { name: comment?.author ?? 'alice', displayName: comment?.author ?? 'alice' },
      issue: this.present(issue, this.url),
      ...(comment ? { comment: this.presentComment(issue, comment, this.url) } : {}),
    };
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://jira.local');
    let body: unknown;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      return send(res, 400, { errorMessages: ['Unexpected character in JSON body'], errors: {} });
    }
    this.calls.push({ method: req.method ?? 'GET', path: url.pathname, body });
    const user = this.authenticate(req.headers.authorization);
    if (!user)
      return send(res, 401, {
        errorMessages: ['You are not authenticated. Authentication required to perform this operation.'],
        errors: {},
      });
    if (this.failures.remaining > 0) {
      this.failures.remaining--;
      return send(res, this.failures.status, { errorMessages: ['Service unavailable (fake outage)'], errors: {} });
    }
    const base = `http://${req.headers.host}`;
    const m = (re: RegExp) => url.pathname.match(re);
    const method = req.method;
    let match: RegExpMatchArray | null;
    if (method === 'GET' && url.pathname === '/rest/api/2/myself') {
      return send(res, 200, {
        self: `${base}/rest/api/2/user?username=${user}`,
        key: user,
        name: user,
        accountId: `acc-${user}`,
        emailAddress: `${user}@example.com`,
        displayName: `Bot ${user}`,
        active: true,
        timeZone: 'UTC',
      });
    }
    if (method === 'POST' && url.pathname === '/rest/api/2/issue') return this.create(res, body, base);
    if (url.pathname === '/rest/api/2/search') {
      const q =
        method === 'GET'
          ? {
              jql: url.searchParams.get('jql'),
              startAt: Number(url.searchParams.get('startAt') ?? 0),
              maxResults: Number(url.searchParams.get('maxResults') ?? 50),
            }
          : (body as { jql?: string; startAt?: number; maxResults?: number });
      return this.search(res, q, base);
    }
    if ((match = m(/^\/rest\/api\/2\/issue\/([^/]+)\/transitions$/))) {
      const issue = this.find(decodeURIComponent(match[1]));
      if (!issue) return notFound(res);
      if (method === 'GET') {
        return send(res, 200, {
          expand: 'transitions',
          transitions: TRANSITIONS.map((t) => ({
            id: t.id,
            name: t.name,
            hasScreen: false,
            to: {
              self: `${base}/rest/api/2/status/${t.to}`,
              name: t.to,
              id: String(CATEGORY[t.to].id),
              statusCategory: CATEGORY[t.to],
            },
          })),
        });
      }
      if (method === 'POST') {
        const b = body as { transition?: { id?: string }; fields?: { resolution?: { name?: string } } };
        const t = TRANSITIONS.find((x) => x.id === b?.transition?.id);
        if (!t)
          return send(res, 400, {
            errorMessages: [`Transition id '${b?.transition?.id}' is not valid for this issue.`],
            errors: {},
          });
        this.setStatus(issue.key, t.to, t.to === 'Done' ? (b.fields?.resolution?.name ?? 'Done') : null);
        return send(res, 204);
      }
    }
    if ((match = m(/^\/rest\/api\/2\/issue\/([^/]+)\/comment$/))) {
      const issue = this.find(decodeURIComponent(match[1]));
      if (!issue) return notFound(res);
      if (method === 'POST') {
        const text = (body as { body?: unknown })?.body;
        if (typeof text !== 'string' || !text.trim())
          return send(res, 400, { errorMessages: [], errors: { comment: 'Comment body can not be empty!' } });
        const c = this.addUserComment(issue.key, user, text);
        return send(res, 201, this.presentComment(issue, c, base));
      }
      if (method === 'GET')
        return send(res, 200, {
          startAt: 0,
          maxResults: 1048576,
          total: issue.comments.length,
          comments: issue.comments.map((c) => this.presentComment(issue, c, base)),
        });
    }
    if ((match = m(/^\/rest\/api\/2\/issue\/([^/]+)$/))) {
      const issue = this.find(decodeURIComponent(match[1]));
      if (!issue) return notFound(res);
      if (method === 'GET') return send(res, 200, this.present(issue, base));
      if (method === 'PUT') {
        const fields = (body as { fields?: Record<string, unknown> })?.fields ?? {};
        if ('summary' in fields && (typeof fields.summary !== 'string' || !fields.summary))
          return send(res, 400, { errorMessages: [], errors: { summary: 'You must specify a summary of the issue.' } });
        Object.assign(issue.fields, fields);
        issue.updated = new Date();
        return send(res, 204);
      }
    }
    return send(res, 404, { errorMessages: [`No endpoint ${method} ${url.pathname} in this fake`], errors: {} });
  }

  private authenticate(header: string | undefined): string | null {
    if (!header?.startsWith('Basic ')) return null;
    const [user, ...rest] = Buffer.from(header.slice(6), 'base64').toString('utf8').split(':');
    return this.users[user] !== undefined && this.users[user] === rest.join(':') ? user : null;
  }

  private find(idOrKey: string): FakeIssue | undefined {
    return this.issues.get(idOrKey) ?? [...this.issues.values()].find((i) => i.id === idOrKey);
  }

  private create(res: ServerResponse, body: unknown, base: string) {
    const fields = (body as { fields?: Record<string, any> })?.fields ?? {};
    const errors: Record<string, string> = {};
    if (!fields.project?.key) errors.project = 'project is required';
    if (!fields.summary) errors.summary = 'You must specify a summary of the issue.';
    if (!fields.issuetype?.name && !fields.issuetype?.id) errors.issuetype = 'issue type is required';
    if (
      fields.labels &&
      (!Array.isArray(fields.labels) || fields.labels.some((l: unknown) => typeof l !== 'string' || /\s/.test(l)))
    )
      errors.labels = 'Labels cannot contain spaces.';
    if (fields.parent?.key && !this.issues.has(fields.parent.key))
      errors.parent = `Issue '${fields.parent.key}' does not exist.`;
    if (Object.keys(errors).length) return send(res, 400, { errorMessages: [], errors });
    const project = String(fields.project.key);
    const n = (this.counters.get(project) ?? 0) + 1;
    this.counters.set(project, n);
    const issue: FakeIssue = {
      id: String(this.nextId++),
      key: `${project}-${n}`,
      fields: { ...fields, labels: fields.labels ?? [] } as FakeIssue['fields'],
      status: 'To Do',
      resolution: null,
      comments: [],
      updated: new Date(),
    };
    this.issues.set(issue.key, issue);
    if (this.holdCreateResponses) {
      this.held.push(res);
      return;
    }
    return send(res, 201, { id: issue.id, key: issue.key, self: `${base}/rest/api/2/issue/${issue.id}` });
  }

  private search(res: ServerResponse, q: { jql?: string | null; startAt?: number; maxResults?: number }, base: string) {
    let predicate: (i: FakeIssue) => boolean;
    try {
      predicate = parseJql(q.jql ?? '');
    } catch (err) {
      return send(res, 400, { errorMessages: [(err as Error).message], errors: {} });
    }
    const all = [...this.issues.values()].filter(predicate).sort((a, b) => a.updated.getTime() - b.updated.getTime());
    const startAt = q.startAt ?? 0;
    const maxResults = Math.min(q.maxResults ?? 50, 100);
    const page = all.slice(startAt, startAt + maxResults);
    return send(res, 200, {
      expand: 'names,schema',
      startAt,
      maxResults,
      total: all.length,
      issues: page.map((i) => this.present(i, base)),
    });
  }

  private present(issue: FakeIssue, base: string) {
    return {
      expand: 'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations',
      id: issue.id,
      self: `${base}/rest/api/2/issue/${issue.id}`,
      key: issue.key,
      fields: {
        ...issue.fields,
        status: {
          self: `${base}/rest/api/2/status/${CATEGORY[issue.status].id}`,
          name: issue.status,
          id: String(CATEGORY[issue.status].id),
          statusCategory: CATEGORY[issue.status],
        },
        resolution: issue.resolution ? { name: issue.resolution } : null,
        updated: issue.updated.toISOString(),
        comment: {
          comments: issue.comments.map((c) => this.presentComment(issue, c, base)),
          maxResults: issue.comments.length,
          total: issue.comments.length,
          startAt: 0,
        },
      },
    };
  }

  private presentComment(issue: FakeIssue, c: { id: string; body: string; author: string }, base: string) {
    const author = {
      self: `${base}/rest/api/2/user?username=${c.author}`,
      name: c.author,
      key: c.author,
      displayName: c.author,
      active: true,
    };
    return {
      self: `${base}/rest/api/2/issue/${issue.id}/comment/${c.id}`,
      id: c.id,
      author,
      body: c.body,
      updateAuthor: author,
      created: issue.updated.toISOString(),
      updated: issue.updated.toISOString(),
    };
  }
}

function send(res: ServerResponse, status: number, body?: unknown): void {
  res.writeHead(status, body === undefined ? {} : { 'content-type': 'application/json;charset=UTF-8' });
  res.end(body === undefined ? undefined : JSON.stringify(body));
}

function notFound(res: ServerResponse): void {
  send(res, 404, { errorMessages: ['Issue does not exist or you do not have permission to see it.'], errors: {} });
}

const unquote = (s: string) => s.trim().replace(/^"(.*)"$/, '$1');

/** The JQL subset: clauses joined by AND, then an optional ORDER BY (ignored: results sort by updated). */
export function parseJql(jql: string): (i: FakeIssue) => boolean {
  const where = jql.replace(/\s+ORDER\s+BY\s+.*$/i, '').trim();
  if (!where) return () => true;
  const clauses = where.split(/\s+AND\s+/i).map((clause) => {
    let m: RegExpMatchArray | null;
    if ((m = clause.match(/^project\s*=\s*(.+)$/i))) {
      const key = unquote(m[1]);
      return (i: FakeIssue) => i.fields.project.key === key;
    }
    if ((m = clause.match(/^project\s+in\s*\((.+)\)$/i))) {
      const keys = m[1].split(',').map(unquote);
      return (i: FakeIssue) => keys.includes(i.fields.project.key);
    }
    if ((m = clause.match(/^labels\s*=\s*(.+)$/i))) {
      const label = unquote(m[1]);
      return (i: FakeIssue) => i.fields.labels.includes(label);
    }
    if ((m = clause.match(/^updated\s*>=\s*"(\d{4})\/(\d{2})\/(\d{2}) (\d{2}):(\d{2})"$/i))) {
      const since = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]);
      return (i: FakeIssue) => i.updated.getTime() >= since;
    }
    throw new Error(
      `Error in the JQL Query: unsupported clause '${clause}' (this fake supports project, labels, updated)`,
    );
  });
  return (i) => clauses.every((c) => c(i));
}
