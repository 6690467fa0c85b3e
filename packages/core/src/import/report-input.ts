import { gunzipSync } from 'node:zlib';
import { AppError } from '../errors/app-error.ts';

/** Import limits, read once from configuration. */
export interface ImportLimits {
  /** Largest report accepted, compressed or not, and the cap on what a gzip/zip may expand to. */
  maxBytes: number;
}

export const DEFAULT_IMPORT_LIMITS: ImportLimits = { maxBytes: 200 * 1024 * 1024 };

const mb = (n: number) => `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;

export function tooLarge(limits: ImportLimits, what = 'The report'): AppError {
  return new AppError('PAYLOAD_TOO_LARGE', `${what} is larger than the import limit of ${mb(limits.maxBytes)} (VIGIL_IMPORT_MAX_MB)`, {
    limitBytes: limits.maxBytes,
  });
}

/**
 * The report bytes a parser gets: size-checked, gunzipped when gzip (with the same size cap, so a
 * gzip bomb stops at the limit), and a ZIP whose entries declare more than the limit refused.
 */
export function readReport(input: Buffer, limits: ImportLimits): Buffer {
  if (input.length > limits.maxBytes) throw tooLarge(limits);
  let bytes = input;
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes, { maxOutputLength: limits.maxBytes });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) {
        throw tooLarge(limits, 'The decompressed report');
      }
      throw new AppError('BAD_REQUEST', `The gzip-compressed report is corrupt or truncated: ${(err as Error).message}`, { position: { offset: 0 } });
    }
  }
  if (zipDeclaredSize(bytes) > limits.maxBytes) throw tooLarge(limits, 'The unzipped report');
  return bytes;
}

/** Sum of the uncompressed sizes a ZIP's central directory declares (0 when not a ZIP). */
function zipDeclaredSize(b: Buffer): number {
  if (b.length < 22 || b.readUInt32LE(0) !== 0x04034b50) return 0;
  let eocd = -1;
  for (let i = b.length - 22; i >= Math.max(0, b.length - 65557); i--) {
    if (b.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return 0;
  let at = b.readUInt32LE(eocd + 16);
  let total = 0;
  for (let n = b.readUInt16LE(eocd + 10); n > 0 && at + 46 <= b.length && b.readUInt32LE(at) === 0x02014b50; n--) {
    total += b.readUInt32LE(at + 24);
    at += 46 + b.readUInt16LE(at + 28) + b.readUInt16LE(at + 30) + b.readUInt16LE(at + 32);
  }
  return total;
}
