import { describe, expect, it } from 'vitest';
import type { Finding, FindingListQuery, Page } from '@vigil/client';
import { fetchFullFindings, findingsToCsv } from './export-findings';

const finding = (id: number) => ({ id, title: `F${id}`, description: 'long' }) as unknown as Finding;

describe('fetchFullFindings', () => {
  it('pages through the full view with the same filters until it has as many findings as were loaded', async () => {
    const calls: FindingListQuery[] = [];
    const all = Array.from({ length: 1200 }, (_, i) => finding(i + 1));
    const listFull = async (q: FindingListQuery): Promise<Page<Finding>> => {
      calls.push(q);
      const start = q.cursor ? Number(q.cursor) : 0;
      const items = all.slice(start, start + (q.limit ?? 50));
      return { items, nextCursor: start + items.length < all.length ? String(start + items.length) : null };
    };
    const got = await fetchFullFindings(listFull, { severity: ['High'] }, 700);
    expect(got.map((f) => f.id)).toEqual(all.slice(0, 700).map((f) => f.id));
    expect(calls.map((c) => [c.limit, c.cursor])).toEqual([
      [500, undefined],
      [200, '500'],
    ]);
    expect(calls.every((c) => c.severity?.[0] === 'High')).toBe(true);
  });

  it('stops at the end of the list', async () => {
    const listFull = async (): Promise<Page<Finding>> => ({ items: [finding(1)], nextCursor: null });
    expect(await fetchFullFindings(listFull, {}, 10)).toHaveLength(1);
  });
});

describe('findingsToCsv', () => {
  it('neutralizes spreadsheet formulas and quotes separators', () => {
    const csv = findingsToCsv([{ id: 1, title: '=cmd|x', tags: ['a', 'b'], vulnerabilityIds: [] } as never]);
    expect(csv.split('\r\n')[1]).toMatch(/^1,'=cmd\|x,/);
  });
});
