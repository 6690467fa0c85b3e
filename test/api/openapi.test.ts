import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { buildOpenApiDocument } from '../../apps/server/src/http/openapi-document.ts';

test(
  'docs/openapi.json is the spec generated from the route schemas (run `npm run openapi` when this ' + 'fails)',
  async () => {
    const generated = JSON.parse(JSON.stringify(await buildOpenApiDocument()));
    const committed = JSON.parse(readFileSync(new URL('../../docs/openapi.json', import.meta.url), 'utf8'));
    assert.deepEqual(committed, generated);
    assert.ok(Object.keys(generated.paths).includes('/api/v1/findings'));
  },
);
