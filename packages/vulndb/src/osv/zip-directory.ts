import type { FileHandle } from 'node:fs/promises';

/** What a zip's central directory says of its entries, one index per entry, kept compact. */
export interface ZipEntries {
  names: string[];
  flags: Uint16Array;
  methods: Uint16Array;
  crcs: Uint32Array;
  compressedSizes: Float64Array;
  uncompressedSizes: Float64Array;
  /** Where each entry's local header starts. */
  offsets: Float64Array;
}

const END = 0x06054b50;
const END64 = 0x06064b50;
const LOCATOR64 = 0x07064b50;
const CENTRAL = 0x02014b50;
const CHUNK = 1024 * 1024;

/** Reads the end record (ZIP64 when the counts or offsets overflow) and then the whole central directory. */
export async function readCentralDirectory(file: FileHandle, size: number): Promise<ZipEntries> {
  const tailLength = Math.min(size, 22 + 0xffff);
  const tail = await readAt(file, size - tailLength, tailLength);
  let end = -1;
  for (let i = tail.length - 22; i >= 0; i--)
    if (tail.readUInt32LE(i) === END && i + 22 + tail.readUInt16LE(i + 20) === tail.length) {
      end = i;
      break;
    }
  if (end < 0) throw new Error('no end of central directory record');
  let count = tail.readUInt16LE(end + 10);
  let cdSize = tail.readUInt32LE(end + 12);
  let cdOffset = tail.readUInt32LE(end + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const locatorAt = size - tailLength + end - 20;
    const locator = await readAt(file, locatorAt, 20);
    if (locator.readUInt32LE(0) !== LOCATOR64) throw new Error('ZIP64 locator missing');
    const end64 = await readAt(file, Number(locator.readBigUInt64LE(8)), 56);
    if (end64.readUInt32LE(0) !== END64) throw new Error('ZIP64 end record missing');
    count = Number(end64.readBigUInt64LE(32));
    cdSize = Number(end64.readBigUInt64LE(40));
    cdOffset = Number(end64.readBigUInt64LE(48));
  }
  if (cdOffset + cdSize > size) throw new Error('the central directory lies past the end of the file');
  return parseDirectory(file, cdOffset, cdSize, count);
}

async function parseDirectory(file: FileHandle, at: number, size: number, count: number): Promise<ZipEntries> {
  const e: ZipEntries = {
    names: [],
    flags: new Uint16Array(count),
    methods: new Uint16Array(count),
    crcs: new Uint32Array(count),
    compressedSizes: new Float64Array(count),
    uncompressedSizes: new Float64Array(count),
    offsets: new Float64Array(count),
  };
  let buf = Buffer.alloc(0);
  let pos = 0;
  let read = 0;
  const need = async (n: number) => {
    if (pos + n <= buf.length) return;
    if (read + (pos + n - buf.length) > size) throw new Error('the central directory is cut short');
    const more = await readAt(file, at + read, Math.min(Math.max(CHUNK, n), size - read));
    read += more.length;
    buf = Buffer.concat([buf.subarray(pos), more]);
    pos = 0;
  };
  for (let i = 0; i < count; i++) {
    await need(46);
    if (buf.readUInt32LE(pos) !== CENTRAL) throw new Error(`entry ${i} of the central directory is malformed`);
    const nameLength = buf.readUInt16LE(pos + 28);
    const extraLength = buf.readUInt16LE(pos + 30);
    const commentLength = buf.readUInt16LE(pos + 32);
    await need(46 + nameLength + extraLength + commentLength);
    const flags = buf.readUInt16LE(pos + 8);
    const nameBytes = buf.subarray(pos + 46, pos + 46 + nameLength);
    e.names.push(nameBytes.toString((flags & 0x800) !== 0 ? 'utf8' : 'latin1'));
    e.flags[i] = flags;
    e.methods[i] = buf.readUInt16LE(pos + 10);
    e.crcs[i] = buf.readUInt32LE(pos + 16);
    let csize = buf.readUInt32LE(pos + 20);
    let usize = buf.readUInt32LE(pos + 24);
    let offset = buf.readUInt32LE(pos + 42);
    if (csize === 0xffffffff || usize === 0xffffffff || offset === 0xffffffff) {
      // ZIP64 extended information (header 0x0001): only the overflowing fields, in this order.
      const extra = buf.subarray(pos + 46 + nameLength, pos + 46 + nameLength + extraLength);
      for (let x = 0; x + 4 <= extra.length; x += 4 + extra.readUInt16LE(x + 2)) {
        if (extra.readUInt16LE(x) !== 1) continue;
        let f = x + 4;
        if (usize === 0xffffffff) (usize = Number(extra.readBigUInt64LE(f))), (f += 8);
        if (csize === 0xffffffff) (csize = Number(extra.readBigUInt64LE(f))), (f += 8);
        if (offset === 0xffffffff) offset = Number(extra.readBigUInt64LE(f));
        break;
      }
    }
    e.compressedSizes[i] = csize;
    e.uncompressedSizes[i] = usize;
    e.offsets[i] = offset;
    pos += 46 + nameLength + extraLength + commentLength;
  }
  return e;
}

async function readAt(file: FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  const { bytesRead } = await file.read(buf, 0, length, position);
  if (bytesRead !== length) throw new Error('the file ends early');
  return buf;
}
