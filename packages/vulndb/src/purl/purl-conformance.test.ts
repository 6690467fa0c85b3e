// Conformance: ../shared/conformance/purl/ (package-url/purl-spec tests/), read at run time through
// purl-conformance.ts; skipped with a message when the folder is absent. Every case passes or fails
// through one of the library's known deviations, listed in docs/vulndb.md "purl".
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type PurlCaseResult, purlCaseFiles, purlDeviationOf, runPurlCases } from './purl-conformance.ts';

test('purl-spec parse, build and round-trip cases pass, or fail by a known library deviation', (t) => {
  const files = purlCaseFiles();
  if (!files) {
    t.skip('../shared/conformance/purl/ is absent');
    return;
  }
  const results = files.flatMap(runPurlCases);
  const count = (label: string, cases: PurlCaseResult[]) =>
    t.diagnostic(`${label}: ${cases.filter((r) => r.passed).length}/${cases.length}`);
  for (const kind of ['parse', 'build', 'validate'] as const)
    count(
      kind,
      results.filter((r) => r.kind === kind),
    );
  // The types OSV ecosystems map to (ecosystem-purl.ts).
  for (const type of ['npm', 'pypi', 'maven', 'golang', 'cargo', 'nuget', 'gem', 'composer', 'deb', 'rpm', 'apk']) {
    count(
      type,
      results.filter((r) => r.file === `types/${type}-test.json`),
    );
  }
  const unexplained: PurlCaseResult[] = [];
  const byDeviation = new Map<string, number>();
  for (const r of results.filter((r) => !r.passed)) {
    const deviation = purlDeviationOf(r);
    if (deviation === undefined) unexplained.push(r);
    else byDeviation.set(deviation, (byDeviation.get(deviation) ?? 0) + 1);
  }
  for (const [deviation, count] of byDeviation) t.diagnostic(`${deviation}: ${count}`);
  assert.deepEqual(
    unexplained.map((r) => `${r.file} ${r.kind} "${r.description}" ${r.input}`),
    [],
    'failures without a known deviation',
  );
});
