import type { AdvisoryListQuery } from '@vigil/contract';
import type { AdvisoryFilter, AdvisorySummaryRow, Page, UnitOfWork } from '@vigil/db';
import { ecosystemBase, normalizePackageName } from '@vigil/vulndb';
import { notFound } from '../errors/app-error.ts';
import { paged } from '../pagination/page.ts';
import type { RequestContext } from '../context/request-context.ts';
import { advisoryPolicy } from './advisory.policy.ts';
import type { AdvisoryView } from './advisory.presenter.ts';
import { packageUrlMatch } from './package-url-key.ts';
import { NAMED_ADVISORIES_MAX, narrowsOnlyById, pageOfNamed } from './named-advisories.ts';

/** Reading the vulnerability database: search and one advisory by its id or an alias (docs/vulndb.md "API"). */
export class AdvisoryService {
  constructor(private readonly uow: UnitOfWork) {}

  async search(ctx: RequestContext, q: AdvisoryListQuery): Promise<Page<AdvisorySummaryRow>> {
    advisoryPolicy.authorize(ctx.actor, 'read');
    const filter = advisoryFilter(q);
    const opts = { sort: q.sort, limit: q.limit, cursor: q.cursor };
    return paged(async () => {
      if (narrowsOnlyById(filter)) {
        const named = await this.named(filter.vulnId);
        if (named) return pageOfNamed(named, filter, opts);
      }
      return this.uow.repos.advisorySearch.search(filter, opts);
    });
  }

  /**
   * The advisories an id names as the search means it (the record with that id and every record
   * listing it as an alias), read by index lookups; undefined when its alias group is too large to
   * read here.
   */
  private async named(vulnId: string): Promise<AdvisorySummaryRow[] | undefined> {
    const repos = this.uow.repos;
    // Reading the region costs the size of the id's alias group: a huge group goes to the store's search.
    const group = await repos.aliasGroups.groupOf(vulnId);
    if (group && group.members.length > NAMED_ADVISORIES_MAX) return undefined;
    const region = await repos.aliasGroups.region([vulnId]);
    const ids = new Set(region.edges.filter((e) => e.alias === vulnId).map((e) => e.osv_id));
    if (region.advisoryIds.includes(vulnId)) ids.add(vulnId);
    if (ids.size > NAMED_ADVISORIES_MAX) return undefined;
    const rows = await Promise.all([...ids].map((id) => repos.advisorySearch.findByIdOrAlias(id)));
    return rows.flat().filter((a) => ids.has(a.osv_id));
  }

  /**
   * The advisory an id names: the record with that id, else one listing it as an alias (the alias
   * group's canonical record when it is among them, else the first by id). ADVISORY_NOT_FOUND otherwise.
   */
  async detail(ctx: RequestContext, vulnId: string): Promise<AdvisoryView> {
    advisoryPolicy.authorize(ctx.actor, 'read');
    const repos = this.uow.repos;
    const named = await repos.advisorySearch.findByIdOrAlias(vulnId);
    if (named.length === 0) throw notFound('Advisory', vulnId);
    const own = named.find((a) => a.osv_id === vulnId);
    const chosen = own ?? named.find((a) => a.osv_id === a.canonical_id) ?? named[0];
    const advisory = await repos.advisorySearch.detail(chosen.osv_id);
    // Removed between the two reads (a concurrent sync replaced it): the same answer as never there.
    if (!advisory) throw notFound('Advisory', vulnId);
    const group = await repos.aliasGroups.groupOf(advisory.osv_id);
    const members = group?.members ?? [advisory.osv_id, ...advisory.aliases].sort();
    const region = await repos.aliasGroups.region(members);
    const held = new Set(region.advisoryIds);
    return {
      advisory,
      matchedBy: own ? 'id' : 'alias',
      group: {
        canonicalId: group?.canonical_id ?? advisory.canonical_id,
        members,
        advisories: members.filter((m) => held.has(m)),
      },
    };
  }
}

/**
 * The query's filters as the store compares them: the ecosystem without its release, names as the
 * ecosystem compares them, a purl as the package it denotes (the contract refuses a purl beside
 * ecosystem or package).
 */
export function advisoryFilter(q: AdvisoryListQuery): AdvisoryFilter {
  const byPurl = q.purl === undefined ? undefined : packageUrlMatch(q.purl);
  const pkg =
    byPurl?.kind === 'package'
      ? { ecosystem: byPurl.ecosystem, name: byPurl.name }
      : { ecosystem: q.ecosystem, name: q.package };
  return {
    vulnId: q.id,
    ecosystem: pkg.ecosystem === undefined ? undefined : ecosystemBase(pkg.ecosystem),
    normalizedName:
      pkg.name === undefined || pkg.ecosystem === undefined ? undefined : normalizePackageName(pkg.ecosystem, pkg.name),
    purl: byPurl?.kind === 'purl' ? byPurl.purl : undefined,
    cwe: q.cwe,
    ratings: q.severity,
    publishedFrom: q.publishedFrom,
    publishedTo: q.publishedTo,
    modifiedFrom: q.modifiedFrom,
    modifiedTo: q.modifiedTo,
    includeWithdrawn: q.includeWithdrawn ?? false,
  };
}
