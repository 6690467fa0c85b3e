import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { HashableFinding } from '@vigil/db';
import type { ParsedFinding } from '@vigil/parsers';
import { computeHashCode, LEGACY_HASH_FIELDS, storedHashCode } from './hash-code.ts';

const finding = (f: Partial<ParsedFinding> = {}): ParsedFinding => ({
  title: 'SQL injection',
  severity: 'High',
  cwe: 89,
  filePath: 'src/db.ts',
  line: 12,
  description: 'Unsanitised input',
  ...f,
});

test('the hash covers exactly the configured fields', () => {
  const fields = ['title', 'cwe'] as const;
  const base = computeHashCode(finding(), fields);
  assert.match(base, /^[0-9a-f]{64}$/);
  assert.equal(
    computeHashCode(finding({ line: 99, description: 'other', severity: 'Low' }), fields),
    base,
    'fields outside the set do not change it',
  );
  assert.notEqual(computeHashCode(finding({ title: 'XSS' }), fields), base);
  assert.notEqual(computeHashCode(finding({ cwe: 79 }), fields), base);
  assert.notEqual(computeHashCode(finding(), ['title', 'cwe', 'line']), base);
});

test('whitespace is collapsed, and fields are separated so adjacent values cannot run together', () => {
  const fields = ['title', 'filePath'] as const;
  assert.equal(computeHashCode(finding({ title: '  SQL\n\tinjection ' }), fields), computeHashCode(finding(), fields));
  assert.notEqual(
    computeHashCode(finding({ title: 'ab', filePath: 'c' }), fields),
    computeHashCode(finding({ title: 'a', filePath: 'bc' }), fields),
  );
  assert.notEqual(
    computeHashCode(finding({ title: 'a b' }), ['title']),
    computeHashCode(finding({ title: 'ab' }), ['title']),
  );
});

test('vulnerability ids and endpoints are sets: order, case and repeats do not matter', () => {
  const ids = ['vulnerabilityIds'] as const;
  assert.equal(
    computeHashCode(finding({ vulnerabilityIds: ['CVE-2024-1', 'cve-2024-2', 'CVE-2024-1'] }), ids),
    computeHashCode(finding({ vulnerabilityIds: ['CVE-2024-2', 'CVE-2024-1'] }), ids),
  );
  assert.notEqual(
    computeHashCode(finding({ vulnerabilityIds: ['CVE-2024-1'] }), ids),
    computeHashCode(finding({ vulnerabilityIds: ['CVE-2024-2'] }), ids),
  );
  const eps = ['endpoints'] as const;
  assert.equal(
    computeHashCode(
      finding({ endpoints: [{ url: 'https://Shop.example/login?x=1' }, { url: 'http://api.example:8080/v1' }] }),
      eps,
    ),
    computeHashCode(
      finding({
        endpoints: [
          { url: 'http://api.example:8080/v1' },
          { url: 'https://shop.example/login?x=1' },
          { url: 'http://api.example:8080/v1' },
        ],
      }),
      eps,
    ),
  );
  assert.notEqual(
    computeHashCode(finding({ endpoints: [{ url: 'https://shop.example/login' }] }), eps),
    computeHashCode(finding({ endpoints: [{ url: 'https://shop.example/logout' }] }), eps),
  );
});

test('a stored finding read back hashes like the parsed finding it came from (re-hash finds the same identity)', () => {
  const parsed = finding({
    vulnerabilityIds: ['CVE-2024-9'],
    endpoints: [{ url: 'https://shop.example:8443/search?q=1' }],
    uniqueIdFromTool: 'rule-7',
  });
  const stored: HashableFinding = {
    id: 1,
    title: 'SQL injection',
    severity: 'High',
    cwe: 89,
    vulnerability_ids: ['CVE-2024-9'],
    file_path: 'src/db.ts',
    line: 12,
    component_name: null,
    component_version: null,
    description: 'Unsanitised input',
    mitigation: '',
    unique_id_from_tool: 'rule-7',
    vuln_id_from_tool: null,
    hash_code: null,
    endpoints: [{ protocol: 'https', host: 'shop.example', port: 8443, path: '/search', query: 'q=1' }],
    purl: null,
  };
  for (const fields of [
    LEGACY_HASH_FIELDS,
    ['title', 'severity', 'vulnerabilityIds', 'endpoints', 'uniqueIdFromTool', 'mitigation'] as const,
  ]) {
    assert.equal(storedHashCode(stored, fields), computeHashCode(parsed, fields), fields.join(','));
  }
});
