import { crc32, inflateRawSync } from 'node:zlib';
import yauzl, { type Entry, type ZipFile } from 'yauzl';

/** One record's text from an archive, or why an entry could not be read (`where`: the entry's name). */
export type ArchiveItem = { where: string; text: string } | { where: string; error: string };

export class OsvArchiveError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OsvArchiveError';
  }
}

/**
 * The `.json` entries of a zip archive (OSV's `<ecosystem>/all.zip`), one at a time, in the archive's
 * order. The central directory is read entry by entry and each entry's bytes are read only when it
 * is reached, so memory stays at one entry whatever the archive's size. An entry that is larger than
 * `maxEntryBytes`, encrypted, or fails its size or CRC check is reported as an item with an error;
 * an archive that is not a zip, or breaks while it is read, throws OsvArchiveError.
 */
export async function* readZipEntries(path: string, maxEntryBytes: number): AsyncGenerator<ArchiveItem> {
  const zip = await new Promise<ZipFile>((resolve, reject) =>
    yauzl.open(path, { lazyEntries: true, autoClose: true }, (err, z) =>
      err ? reject(new OsvArchiveError(`${path} is not a readable zip archive: ${err.message}`)) : resolve(z),
    ),
  );
  try {
    for (;;) {
      const entry = await nextEntry(zip);
      if (entry === null) return;
      if (entry.fileName.endsWith('/') || !entry.fileName.toLowerCase().endsWith('.json')) continue;
      const where = entry.fileName;
      if (entry.uncompressedSize > maxEntryBytes) {
        yield { where, error: `entry of ${entry.uncompressedSize} bytes is larger than ${maxEntryBytes}` };
        continue;
      }
      if (entry.isEncrypted() || (entry.compressionMethod !== 0 && entry.compressionMethod !== 8)) {
        yield { where, error: 'entry is encrypted or uses a compression method other than deflate' };
        continue;
      }
      const raw = await entryBytes(zip, entry);
      let data: Buffer;
      try {
        data =
          entry.compressionMethod === 8 ? inflateRawSync(raw, { maxOutputLength: Math.max(1, maxEntryBytes) }) : raw;
      } catch (err) {
        yield { where, error: `entry does not inflate: ${(err as Error).message}` };
        continue;
      }
      if (data.length !== entry.uncompressedSize || crc32(data) !== entry.crc32) {
        yield { where, error: 'entry fails its size or CRC-32 check (the archive is damaged)' };
        continue;
      }
      yield { where, text: data.toString('utf8') };
    }
  } finally {
    zip.close();
  }
}

function nextEntry(zip: ZipFile): Promise<Entry | null> {
  return new Promise((resolve, reject) => {
    const onEntry = (entry: Entry) => settle(() => resolve(entry));
    const onEnd = () => settle(() => resolve(null));
    const onError = (err: Error) => settle(() => reject(new OsvArchiveError(`the archive breaks: ${err.message}`)));
    const settle = (done: () => void) => {
      zip.off('entry', onEntry);
      zip.off('end', onEnd);
      zip.off('error', onError);
      done();
    };
    zip.on('entry', onEntry);
    zip.on('end', onEnd);
    zip.on('error', onError);
    zip.readEntry();
  });
}

/** The entry's stored (compressed) bytes: inflated in one call, cheaper than a stream per small entry. */
function entryBytes(zip: ZipFile, entry: Entry): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    zip.openReadStream(entry, entry.compressionMethod === 8 ? { decompress: false } : {}, (err, stream) => {
      if (err) return reject(new OsvArchiveError(`${entry.fileName} cannot be read: ${err.message}`));
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('error', (e) => reject(new OsvArchiveError(`${entry.fileName} cannot be read: ${e.message}`)));
      stream.on('end', () => resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
    }),
  );
}
