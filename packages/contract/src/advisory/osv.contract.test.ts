import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { ZOsvRecord } from './osv.contract.ts';

// ../shared/conformance/osv/ (ossf/osv-schema: validation/schema.json and the osv-linter's test records).
const OSV_DIR = fileURLToPath(new URL('../../../../../shared/conformance/osv/', import.meta.url));
const present = existsSync(`${OSV_DIR}records`);

/** Records the linter's data names as invalid, by the rule their name gives. */
const INVALID_PREFIXES = ['nointroduced-', 'nondistinct-', 'nopackage-'];
/**
 * `nopackage-` names a package that does not exist in its registry (the linter asks PyPI): no schema
 * can see that offline, so Vigil's validator accepts the record (docs/vulndb.md "Loading OSV").
 */
const NEEDS_REGISTRY = 'nopackage-';

function records(): { name: string; json: unknown }[] {
  return readdirSync(`${OSV_DIR}records`)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((name) => ({ name, json: JSON.parse(readFileSync(`${OSV_DIR}records/${name}`, 'utf8')) }));
}

function officialValidator() {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  // ajv-formats is CommonJS: its plugin is the module and, typed, its `default` (both at run time).
  addFormatsModule.default(ajv);
  return ajv.compile(JSON.parse(readFileSync(`${OSV_DIR}schema.json`, 'utf8')));
}

test('every valid conformance record is accepted; those named invalid by a schema rule are refused', (t) => {
  if (!present) return t.skip('../shared/conformance/osv is absent: OSV schema conformance not checked');
  let valid = 0;
  let refused = 0;
  for (const { name, json } of records()) {
    const result = ZOsvRecord.safeParse(json);
    const named = INVALID_PREFIXES.find((p) => name.startsWith(p));
    if (named === undefined || named === NEEDS_REGISTRY) {
      assert.ok(result.success, `${name}: ${result.success ? '' : JSON.stringify(result.error.issues.slice(0, 3))}`);
      if (named === undefined) valid++;
    } else {
      assert.equal(result.success, false, `${name} should be refused`);
      refused++;
    }
  }
  assert.equal(valid, 9);
  assert.equal(refused, 2);
});

test('the zod schema and the official JSON schema agree on every record (but the linter-only rule)', (t) => {
  if (!present) return t.skip('../shared/conformance/osv is absent: no cross-check with the JSON schema');
  const official = officialValidator();
  for (const { name, json } of records()) {
    const expected = name.startsWith('nondistinct-') ? false : official(json);
    assert.equal(ZOsvRecord.safeParse(json).success, expected, name);
  }
});

test('rule by rule, broken variants of a real record are refused by both schemas', (t) => {
  if (!present) return t.skip('../shared/conformance/osv is absent: no cross-check with the JSON schema');
  const official = officialValidator();
  const base = JSON.parse(readFileSync(`${OSV_DIR}records/CVE-2023-41045.json`, 'utf8'));
  const gitRange = (r: typeof base) => r.affected[0].ranges[0];
  const variants: Record<string, (r: typeof base) => void> = {
    'unknown top-level field': (r) => (r.extra = 1),
    'no modified': (r) => delete r.modified,
    'timestamp without a zone': (r) => (r.modified = '2023-09-06T20:02:28'),
    'GIT range with a short hash': (r) => (gitRange(r).events[1] = { fixed: '466af81' }),
    'GIT range without repo': (r) => delete gitRange(r).repo,
    'fixed and last_affected together': (r) => gitRange(r).events.push({ last_affected: 'a'.repeat(40) }),
    'event with two kinds': (r) => (gitRange(r).events[0] = { introduced: '0', fixed: 'b'.repeat(40) }),
    'empty events': (r) => (gitRange(r).events = []),
    'bad CVSS v3 vector': (r) => (r.severity[0].score = 'CVSS:3.1/AV:Q'),
    'unknown severity type': (r) => (r.severity[0].type = 'CVSS_V5'),
    'severity on the record and on a package': (r) => (r.affected[0].severity = [{ type: 'Ubuntu', score: 'low' }]),
    'unknown reference type': (r) => (r.references[0].type = 'BLOG'),
    'reference without url': (r) => delete r.references[0].url,
    'credit without name': (r) => (r.credits = [{ type: 'FINDER' }]),
    'package without name': (r) => (r.affected[0].package = { ecosystem: 'npm' }),
    'database_specific not an object': (r) => (r.database_specific = 'x'),
  };
  for (const [label, breakIt] of Object.entries(variants)) {
    const record = structuredClone(base);
    breakIt(record);
    assert.equal(official(record), false, `official schema accepts: ${label}`);
    assert.equal(ZOsvRecord.safeParse(record).success, false, `zod accepts: ${label}`);
  }
});
