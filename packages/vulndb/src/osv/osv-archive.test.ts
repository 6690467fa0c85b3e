import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import yazl from 'yazl';
import { OsvArchiveError, readZipEntries, type ArchiveItem } from './osv-archive.ts';

async function zipOf(path: string, entries: [string, string, boolean?][], forceZip64Format = false): Promise<void> {
  const zip = new yazl.ZipFile();
  for (const [name, text, stored] of entries)
    zip.addBuffer(Buffer.from(text), name, { compress: !stored, forceZip64Format });
  zip.end({ forceZip64Format, comment: '' });
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

test('a ZIP64 archive (ZIP64 end record and per-entry extra fields) reads the same', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'osv-archive-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const path = join(dir, 'all.zip');
  await zipOf(
    path,
    [
      ['GHSA-1.json', '{"id":"GHSA-1"}'],
      ['PYSEC-1.json', '{"id":"PYSEC-1"}', true],
    ],
    true,
  );
  assert.deepEqual(await all(readZipEntries(path, 1000)), [
    { where: 'GHSA-1.json', text: '{"id":"GHSA-1"}' },
    { where: 'PYSEC-1.json', text: '{"id":"PYSEC-1"}' },
  ]);
});

test('a damaged entry is reported by name and the others are still read', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'osv-archive-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const path = join(dir, 'all.zip');
  await zipOf(path, [
    ['A.json', '{"id":"AAAAAAAAAAAA"}', true],
    ['B.json', '{"id":"B"}', true],
  ]);
  const bytes = await readFile(path);
  bytes[bytes.indexOf('AAAAAAAAAAAA')] = 0x42; // the stored bytes no longer match their CRC-32
  await writeFile(path, bytes);
  const items = await all(readZipEntries(path, 1000));
  assert.match('error' in items[0] ? items[0].error : '', /CRC-32/);
  assert.deepEqual(items[1], { where: 'B.json', text: '{"id":"B"}' });
});

test('a file that is not a zip is an OsvArchiveError', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'osv-archive-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const path = join(dir, 'not.zip');
  await writeFile(path, 'plain text, no central directory');
  await assert.rejects(all(readZipEntries(path, 1000)), OsvArchiveError);
});
