import type { DomainEventRecord, Repositories } from '@vigil/db';
import { SEVERITIES, type NotificationType } from './notification-types.ts';

/** A notification about to be stored, with what recipient resolution needs. */
export interface NotificationDraft {
  type: NotificationType;
  productId: number | null;
  /** Highest severity concerned (finding types), used against subscribers' minimum severity. */
  severity: string | null;
  title: string;
  body: string;
  /** Path inside the web app (made absolute with the public URL when sent outside). */
  url: string | null;
  details: Record<string, unknown>;
  /** For personal types: the only users it may go to. */
  personalUserIds?: number[];
}

/** How many finding titles a digest lists; the counts always cover every finding. */
export const DIGEST_SAMPLE = 10;

type Repos = Pick<Repositories, 'products' | 'productTypes' | 'notifications'>;
type P = Record<string, unknown>;

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : null);
const str = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : fallback);
const ids = (v: unknown): number[] => (Array.isArray(v) ? v.map(num).filter((n): n is number => n !== null) : []);

/** Turns one domain event into zero or more notification drafts. */
export async function draftsFor(e: DomainEventRecord, repos: Repos): Promise<NotificationDraft[]> {
  const p = e.payload as P;
  const productId = num(p.productId);
  const productName = productId !== null ? ((await repos.products.findById(productId))?.name ?? `product ${productId}`) : '';
  const productUrl = productId !== null ? `/products/${productId}` : null;
  switch (e.type) {
    case 'product_type.added':
      return [draft('product_type.added', null, `Product type added: ${str(p.name)}`, `The product type "${str(p.name)}" was added.`, '/product-types', p)];
    case 'product.added':
      return [draft('product.added', productId, `Product added: ${productName}`, `The product "${productName}" was added.`, productUrl, p)];
    case 'engagement.added':
      return [draft('engagement.added', productId, `Engagement added to ${productName}`, `The engagement "${str(p.name)}" was added to ${productName}.`, `/engagements/${num(p.engagementId)}`, p)];
    case 'test.added':
      return [draft('test.added', productId, `Test added to ${productName}`, `A ${str(p.scanType, 'test')} test was added to ${productName}.`, `/findings?testId=${num(p.testId)}`, p)];
    case 'scan.imported':
      return importDrafts(e, p, productId, productName, repos);
    case 'finding.created':
      // Findings made by an import arrive in that import's digest; this is a finding entered by hand.
      return [
        draft('findings.new', productId, `New ${str(p.severity)} finding in ${productName}`, `${str(p.title)} (${str(p.severity)})`, `/findings/${num(p.findingId)}`, { findingId: p.findingId, counts: { [str(p.severity)]: 1 } }, str(p.severity)),
      ];
    case 'sla.breached':
      return [await slaDraft(p, productId, productName, repos)];
    case 'engagement.upcoming':
      return [draft('engagement.upcoming', productId, `Engagement starting soon: ${str(p.name)}`, `The engagement "${str(p.name)}" of ${productName} starts on ${str(p.targetStart)}.`, `/engagements/${num(p.engagementId)}`, p)];
    case 'engagement.stale':
      return [draft('engagement.stale', productId, `Engagement past its end date: ${str(p.name)}`, `The engagement "${str(p.name)}" of ${productName} ended on ${str(p.targetEnd)} and is still open.`, `/engagements/${num(p.engagementId)}`, p)];
    case 'risk_acceptance.expiring':
      return [draft('risk_acceptance.expiring', productId, `Risk acceptance expiring: ${str(p.name)}`, `The risk acceptance "${str(p.name)}" of ${productName} expires on ${str(p.expirationDate)}.`, productUrl, p)];
    case 'finding.assigned':
      return personal('finding.assigned', p, productId, ids([p.assigneeId]), `Finding assigned to you: ${str(p.title)}`, `You were assigned the finding "${str(p.title)}" in ${productName}.`, `/findings/${num(p.findingId)}`);
    case 'user.mentioned':
      return personal('user.mentioned', p, productId, ids(p.mentionedUserIds ?? [p.mentionedUserId]), `You were mentioned${p.context ? ` in ${str(p.context)}` : ''}`, str(p.excerpt, 'You were mentioned.'), typeof p.url === 'string' ? p.url : productUrl);
    case 'finding.review_requested':
      // Reviewers named in the event get it personally; without names, the product's subscribers.
      if (ids(p.reviewerIds).length) return personal('finding.review_requested', p, productId, ids(p.reviewerIds), `Review requested: ${str(p.title)}`, `Your review was requested for the finding "${str(p.title)}" in ${productName}.`, `/findings/${num(p.findingId)}`);
      return [draft('finding.review_requested', productId, `Review requested: ${str(p.title)}`, `The finding "${str(p.title)}" in ${productName} was put under review.`, `/findings/${num(p.findingId)}`, { findingId: p.findingId, severity: p.severity })];
    case 'jira.sync_failed':
      return [draft('jira.sync_failed', productId, `Jira synchronisation failed${productName ? ` for ${productName}` : ''}`, str(p.error, 'Jira synchronisation failed.'), productUrl, p)];
    case 'job.failed':
      return [draft('job.failed', null, `Background job failed: ${str(p.job ?? p.name)}`, str(p.error, 'A background job failed.'), '/admin/jobs', p)];
    default:
      return [];
  }
}

