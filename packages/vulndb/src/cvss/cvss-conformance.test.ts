// Conformance: ../shared/conformance/cvss/ (metaeffekt-universal-cvss-calculator's test resources,
// Apache-2.0), read at run time, never copied. Every v3.1 line lists `vector overall base impact
// exploitability temporal environmental modified-impact` (NaN where not applicable); every v4.0
// line `vector macro-vector score`.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { type CvssScore, scoreCvss } from '@vigil/parsers/cvss';

const FOLDER = new URL('../../../../../shared/conformance/cvss/', import.meta.url);

function vectorFiles(prefix: string): string[] | undefined {
  try {
    return readdirSync(FOLDER)
      .filter((f) => f.startsWith(prefix) && f.endsWith('.txt'))
      .sort();
  } catch {
    return undefined;
  }
}

/** Expected value per score field, by column; NaN columns are not applicable. */
type Expectation = Array<[keyof CvssScore, number]>;

function check(file: string, expect: (columns: string[]) => Expectation): { pass: number; failures: string[] } {
  const failures: string[] = [];
  let pass = 0;
  readFileSync(new URL(file, FOLDER), 'utf8')
    .split('\n')
    .forEach((line, index) => {
      const columns = line.trim().split(/\s+/);
      if (columns[0] === '') return;
      const where = `${file}:${index + 1}`;
      try {
        const scored = scoreCvss(columns[0]);
        const wrong = expect(columns).filter(([field, value]) => !Number.isNaN(value) && scored[field] !== value);
        if (wrong.length === 0) pass++;
        else failures.push(`${where} ${wrong.map(([f, v]) => `${f} ${scored[f]} != ${v}`).join(', ')}`);
      } catch (error) {
        failures.push(`${where} ${(error as Error).message}`);
      }
    });
  return { pass, failures };
}

const CASES: Array<[string, string, (columns: string[]) => Expectation]> = [
  [
    'v3.1',
    'cvss-3.1-',
    (c) => [
      ['score', Number(c[1])],
      ['baseScore', Number(c[2])],
      ['temporalScore', Number(c[5])],
      ['environmentalScore', Number(c[6])],
    ],
  ],
  ['v4.0', 'cvss-4.0-', (c) => [['score', Number(c[2])]]],
];

for (const [name, prefix, expect] of CASES) {
  test(`every CVSS ${name} vector of conformance/cvss scores as listed`, (t) => {
    const files = vectorFiles(prefix);
    if (!files || files.length === 0) {
      t.skip(`../shared/conformance/cvss/${prefix}*.txt is absent`);
      return;
    }
    for (const file of files) {
      const { pass, failures } = check(file, expect);
      t.diagnostic(`${file}: ${pass}/${pass + failures.length}`);
      assert.deepEqual(failures.slice(0, 10), [], `${failures.length} of ${pass + failures.length} lines of ${file}`);
    }
  });
}
