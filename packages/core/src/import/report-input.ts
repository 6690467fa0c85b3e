import { Readable } from 'node:stream';
import { createGunzip, gunzipSync } from 'node:zlib';
import { JsonStringCutter, cutLongJsonStrings, looksLikeJson, type ReportSource } from '@vigil/parsers';
import { AppError } from '../errors/app-error.ts';

/** Import limits, read once from configuration. */
export interface ImportLimits {
  /** Largest report accepted, compressed or not, and the cap on what a gzip/zip may expand to. */
  maxBytes: number;
  /**
   * Reports larger than this (and every gzip-compressed one) are parsed as a stream when their
   * parser can (SARIF, Trivy); smaller ones are read whole. Default 16 MB: a higher limit made the
   * reports just above it import slower, since a streamed parse overlaps the database writes and a
   * whole one precedes them (figures: docs/benchmarks.md, bench:import; docs/import.md#performance).
   */
  streamAboveBytes?: number;
  /**
   * Findings written per statement batch (default 5,000). Fewer, larger COPY statements pay the
   * per-statement triggers less often, but memory grows faster than the batch: 5,000 is the
   * largest measured size that keeps a large import's peak RSS under its target (the batch-size
   * table in docs/benchmarks.md, bench:import and bench:import-rss).
   */
  batchSize?: number;
}

export const DEFAULT_IMPORT_LIMITS: ImportLimits = { maxBytes: 200 * 1024 * 1024 };
const STREAM_ABOVE_BYTES = 16 * 1024 * 1024;
export const DEFAULT_IMPORT_BATCH = 5_000;

/** An upload spooled to a file instead of memory. */
export interface ReportFile {
  path: string;
  size: number;
}

/** The report as a parser gets it: whole bytes, or a source to stream (gunzipped, size-capped). */
export type OpenedReport = { bytes: Buffer; source?: undefined } | { source: ReportSource; bytes?: undefined };

const isGzip = (b: Buffer) => b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;
const isZip = (b: Buffer) => b.length >= 4 && b.readUInt32LE(0) === 0x04034b50;

/**
 * Opens a stored report. Streamed when the parser can stream and the report is large or
 * gzip-compressed; otherwise read whole and checked by readReport. ZIP files are always read
 * whole (their directory is at the end).
 */
export async function openReport(
  chunks: () => AsyncIterable<Buffer>,
  size: number,
  limits: ImportLimits,
  canStream: boolean,
): Promise<OpenedReport> {
  if (size > limits.maxBytes) throw tooLarge(limits);
  const head = await firstBytes(chunks());
  const large = size > (limits.streamAboveBytes ?? STREAM_ABOVE_BYTES);
  if (!canStream || isZip(head) || (!large && !isGzip(head))) {
    // A JSON report's strings over 2 MiB are cut before any parser reads it whole: a plain one
    // chunk by chunk as it is read (a huge string is never held), a gzip-compressed one on its
    // gunzipped buffer, in place (fresh, never the report kept as the original).
    const cutter = !isGzip(head) && !isZip(head) && looksLikeJson(head) ? new JsonStringCutter() : undefined;
    const parts: Buffer[] = [];
    for await (const chunk of chunks()) {
      if (cutter) parts.push(...cutter.push(chunk));
      else parts.push(chunk);
    }
    if (cutter) parts.push(...cutter.end());
    const bytes = readReport(Buffer.concat(parts), limits);
    return { bytes: cutter ? bytes : await cutLongJsonStrings(bytes) };
  }
  return { source: { open: isGzip(head) ? () => gunzipCapped(chunks(), limits) : chunks } };
}

async function firstBytes(chunks: AsyncIterable<Buffer>): Promise<Buffer> {
  for await (const chunk of chunks) return chunk;
  return Buffer.alloc(0);
}

/** Gunzips a stream, refusing output beyond the import limit (a gzip bomb stops there). */
async function* gunzipCapped(chunks: AsyncIterable<Buffer>, limits: ImportLimits): AsyncGenerator<Buffer> {
  const input = Readable.from(chunks);
  const gunzip = createGunzip();
  input.on('error', (err) => gunzip.destroy(err));
  input.pipe(gunzip);
  let total = 0;
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > limits.maxBytes) throw tooLarge(limits, 'The decompressed report');
      yield chunk;
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError('BAD_REQUEST', `The gzip-compressed report is corrupt or truncated: ${(err as Error).message}`, {
      position: { offset: 0 },
    });
  } finally {
    input.destroy();
    gunzip.destroy();
  }
}

const mb = (n: number) => `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;

export function tooLarge(limits: ImportLimits, what = 'The report'): AppError {
  return new AppError(
    'PAYLOAD_TOO_LARGE',
    `${what} is larger than the import limit of ${mb(limits.maxBytes)} (VIGIL_IMPORT_MAX_MB)`,
    {
      limitBytes: limits.maxBytes,
    },
  );
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
      throw new AppError(
        'BAD_REQUEST',
        `The gzip-compressed report is corrupt or truncated: ${(err as Error).message}`,
        { position: { offset: 0 } },
      );
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
