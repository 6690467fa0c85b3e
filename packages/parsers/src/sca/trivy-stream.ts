import type { ParsedFinding, ReportSource, StreamedReport } from '../parser.ts';
import { readJsonSkeleton, streamJsonItems, type JsonPath } from '../common/json-stream.ts';
import { asRecord, asText, guardParse, has } from '../common/json-shape.ts';
import { sectionItemFinding, serviceName, TARGET_SECTIONS, type TargetSection } from './trivy-results.ts';

const WHAT = 'Trivy report';
const SECTIONS = new Set<string | number>(TARGET_SECTIONS);
const CLUSTER_SECTIONS = new Set<string | number>(['Vulnerabilities', 'Misconfigurations', 'Resources']);

/** A target's findings section: [j, S] (legacy list), ['Results', j, S], or [C, i, 'Results', j, S] (cluster). */
const isSection = (p: JsonPath) => {
  const n = p.length;
  return (
    n >= 2 &&
    SECTIONS.has(p[n - 1]) &&
    typeof p[n - 2] === 'number' &&
    (n === 2 || (p[n - 3] === 'Results' && (n === 3 || (n === 5 && typeof p[1] === 'number'))))
  );
};

type Layout = 'legacy' | 'v2' | 'cluster';

/** Where a report's findings are, by the same rules as the whole-document parser. */
function layoutOf(doc: unknown): Layout | undefined {
  if (doc === null) return undefined;
  if (Array.isArray(doc)) return 'legacy';
  const report = asRecord(doc)!;
  return report.SchemaVersion === 2 ? 'v2' : 'cluster';
}

function inLayout(path: JsonPath, layout: Layout): boolean {
  if (layout === 'legacy') return path.length === 2;
  if (layout === 'v2') return path.length === 3 && path[0] === 'Results';
  return path.length === 5 && CLUSTER_SECTIONS.has(path[0]);
}

/**
 * Trivy JSON read in two passes: the report with every target's findings sections left empty
 * (validated like a whole document: schema version, shapes), then those sections' elements, each
 * read against its target (and, in a cluster report, its resource) from the first pass.
 */
export async function streamTrivy(source: ReportSource, validate: (doc: unknown) => unknown): Promise<StreamedReport> {
  const doc = await readJsonSkeleton(source, isSection, WHAT);
  await guardParse(WHAT, () => validate(doc));
  const layout = layoutOf(doc);
  const created = asText(asRecord(doc)?.CreatedAt);
  const at = (path: JsonPath): unknown =>
    path.reduce<unknown>((node, key) => (node as Record<string | number, unknown> | undefined)?.[key], doc);
  async function* batches(): AsyncGenerator<ParsedFinding[]> {
    if (!layout) return;
    for await (const items of streamJsonItems(source, isSection, WHAT)) {
      yield await guardParse(WHAT, () => {
        const out: ParsedFinding[] = [];
        for (const { arrayPath, value } of items) {
          if (!inLayout(arrayPath, layout)) continue;
          const target = asRecord(at(arrayPath.slice(0, -1)));
          if (!target || !has(target, 'Target') || !Array.isArray(target[arrayPath.at(-1)!])) continue;
          const resource = layout === 'cluster' ? asRecord(at(arrayPath.slice(0, 2))) : undefined;
          if (layout === 'cluster' && !resource) continue;
          const finding = sectionItemFinding(
            arrayPath.at(-1) as TargetSection,
            value,
            target,
            resource ? serviceName(resource) || undefined : undefined,
          );
          if (finding) out.push(finding);
        }
        return out;
      });
    }
  }
  return { batches: batches(), scanDate: created ? created.slice(0, 10) : undefined };
}
