import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import yazl from 'yazl';
import { OsvArchiveError, readZipEntries, type ArchiveItem } from './osv-archive.ts';

async function zipOf(path: string, entries: [string, string, boolean?][]): Promise<void> {
  const zip = new yazl.ZipFile();
  for (const [name, text, stored] of entries) zip.addBuffer(Buffer.from(text), name, { compress: !stored });
  zip.end();
  const out = createWriteStream(path);
  zip.outputStream.pipe(out);
  await once(out, 'close');
}

async function all(items: AsyncIterable<ArchiveItem>): Promise<ArchiveItem[]> {
  const out: ArchiveItem[] = [];
  for await (const i of items) out.push(i);
  return out;
}

test('the JSON entries of a zip are read one by one, deflated or stored; others are passed over', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'osv-archive-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const path = join(dir, 'all.zip');
  const big = JSON.stringify({ id: 'GHSA-big', details: 'x'.repeat(5000) });
  await zipOf(path, [
    ['GHSA-1.json', '{"id":"GHSA-1"}'],
    ['README.txt', 'not a record'],
    ['sub/PYSEC-1.json', '{"id":"PYSEC-1"}', true],
    ['GHSA-big.json', big],
  ]);
  const items = await all(readZipEntries(path, 1000));
  assert.deepEqual(items.slice(0, 2), [
    { where: 'GHSA-1.json', text: '{"id":"GHSA-1"}' },
    { where: 'sub/PYSEC-1.json', text: '{"id":"PYSEC-1"}' },
  ]);
  assert.equal(items[2].where, 'GHSA-big.json');
  assert.match('error' in items[2] ? items[2].error : '', /larger than 1000/);
  const whole = await all(readZipEntries(path, 10_000));
  assert.equal('text' in whole[2] ? whole[2].text : '', big);
});

test('a file that is not a zip is an OsvArchiveError', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'osv-archive-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const path = join(dir, 'not.zip');
  await writeFile(path, 'plain text, no central directory');
  await assert.rejects(all(readZipEntries(path, 1000)), OsvArchiveError);
});
