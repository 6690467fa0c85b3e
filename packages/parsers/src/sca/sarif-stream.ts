import type { ParsedFinding, ReportSource, StreamedReport } from '../parser.ts';
import { readJsonSkeleton, streamJsonItems, type JsonPath } from '../common/json-stream.ts';
import { guardParse } from '../common/json-shape.ts';
import { resultFindings, runContext, sarifRuns, sarifToolName } from './sarif-findings.ts';

const WHAT = 'SARIF report';
const isResults = (path: JsonPath) =>
  path.length === 3 && path[0] === 'runs' && typeof path[1] === 'number' && path[2] === 'results';

/** SARIF read in two passes: the runs without their results (rules, dates), then the results. */
export async function streamSarif(source: ReportSource): Promise<StreamedReport> {
  const runs = sarifRuns(await readJsonSkeleton(source, isResults, WHAT), WHAT);
  const contexts = runs.map((run, i) => runContext(run, i));
  const seen = runs.map(() => 0);
  async function* batches(): AsyncGenerator<ParsedFinding[]> {
    for await (const items of streamJsonItems(source, isResults, WHAT)) {
      yield await guardParse(WHAT, () => {
        const out: ParsedFinding[] = [];
        for (const { arrayPath, value } of items) {
          const run = arrayPath[1] as number;
          for (const f of resultFindings(value, seen[run]++, contexts[run])) out.push(f);
        }
        return out;
      });
    }
  }
  return { batches: batches(), toolName: sarifToolName(runs) };
}
