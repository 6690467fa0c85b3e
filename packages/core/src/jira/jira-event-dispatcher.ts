import type { DomainEventRecord, FindingRow, Repositories, UnitOfWork } from '@vigil/db';
import { SEVERITY_ORDER } from '../sla/sla.ts';
import { drainConsumer, runConsumerBatch, type EventConsumer } from '../events/event-consumer.ts';
import { parseDomainEvents } from '../events/domain-events.ts';
import { enqueueSync, planPush, type JiraGroupBy } from './jira-push-plan.ts';

export const JIRA_CONSUMER = 'jira';
const BATCH = 500;

/**
 * Turns domain events into Jira work, as the durable consumer `jira` (the shared runner,
 * events/event-consumer.ts): new findings at or above a product's minimum severity are pushed, an
 * import with pushToJira pushes what it created (grouped by its groupBy), status changes and edits
 * re-sync linked issues, public notes become comments. The consumer position and the enqueued jobs
 * commit in one transaction, so an event is acted on exactly once; the row lock on the position
 * keeps concurrent dispatchers apart.
 */
export class JiraEventDispatcher implements EventConsumer {
  readonly name = JIRA_CONSUMER;
  readonly batchSize = BATCH;

  constructor(private readonly uow: UnitOfWork) {}

  /** Handles the next batch of committed events; returns how many events were read. */
  async runOnce(): Promise<number> {
    return (await runConsumerBatch(this.uow, this)).events;
  }

  /** Runs until the log is drained (tests, and the dispatch job). */
  async drain(): Promise<number> {
    return (await drainConsumer(this.uow, this)).events;
  }

  async handle(repos: Repositories, events: DomainEventRecord[]): Promise<void> {
    const autoCandidates = new Set<number>();
    const resync = new Set<number>();
    const explicit: Array<{ ids: number[]; groupBy: JiraGroupBy | null }> = [];
    const notes: Array<{ findingId: number; noteId: number }> = [];
    const importedTests = new Set<number>();

    for (const e of parseDomainEvents(events)) {
      switch (e.type) {
        case 'finding.created':
          autoCandidates.add(e.payload.findingId);
          break;
        case 'scan.imported': {
          const p = e.payload;
          const created = await repos.imports.createdFindingIds(p.testId, p.created);
          if (p.pushToJira) explicit.push({ ids: created, groupBy: p.groupBy });
          else for (const id of created) autoCandidates.add(id);
          importedTests.add(p.testId);
          break;
        }
        case 'finding.status_changed':
          if (e.payload.source !== 'jira') resync.add(e.payload.findingId);
          break;
        case 'finding.updated':
          resync.add(e.payload.findingId);
          break;
        case 'finding.note_added':
          if (!e.payload.private && e.payload.source !== 'jira')
            notes.push({ findingId: e.payload.findingId, noteId: e.payload.noteId });
          break;
      }
    }

    for (const { ids, groupBy } of explicit) await planPush(repos, await repos.findings.findByIds(ids), groupBy);
    if (autoCandidates.size) await planPush(repos, await this.aboveThreshold(repos, [...autoCandidates]), null);

    // A reimport closes and reopens findings without per-finding events: re-sync its linked issues.
    const issueIds: number[] = [];
    for (const testId of importedTests) issueIds.push(...(await repos.jiraIssues.issueIdsOfTest(testId)));
    const linked = await repos.jiraIssues.issuesOfFindings([...resync, ...notes.map((n) => n.findingId)]);
    for (const id of resync) if (linked.has(id)) issueIds.push(linked.get(id)!.id);
    for (const n of notes) {
      const issue = linked.get(n.findingId);
      if (!issue) continue;
      const config = await repos.jiraInstances.findConfig(issue.config_id);
      if (!config?.push_notes || (await repos.jiraIssues.noteHasComment(n.noteId))) continue;
      await repos.jiraIssues.queueOutboundComment(issue.id, n.noteId);
      issueIds.push(issue.id);
    }
    await enqueueSync(repos, issueIds);
  }

  /** New findings whose configuration pushes automatically at or above their severity, not yet linked. */
  private async aboveThreshold(repos: Repositories, ids: number[]): Promise<FindingRow[]> {
    const findings = await repos.findings.findByIds(ids);
    const out: FindingRow[] = [];
    const thresholds = new Map<string, Awaited<ReturnType<Repositories['jiraInstances']['effectiveConfig']>>>();
    for (const f of findings) {
      if (f.duplicate) continue;
      const scope = `${f.product_id}:${f.engagement_id}`;
      if (!thresholds.has(scope))
        thresholds.set(scope, await repos.jiraInstances.effectiveConfig(f.product_id, f.engagement_id));
      const config = thresholds.get(scope);
      if (config?.push_min_severity && SEVERITY_ORDER[f.severity] <= SEVERITY_ORDER[config.push_min_severity])
        out.push(f);
    }
    return out;
  }
}
