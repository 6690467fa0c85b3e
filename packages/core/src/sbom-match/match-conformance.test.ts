// The matcher on the conformance range cases: ../shared/conformance/vers/*_range_containment_test.json
// (package-url/vers-spec). Each case's vers becomes OSV ECOSYSTEM ranges and listed versions
// (osvFromVers), an advisory entry of that ecosystem; a component at the case's version must be
// matched exactly when the case says it is contained. Read at run time; skipped when the folder is absent.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import type { MatchCandidateRow } from '@vigil/db';
import { osvFromVers, parseVers, VersConversionError, versionSchemes } from '@vigil/vulndb';
import { DependencyPaths } from './dependency-path.ts';
import { matchFindings } from './match-findings.ts';

const DIR = fileURLToPath(new URL('../../../../../shared/conformance/vers/', import.meta.url));
const FILES: Record<string, string> = { npm: 'npm', pypi: 'PyPI' };

interface ContainmentCase {
  input: { vers: string; version: string };
  expected_output: boolean;
}

const paths = new DependencyPaths({ inventory_id: 1, root_ref: null, nodes: [], edges: [] });

for (const [versType, ecosystem] of Object.entries(FILES)) {
  test(`matching agrees with every ${versType} range containment case`, (t) => {
    const file = `${DIR}${versType}_range_containment_test.json`;
    if (!existsSync(file)) {
      t.skip('../shared/conformance/vers is absent: the containment cases were not run through the matcher');
      return;
    }
    const cases = (JSON.parse(readFileSync(file, 'utf8')) as { tests: ContainmentCase[] }).tests;
    const scheme = versionSchemes.byVersType(versType);
    let passed = 0;
    const inexpressible: string[] = [];
    for (const c of cases) {
      let osv: ReturnType<typeof osvFromVers>;
      try {
        osv = osvFromVers(parseVers(c.input.vers), scheme);
      } catch (error) {
        // An exclusive lower bound or `!=` has no OSV form: no advisory can publish it, so no match to test.
        if (!(error instanceof VersConversionError)) throw error;
        inexpressible.push(`${c.input.vers} (${error.message})`);
        continue;
      }
      const { ranges, versions } = osv;
      const row: MatchCandidateRow = {
        inventory_component_id: 1,
        identity_key: `pkg:${versType}/demo@${c.input.version}`,
        purl: `pkg:${versType}/demo@${c.input.version}`,
        name: 'demo',
        component_group: null,
        version: c.input.version,
        advisory_id: 1,
        ordinal: 0,
        osv_id: 'OSV-1',
        withdrawn: null,
        summary: null,
        severity_rating: 'high',
        severity_score: null,
        cwes: [],
        ecosystem,
        ranges,
        versions,
        canonical_id: 'OSV-1',
        group_ids: ['OSV-1'],
        severities: [],
      };
      const matched = matchFindings([row], paths).findings.length === 1;
      assert.equal(matched, c.expected_output, `${c.input.vers} contains ${c.input.version}`);
      passed++;
    }
    t.diagnostic(`${passed} / ${cases.length} ${versType} containment cases matched exactly`);
    for (const reason of inexpressible) t.diagnostic(`not an OSV range, not run: ${reason}`);
    assert.equal(passed + inexpressible.length, cases.length);
  });
}
