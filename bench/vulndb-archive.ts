/**
 * Synthetic OSV archives for bench:vulndb, shaped like the real records of
 * ../shared/conformance/osv/records (ossf/osv-schema's linter data, read at run time): every record
 * is one of them with its id, aliases, package names, range versions and dates varied, so the
 * archive holds the real mix of GHSA/PYSEC/GO/CVE/distro shapes. Written by a small zip writer with
 * backpressure (a zip library queues every added entry in memory) and a ZIP64 end record (an
 * ecosystem's all.zip holds more than 65,535 entries).
 */
import { createWriteStream, readdirSync, readFileSync } from 'node:fs';
import { once } from 'node:events';
import { randomBytes } from 'node:crypto';
import { crc32, deflateRawSync } from 'node:zlib';

type Json = Record<string, any>;

export function loadTemplates(dir: string): Json[] {
  return readdirSync(dir)
    .filter((n) => n.endsWith('.json') && !/^(nointroduced|nondistinct|nopackage)-/.test(n))
    .sort()
    .map((n) => JSON.parse(readFileSync(`${dir}/${n}`, 'utf8')));
}

const B32 = '23456789cfghjmpqrvwx';
function ghsaPart(n: number): string {
  let s = '';
  for (let i = 0; i < 4; i++) {
    s += B32[n % B32.length];
    n = Math.floor(n / B32.length);
  }
  return s;
}

/** Record `i`, from template `i mod n` (the 39 KB SUSE record one time in 40, as distro records are rarer). */
export function syntheticRecord(templates: Json[], i: number, padBytes = 0): Json {
  const small = templates.filter((t) => JSON.stringify(t).length < 20_000);
  const pool = i % 40 === 0 ? templates : small;
  const r = structuredClone(pool[i % pool.length]);
  const prefix = String(r.id).split('-')[0];
  r.id =
    prefix === 'GHSA'
      ? `GHSA-${ghsaPart(i)}-${ghsaPart(i * 7 + 3)}-${ghsaPart(i * 13 + 5)}`
      : `${prefix}-${2000 + (i % 25)}-${i}`;
  // Three consecutive records share one CVE alias: alias groups of three advisories and a CVE.
  const cve = `CVE-${2000 + (Math.floor(i / 3) % 25)}-${100000 + Math.floor(i / 3)}`;
  // A CVE record's own aliases are its template's (one GHSA id): kept, every copy would join one group.
  r.aliases = prefix === 'CVE' ? [] : [cve];
  const day = new Date(Date.UTC(2020, 0, 1) + i * 60_000).toISOString().replace('.000Z', 'Z');
  r.modified = day;
  if (r.published) r.published = day;
  for (const a of r.affected ?? []) {
    if (a.package) {
      const name = `${a.package.name}-${i % 40_000}`;
      if (a.package.purl) a.package.purl = String(a.package.purl).replace(a.package.name, name);
      a.package.name = name;
    }
    for (const range of a.ranges ?? []) {
      if (range.type === 'GIT') continue;
      range.events = [
        { introduced: i % 3 === 0 ? '0' : `${i % 5}.${i % 7}.0` },
        { fixed: `${(i % 5) + 1}.${i % 11}.${i % 13}` },
      ];
    }
  }
  if (padBytes > 0) r.details = `${r.details ?? ''}\n${randomBytes(padBytes / 2).toString('hex')}`;
  return r;
}

/** Writes a zip archive entry by entry to `path`, waiting for the disk when the stream is full. */
export class ZipWriter {
  private readonly out;
  private offset = 0;
  private readonly central: Buffer[] = [];
  private count = 0;

  constructor(path: string) {
    this.out = createWriteStream(path);
  }

  async add(name: string, text: string, compress = true): Promise<void> {
    const data = Buffer.from(text);
    const body = compress ? deflateRawSync(data, { level: 6 }) : data;
    const method = compress ? 8 : 0;
    const crc = crc32(data);
    const fileName = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(45, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(0x0800, 8);
    dir.writeUInt16LE(method, 10);
    dir.writeUInt32LE(crc, 16);
    dir.writeUInt32LE(body.length, 20);
    dir.writeUInt32LE(data.length, 24);
    dir.writeUInt16LE(fileName.length, 28);
    dir.writeUInt32LE(this.offset, 42);
    this.central.push(dir, fileName);
    this.count++;
    await this.write(Buffer.concat([local, fileName, body]));
  }

  /** The central directory, a ZIP64 end record and locator, and the classic end record saying "see ZIP64". */
  async close(): Promise<number> {
    const start = this.offset;
    for (const part of this.central) await this.write(part);
    const size = this.offset - start;
    const end64 = Buffer.alloc(56);
    end64.writeUInt32LE(0x06064b50, 0);
    end64.writeBigUInt64LE(44n, 4);
    end64.writeUInt16LE(45, 12);
    end64.writeUInt16LE(45, 14);
    end64.writeBigUInt64LE(BigInt(this.count), 24);
    end64.writeBigUInt64LE(BigInt(this.count), 32);
    end64.writeBigUInt64LE(BigInt(size), 40);
    end64.writeBigUInt64LE(BigInt(start), 48);
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(0x07064b50, 0);
    locator.writeBigUInt64LE(BigInt(this.offset), 8);
    locator.writeUInt32LE(1, 16);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(0xffff, 8);
    end.writeUInt16LE(0xffff, 10);
    end.writeUInt32LE(0xffffffff, 12);
    end.writeUInt32LE(0xffffffff, 16);
    await this.write(Buffer.concat([end64, locator, end]));
    this.out.end();
    await once(this.out, 'close');
    return this.offset;
  }

  private async write(chunk: Buffer): Promise<void> {
    this.offset += chunk.length;
    if (!this.out.write(chunk)) await once(this.out, 'drain');
  }
}

/** Writes `count` synthetic records; returns the archive's size in bytes. */
export async function writeArchive(
  path: string,
  templates: Json[],
  count: number,
  opts: { padBytes?: number; offset?: number } = {},
): Promise<number> {
  const zip = new ZipWriter(path);
  for (let i = 0; i < count; i++) {
    const record = syntheticRecord(templates, i + (opts.offset ?? 0), opts.padBytes);
    // Padded records are random bytes: stored, as deflate would only spend time on them.
    await zip.add(`${record.id}.json`, JSON.stringify(record), !opts.padBytes);
  }
  return zip.close();
}
