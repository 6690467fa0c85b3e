import type { DojoFindingsQuery } from '@vigil/contract';
import type { FindingRow, TestWithScope, UnitOfWork } from '@vigil/db';
import { supportedScanTypes, type Parser } from '@vigil/parsers';
import { AccessService } from '../access/access.service.ts';
import { notFound } from '../errors/app-error.ts';
import { TestPolicy } from '../test/test.policy.ts';
import type { RequestContext } from '../context/request-context.ts';

/** The reads DefectDojo pipelines make after an import, with Vigil's access rules. */
export class DojoReadService {
  private readonly access: AccessService;
  private readonly tests: TestPolicy;
  constructor(private readonly uow: UnitOfWork) {
    this.access = new AccessService(uow.repos);
    this.tests = new TestPolicy(uow.repos);
  }

  /** Supported scan types with stable ids (their position in the sorted list, from 1). */
  testTypes(): Array<{ id: number; name: string; parser: Parser }> {
    return supportedScanTypes().map((t, i) => ({ id: i + 1, name: t.name, parser: t.parser }));
  }

  findings(ctx: RequestContext, q: DojoFindingsQuery): Promise<{ count: number; rows: FindingRow[] }> {
    return this.uow.repos.imports.findingsByOffset({
      readableBy: this.access.scope(ctx.actor),
      testId: q.test,
      engagementId: q.engagement,
      productId: q.product,
      duplicate: q.duplicate,
      active: q.active,
      limit: q.limit,
      offset: q.offset,
    });
  }

  async test(ctx: RequestContext, id: number): Promise<{ test: TestWithScope; findingCount: number }> {
    const test = await this.uow.repos.tests.findById(id);
    if (!test) throw notFound('Test', id);
    await this.tests.authorize(ctx.actor, 'read', test);
    return { test, findingCount: await this.uow.repos.imports.countFindingsOfTest(id) };
  }
}
