import { inflateRawSync } from 'node:zlib';
import { ParseError } from '../parser.ts';

/** One file of a ZIP archive. */
export interface ZipEntry {
  name: string;
  data: Buffer;
}

const MAX_ENTRY_BYTES = 256 * 1024 * 1024;

export function isZip(input: Buffer): boolean {
  return input.length >= 4 && input.readUInt32LE(0) === 0x04034b50;
}

/**
 * Reads the files of a ZIP archive from its central directory (stored and deflated entries only),
 * with a size cap per entry so a small archive cannot inflate without bound.
 */
export function readZip(input: Buffer, what = 'ZIP archive'): ZipEntry[] {
  let eocd = -1;
  for (let i = input.length - 22; i >= Math.max(0, input.length - 65557); i--) {
    if (input.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ParseError(`Malformed ${what}: end of central directory not found`, { offset: input.length });
  const count = input.readUInt16LE(eocd + 10);
  let at = input.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (at + 46 > input.length || input.readUInt32LE(at) !== 0x02014b50) {
      throw new ParseError(`Malformed ${what}: bad central directory entry ${n}`, { offset: at });
    }
    const method = input.readUInt16LE(at + 10);
    const compressedSize = input.readUInt32LE(at + 20);
    const size = input.readUInt32LE(at + 24);
    const nameLength = input.readUInt16LE(at + 28);
    const extraLength = input.readUInt16LE(at + 30);
    const commentLength = input.readUInt16LE(at + 32);
    const localOffset = input.readUInt32LE(at + 42);
    const name = input.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + nameLength + extraLength + commentLength;
    if (name.endsWith('/')) continue;
    if (localOffset + 30 > input.length || input.readUInt32LE(localOffset) !== 0x04034b50) {
      throw new ParseError(`Malformed ${what}: bad local header for ${name}`, { offset: localOffset });
    }
    const start = localOffset + 30 + input.readUInt16LE(localOffset + 26) + input.readUInt16LE(localOffset + 28);
    const raw = input.subarray(start, start + compressedSize);
    if (size > MAX_ENTRY_BYTES) throw new ParseError(`${what}: entry ${name} is too large`, { path: name });
    let data: Buffer;
    if (method === 0) data = Buffer.from(raw);
    else if (method === 8) {
      try {
        data = inflateRawSync(raw, { maxOutputLength: MAX_ENTRY_BYTES });
      } catch (err) {
        throw new ParseError(`Malformed ${what}: cannot inflate ${name}: ${(err as Error).message}`, { path: name });
      }
    } else throw new ParseError(`${what}: entry ${name} uses unsupported compression method ${method}`, { path: name });
    entries.push({ name, data });
  }
  return entries;
}
