// ../shared/conformance/cyclonedx/ (CycloneDX/specification tools/src/test/resources/1.6/): every
// valid-* 1.6 BOM in JSON and XML is read, every invalid-* one refused with a message. The
// .textproto files (Protocol Buffers text format) are not an encoding Vigil reads and are counted apart.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { SbomValidationError } from './inventory.ts';
import { readSbom } from './sbom-reader.ts';

const FOLDER = new URL('../../../../../shared/conformance/cyclonedx/1.6/', import.meta.url);

function cases(): string[] {
  return readdirSync(FOLDER).filter((file) => file.endsWith('.json') || file.endsWith('.xml'));
}

test('every valid CycloneDX 1.6 BOM (JSON and XML) is read', (t) => {
  if (!existsSync(FOLDER)) return t.skip('../shared/conformance/cyclonedx/1.6/ is absent');
  const counts = { json: 0, xml: 0 };
  for (const file of cases().filter((name) => name.startsWith('valid-'))) {
    const read = readSbom(readFileSync(new URL(file, FOLDER)));
    assert.equal(read.inventory.specVersion, '1.6', file);
    counts[file.endsWith('.json') ? 'json' : 'xml'] += 1;
  }
  t.diagnostic(`valid accepted: ${counts.json} JSON, ${counts.xml} XML`);
  assert.ok(counts.json >= 45 && counts.xml >= 47);
});

test('every invalid CycloneDX 1.6 BOM (JSON and XML) is refused with a message and a path', (t) => {
  if (!existsSync(FOLDER)) return t.skip('../shared/conformance/cyclonedx/1.6/ is absent');
  const counts = { json: 0, xml: 0 };
  for (const file of cases().filter((name) => name.startsWith('invalid-'))) {
    assert.throws(
      () => readSbom(readFileSync(new URL(file, FOLDER))),
      (error: unknown) => error instanceof SbomValidationError && error.reason.length > 0,
      file,
    );
    counts[file.endsWith('.json') ? 'json' : 'xml'] += 1;
  }
  t.diagnostic(`invalid refused: ${counts.json} JSON, ${counts.xml} XML`);
  assert.ok(counts.json >= 25 && counts.xml >= 27);
});
