import { open, type FileHandle } from 'node:fs/promises';
import { crc32, inflateRawSync } from 'node:zlib';
import { readCentralDirectory, type ZipEntries } from './zip-directory.ts';

/** One record's text from an archive, or why an entry could not be read (`where`: the entry's name). */
export type ArchiveItem = { where: string; text: string } | { where: string; error: string };

export class OsvArchiveError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OsvArchiveError';
  }
}

/** The file is read in windows of this size, front to back. */
const WINDOW = 4 * 1024 * 1024;
const LOCAL_HEADER = 0x04034b50;

/**
 * The `.json` entries of a zip archive (OSV's `<ecosystem>/all.zip`), one at a time, in the order
 * they are stored. The central directory gives each entry's place and sizes (ZIP64 included); the
 * entries' bytes are then read front to back through one 4 MiB window, so memory holds the
 * directory's metadata and one window whatever the archive's size, and reading costs one system
 * call per window rather than several per entry (as a general-purpose zip library's per-entry
 * streams do: docs/vulndb.md "Loading OSV"). An entry that is larger than `maxEntryBytes`,
 * encrypted, not deflated or stored, or fails its size or CRC-32 check is reported as an item with
 * an error; a file that is not a zip, or breaks while it is read, throws OsvArchiveError.
 */
export async function* readZipEntries(path: string, maxEntryBytes: number): AsyncGenerator<ArchiveItem> {
  let file: FileHandle;
  try {
    file = await open(path, 'r');
  } catch (err) {
    throw new OsvArchiveError(`${path} cannot be opened: ${(err as Error).message}`);
  }
  try {
    const size = (await file.stat()).size;
    const entries = await readCentralDirectory(file, size).catch((err: Error) => {
      throw new OsvArchiveError(`${path} is not a readable zip archive: ${err.message}`);
    });
    const reader = new WindowReader(file, size);
    for (const i of storedOrder(entries)) {
      const where = entries.names[i];
      if (where.endsWith('/') || !where.toLowerCase().endsWith('.json')) continue;
      const usize = entries.uncompressedSizes[i];
      const method = entries.methods[i];
      if (usize > maxEntryBytes) {
        yield { where, error: `entry of ${usize} bytes is larger than ${maxEntryBytes}` };
        continue;
      }
      if ((entries.flags[i] & 1) !== 0 || (method !== 0 && method !== 8)) {
        yield { where, error: 'entry is encrypted or uses a compression method other than deflate' };
        continue;
      }
      const header = await reader.read(entries.offsets[i], 30);
      if (header.readUInt32LE(0) !== LOCAL_HEADER)
        throw new OsvArchiveError(`${where}: no local header where the directory points`);
      const start = entries.offsets[i] + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
      const stored = await reader.read(start, entries.compressedSizes[i]);
      let data: Buffer;
      try {
        data = method === 8 ? inflateRawSync(stored, { maxOutputLength: Math.max(1, maxEntryBytes) }) : stored;
      } catch (err) {
        yield { where, error: `entry does not inflate: ${(err as Error).message}` };
        continue;
      }
      if (data.length !== usize || crc32(data) !== entries.crcs[i]) {
        yield { where, error: 'entry fails its size or CRC-32 check (the archive is damaged)' };
        continue;
      }
      yield { where, text: data.toString('utf8') };
    }
  } finally {
    await file.close();
  }
}

/** Entry indexes by their place in the file (a zip's directory is almost always in that order already). */
function storedOrder(entries: ZipEntries): Iterable<number> {
  const n = entries.names.length;
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = 1; i < n; i++)
    if (entries.offsets[i] < entries.offsets[i - 1])
      return order.sort((a, b) => entries.offsets[a] - entries.offsets[b]);
  return order;
}

/** Reads ranges of a file that mostly move forward, through one window. */
class WindowReader {
  private window = Buffer.alloc(0);
  private windowStart = 0;
  private filled = 0;

  constructor(
    private readonly file: FileHandle,
    private readonly size: number,
  ) {}

  /** `length` bytes at `offset`; valid until the next call. */
  async read(offset: number, length: number): Promise<Buffer> {
    if (offset + length > this.size) throw new OsvArchiveError('an entry runs past the end of the archive');
    const at = offset - this.windowStart;
    if (at >= 0 && at + length <= this.filled) return this.window.subarray(at, at + length);
    const want = Math.min(Math.max(WINDOW, length), this.size - offset);
    if (this.window.length < want) this.window = Buffer.allocUnsafe(Math.max(WINDOW, want));
    const { bytesRead } = await this.file.read(this.window, 0, want, offset);
    if (bytesRead < length) throw new OsvArchiveError('the archive ends early');
    this.windowStart = offset;
    this.filled = bytesRead;
    return this.window.subarray(0, length);
  }
}
