import type { Repositories } from '@vigil/db';
import type { ParsedEvent } from '../events/domain-events.ts';
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

type Repos = Pick<Repositories, 'products' | 'productTypes' | 'notifications' | 'imports'>;
type P = Record<string, unknown>;
type Of<T extends ParsedEvent['type']> = Extract<ParsedEvent, { type: T }>;

/** Turns one domain event (parsed where it was read) into zero or more notification drafts. */
export async function draftsFor(e: ParsedEvent, repos: Repos): Promise<NotificationDraft[]> {
  const productId = 'productId' in e.payload ? e.payload.productId : null;
  const productName =
    productId !== null ? ((await repos.products.findById(productId))?.name ?? `product ${productId}`) : '';
  const productUrl = productId !== null ? `/products/${productId}` : null;
  switch (e.type) {
    case 'product_type.added':
      return [
        draft(
          'product_type.added',
          null,
          `Product type added: ${e.payload.name}`,
          `The product type "${e.payload.name}" was added.`,
          '/product-types',
          e.payload,
        ),
      ];
    case 'product.added':
      return [
        draft(
          'product.added',
          productId,
          `Product added: ${productName}`,
          `The product "${productName}" was added.`,
          productUrl,
          e.payload,
        ),
      ];
    case 'engagement.added':
      return [
        draft(
          'engagement.added',
          productId,
          `Engagement added to ${productName}`,
          `The engagement "${e.payload.name}" was added to ${productName}.`,
          `/engagements/${e.payload.engagementId}`,
          e.payload,
        ),
      ];
    case 'test.added':
      return [
        draft(
          'test.added',
          productId,
          `Test added to ${productName}`,
          `A ${e.payload.scanType ?? 'test'} test was added to ${productName}.`,
          `/findings?testId=${e.payload.testId}`,
          e.payload,
        ),
      ];
    case 'scan.imported':
      return importDrafts(e, productName, repos);
    case 'finding.created': {
      // Findings made by an import arrive in that import's digest; this is a finding entered by hand.
      const p = e.payload;
      return [
        draft(
          'findings.new',
          productId,
          `New ${p.severity} finding in ${productName}`,
          `${p.title} (${p.severity})`,
          `/findings/${p.findingId}`,
          { findingId: p.findingId, counts: { [p.severity]: 1 } },
          p.severity,
        ),
      ];
    }
    case 'sla.breached':
      return [await slaDraft(e, productName, repos)];
    case 'engagement.upcoming':
      return [
        draft(
          'engagement.upcoming',
          productId,
          `Engagement starting soon: ${e.payload.name}`,
          `The engagement "${e.payload.name}" of ${productName} starts on ${e.payload.targetStart}.`,
          `/engagements/${e.payload.engagementId}`,
          e.payload,
        ),
      ];
    case 'engagement.stale':
      return [
        draft(
          'engagement.stale',
          productId,
          `Engagement past its end date: ${e.payload.name}`,
          `The engagement "${e.payload.name}" of ${productName} ended on ${e.payload.targetEnd} and is still open.`,
          `/engagements/${e.payload.engagementId}`,
          e.payload,
        ),
      ];
    case 'risk_acceptance.expiring':
      return [
        draft(
          'risk_acceptance.expiring',
          productId,
          `Risk acceptance expiring: ${e.payload.name}`,
          `The risk acceptance "${e.payload.name}" of ${productName} expires on ${e.payload.expirationDate}.`,
          productUrl,
          e.payload,
        ),
      ];
    case 'finding.assigned':
      return personal(
        'finding.assigned',
        e.payload,
        productId,
        [e.payload.assigneeId],
        `Finding assigned to you: ${e.payload.title}`,
        `You were assigned the finding "${e.payload.title}" in ${productName}.`,
        `/findings/${e.payload.findingId}`,
      );
    case 'user.mentioned': {
      const p = e.payload;
      return personal(
        'user.mentioned',
        p,
        productId,
        p.mentionedUserIds,
        `You were mentioned${p.context ? ` in ${p.context}` : ''}`,
        p.excerpt || 'You were mentioned.',
        p.url,
      );
    }
    case 'finding.review_requested': {
      // Reviewers named in the event get it personally; without names, the product's subscribers.
      const p = e.payload;
      if (p.reviewerIds?.length)
        return personal(
          'finding.review_requested',
          p,
          productId,
          p.reviewerIds,
          `Review requested: ${p.title}`,
          `Your review was requested for the finding "${p.title}" in ${productName}.`,
          `/findings/${p.findingId}`,
        );
      return [
        draft(
          'finding.review_requested',
          productId,
          `Review requested: ${p.title}`,
          `The finding "${p.title}" in ${productName} was put under review.`,
          `/findings/${p.findingId}`,
          { findingId: p.findingId, severity: p.severity },
        ),
      ];
    }
    case 'jira.sync_failed':
      return [
        draft(
          'jira.sync_failed',
          productId,
          `Jira synchronisation failed${productName ? ` for ${productName}` : ''}`,
          e.payload.error || 'Jira synchronisation failed.',
          productUrl,
          e.payload,
        ),
      ];
    case 'job.failed':
      return [
        draft(
          'job.failed',
          null,
          `Background job failed: ${e.payload.job}`,
          e.payload.error || 'A background job failed.',
          '/admin/jobs',
          e.payload,
        ),
      ];
    default:
      return [];
  }
}

