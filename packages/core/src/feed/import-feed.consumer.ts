import type { DomainEventRecord, Repositories, UnitOfWork } from '@vigil/db';
import { parseDomainEvents, publish } from '../events/domain-events.ts';
import { drainConsumer, type EventConsumer } from '../events/event-consumer.ts';
import { feedPostedEvent } from './feed-events.ts';

export const FEED_CONSUMER = 'feed';

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
    // Parsed against the event catalogue (@vigil/contract): one that does not parse is logged and skipped.
    for (const e of parseDomainEvents(events)) {
      if (e.type !== 'scan.imported') continue;
      const { productId, mode, scanType, findingsInReport, statistics } = e.payload;
      const product = await repos.products.findById(productId);
      if (!product) continue; // deleted since: nobody could read the post
      const post = await repos.feed.insertPost({
        productId,
        text:
          `${mode === 'reimport' ? 'Reimported' : 'Imported'} ${findingsInReport} findings ` +
          `(${statistics.created?.total ?? 0} new) from ${scanType} into ${product.name}`,
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
