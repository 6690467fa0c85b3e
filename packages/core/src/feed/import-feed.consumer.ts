import type { DomainEventRecord, Repositories, UnitOfWork } from '@vigil/db';
import { z } from 'zod';
import { publish } from '../events/domain-events.ts';
import { drainConsumer, type EventConsumer } from '../events/event-consumer.ts';
import { feedPostedEvent } from './feed-events.ts';

export const FEED_CONSUMER = 'feed';

/** What the post reads of a `scan.imported` payload: the product and the counts. */
const ZImportedFacts = z.object({
  productId: z.number().int(),
  mode: z.string(),
  scanType: z.string(),
  findingsInReport: z.number().int(),
  statistics: z.object({ created: z.object({ total: z.number().int() }) }),
});

/**
 * The team feed's automatic post about an import ("Imported 42 findings (3 new) from Trivy Scan
 * into Web shop"), written by the durable consumer `feed` from the import's `scan.imported` event
 * rather than inside the import's transaction. The post and the consumer's position commit
 * together, so a failed batch is read again and each event makes exactly one post.
 */
export class ImportFeedPoster implements EventConsumer<number> {
  readonly name = FEED_CONSUMER;
  readonly batchSize = 200;

  constructor(private readonly uow: UnitOfWork) {}

  /** Posts for every `scan.imported` in the batch; returns how many posts were written. */
  async handle(repos: Repositories, events: DomainEventRecord[]): Promise<number> {
    let posts = 0;
    for (const e of events) {
      if (e.type !== 'scan.imported') continue;
      const facts = ZImportedFacts.safeParse(e.payload);
      if (!facts.success) continue; // an event this consumer cannot read is skipped, not retried forever
      const { productId, mode, scanType, findingsInReport, statistics } = facts.data;
      const product = await repos.products.findById(productId);
      if (!product) continue; // deleted since: nobody could read the post
      const post = await repos.feed.insertPost({
        productId,
        text: `${mode === 'reimport' ? 'Reimported' : 'Imported'} ${findingsInReport} findings (${statistics.created.total} new) from ${scanType} into ${product.name}`,
      });
      await publish(repos, feedPostedEvent(post));
      posts++;
    }
    return posts;
  }

  /** Posts for every import not yet posted about; returns how many events were read. */
  async drain(): Promise<{ locked: boolean; events: number }> {
    return drainConsumer(this.uow, this, { maxBatches: 20 });
  }
}