function draft(
  type: NotificationType,
  productId: number | null,
  title: string,
  body: string,
  url: string | null,
  details: P,
  severity: string | null = null,
): NotificationDraft {
  return { type, productId, severity, title: title.slice(0, 500), body: body.slice(0, 10_000), url, details };
}

function personal(
  type: NotificationType,
  p: P,
  productId: number | null,
  userIds: number[],
  title: string,
  body: string,
  url: string | null,
): NotificationDraft[] {
  if (!userIds.length) return [];
  return [{ ...draft(type, productId, title, body, url, p), personalUserIds: userIds }];
}

async function importDrafts(e: Of<'scan.imported'>, productName: string, repos: Repos): Promise<NotificationDraft[]> {
  const p = e.payload;
  const count = (k: keyof typeof p.statistics) => p.statistics[k]?.total ?? 0;
  const verb = p.mode === 'reimport' ? 'Reimported' : 'Imported';
  const summary =
    `${verb} ${p.findingsInReport} findings from ${p.scanType} ` +
    `into ${productName}: ${count('created')} new, ${count('reactivated')} reactivated, ${count('closed')} ` +
    `closed, ${count('untouched')} untouched.`;
  const testUrl = `/findings?testId=${p.testId}`;
  const out = [
    draft('scan.imported', p.productId, `${verb}: ${p.scanType} into ${productName}`, summary, testUrl, {
      importId: p.importId,
      testId: p.testId,
      engagementId: p.engagementId,
      scanType: p.scanType,
      mode: p.mode,
      created: count('created'),
      reactivated: count('reactivated'),
      closed: count('closed'),
      untouched: count('untouched'),
    }),
  ];
  // The event carries counts and the id range; the created findings are read from the database.
  const created = await repos.imports.createdFindingIds(p.testId, p.created);
  if (created.length) {
    const { counts, sample } = await repos.notifications.findingDigest(created, DIGEST_SAMPLE);
    const top = SEVERITIES.find((s) => (counts[s] ?? 0) > 0) ?? null;
    const bySeverity = SEVERITIES.filter((s) => counts[s])
      .map((s) => `${counts[s]} ${s}`)
      .join(', ');
    const lines = sample.map((f) => `- [${f.severity}] ${f.title}`);
    const more = created.length > sample.length ? `\n…and ${created.length - sample.length} more.` : '';
    out.push(
      draft(
        'findings.new',
        p.productId,
        `${created.length} new finding${created.length === 1 ? '' : 's'} in ${productName}`,
        `${p.scanType} import: ${bySeverity}.\n${lines.join('\n')}${more}`,
        testUrl,
        { importId: p.importId, testId: p.testId, counts, sample },
        top,
      ),
    );
  }
  return out;
}

async function slaDraft(e: Of<'sla.breached'>, productName: string, repos: Repos): Promise<NotificationDraft> {
  // The SLA job publishes one event per product per run with every newly breached finding (the
  // combined digest): {productId, count, bySeverity, findingIds (first 100)}.
  const { productId, findingIds, count: total, bySeverity: counts } = e.payload;
  const { sample } = await repos.notifications.findingDigest(findingIds, DIGEST_SAMPLE);
  const top = SEVERITIES.find((s) => (counts[s] ?? 0) > 0) ?? null;
  const bySeverity = SEVERITIES.filter((s) => counts[s])
    .map((s) => `${counts[s]} ${s}`)
    .join(', ');
  const lines = sample.map((f) => `- [${f.severity}] ${f.title}`);
  const more = total > sample.length ? `\n…and ${total - sample.length} more.` : '';
  return draft(
    'sla.breached',
    productId,
    `${total} finding${total === 1 ? '' : 's'} past SLA in ${productName}`,
    `Newly past their SLA: ${bySeverity || total}.\n${lines.join('\n')}${more}`,
    `/findings?productId=${productId}&sla=breached`,
    { count: total, counts, findingIds },
    top,
  );
}