function draft(type: NotificationType, productId: number | null, title: string, body: string, url: string | null, details: P, severity: string | null = null): NotificationDraft {
  return { type, productId, severity, title: title.slice(0, 500), body: body.slice(0, 10_000), url, details };
}

function personal(type: NotificationType, p: P, productId: number | null, userIds: number[], title: string, body: string, url: string | null): NotificationDraft[] {
  if (!userIds.length) return [];
  return [{ ...draft(type, productId, title, body, url, p), personalUserIds: userIds }];
}

async function importDrafts(e: DomainEventRecord, p: P, productId: number | null, productName: string, repos: Repos): Promise<NotificationDraft[]> {
  const stats = (p.statistics ?? {}) as Record<string, { total?: number }>;
  const count = (k: string) => stats[k]?.total ?? 0;
  const verb = p.mode === 'reimport' ? 'Reimported' : 'Imported';
  const summary = `${verb} ${num(p.findingsInReport) ?? 0} findings from ${str(p.scanType)} into ${productName}: ${count('created')} new, ${count('reactivated')} reactivated, ${count('closed')} closed, ${count('untouched')} untouched.`;
  const testUrl = `/findings?testId=${num(p.testId)}`;
  const out = [draft('scan.imported', productId, `${verb}: ${str(p.scanType)} into ${productName}`, summary, testUrl, { importId: p.importId, testId: p.testId, engagementId: p.engagementId, scanType: p.scanType, mode: p.mode, created: count('created'), reactivated: count('reactivated'), closed: count('closed'), untouched: count('untouched') })];
  const created = ids(p.createdFindingIds);
  if (created.length) {
    const { counts, sample } = await repos.notifications.findingDigest(created, DIGEST_SAMPLE);
    const top = SEVERITIES.find((s) => (counts[s] ?? 0) > 0) ?? null;
    const bySeverity = SEVERITIES.filter((s) => counts[s]).map((s) => `${counts[s]} ${s}`).join(', ');
    const lines = sample.map((f) => `- [${f.severity}] ${f.title}`);
    const more = created.length > sample.length ? `\n…and ${created.length - sample.length} more.` : '';
    out.push(draft('findings.new', productId, `${created.length} new finding${created.length === 1 ? '' : 's'} in ${productName}`, `${str(p.scanType)} import: ${bySeverity}.\n${lines.join('\n')}${more}`, testUrl, { importId: p.importId, testId: p.testId, counts, sample }, top));
  }
  return out;
}

async function slaDraft(p: P, productId: number | null, productName: string, repos: Repos): Promise<NotificationDraft> {
  // The SLA job publishes one event per product per run with every newly breached finding (the
  // combined digest): {productId, count, bySeverity, findingIds (first 100)}.
  const findingIds = ids(p.findingIds ?? [p.findingId]);
  const { counts: loaded, sample } = await repos.notifications.findingDigest(findingIds, DIGEST_SAMPLE);
  const counts = p.bySeverity && typeof p.bySeverity === 'object' ? (p.bySeverity as Record<string, number>) : loaded;
  const total = num(p.count) ?? findingIds.length;
  const top = SEVERITIES.find((s) => (counts[s] ?? 0) > 0) ?? null;
  const bySeverity = SEVERITIES.filter((s) => counts[s]).map((s) => `${counts[s]} ${s}`).join(', ');
  const lines = sample.map((f) => `- [${f.severity}] ${f.title}`);
  const more = total > sample.length ? `\n…and ${total - sample.length} more.` : '';
  return draft('sla.breached', productId, `${total} finding${total === 1 ? '' : 's'} past SLA in ${productName}`, `Newly past their SLA: ${bySeverity || total}.\n${lines.join('\n')}${more}`, productId !== null ? `/findings?productId=${productId}&sla=breached` : null, { count: total, counts, findingIds }, top);
}
