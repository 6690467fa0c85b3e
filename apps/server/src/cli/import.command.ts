import { randomBytes, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { basename } from 'node:path';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Command } from 'commander';
import { FilesystemArtifactStore, ImportService, SYSTEM_ACTOR, type ImportStatistics } from '@vigil/core';
import { loadConfig } from '../config/config.ts';
import { withDatabase } from './with-database.ts';

interface ImportOptions {
  product: string;
  engagement: string;
  scanType: string;
  productType?: string;
  url: string;
  token: string;
  reimport?: boolean;
  closeOldFindings?: boolean;
  minimumSeverity?: string;
  async?: boolean;
}

export function registerImportCommands(program: Command): void {
  program
    .command('import <file>')
    .description('Upload a scan report to a Vigil server (POST /api/v1/import), with a progress bar on stderr')
    .requiredOption('--product <name>', 'product name')
    .requiredOption('--engagement <name>', 'engagement name')
    .requiredOption('--scan-type <type>', 'DefectDojo scan-type name, e.g. "SARIF" or "Trivy Scan"')
    .option('--product-type <name>', 'product type; with it, missing product/engagement are created')
    .option('--url <url>', 'server URL', 'http://localhost:8080')
    .requiredOption('--token <key>', 'API token (vigil token create --user <name>)')
    .option('--reimport', 'reimport into the latest test of this scan type in the engagement')
    .option('--close-old-findings', 'close findings the report no longer has')
    .option('--minimum-severity <severity>', 'ignore findings below this severity')
    .option('--async', 'queue the import on a worker and follow it until it is done (docs/jobs.md)')
    .action(async (file: string, o: ImportOptions) => {
      const fields: Record<string, string | undefined> = {
        scanType: o.scanType,
        productName: o.product,
        engagementName: o.engagement,
        productTypeName: o.productType,
        autoCreateContext: o.productType ? 'true' : undefined,
        reimport: o.reimport ? 'true' : undefined,
        closeOldFindings: o.closeOldFindings ? 'true' : undefined,
        minimumSeverity: o.minimumSeverity,
      };
      const { status, body } = await postWithRetries(
        new URL(`/api/v1/import${o.async ? '?async=true' : ''}`, o.url),
        o.token,
        fields,
        file,
      );
      if (o.async) return followQueuedImport(o, status, body);
      const answer = JSON.parse(body || '{}');
      if (status !== 201) throw new Error(`import failed (${status}): ${answer?.error?.message ?? body.slice(0, 300)}`);
      console.log(
        `Imported into test ${answer.testId} (engagement ${answer.engagementId}, product ${answer.productId}).`,
      );
      printStatistics(answer.statistics);
    });

  program
    .command('reprocess')
    .description(
      "Re-parse a test's stored report with the current parsers (a reimport into the same test), on the configured " +
        'database',
    )
    .requiredOption('--test <id>', 'test id')
    .action((o: { test: string }) =>
      withDatabase(async (db) => {
        const id = Number(o.test);
        if (!Number.isInteger(id) || id <= 0) throw new Error('--test must be a test id');
        const config = loadConfig();
        const service = new ImportService(
          db.uow,
          new FilesystemArtifactStore(config.artifactDir),
          () => new Date(),
          { maxBytes: config.importMaxBytes },
          config.dedup,
        );
        const result = await service.reprocess({ actor: SYSTEM_ACTOR }, id);
        console.log(`Reprocessed test ${result.testId} (${result.scanType}).`);
        printStatistics(result.statistics);
      }),
    );
}

function printStatistics(s: ImportStatistics): void {
  for (const [action, c] of Object.entries(s)) {
    console.log(
      `  ${action.padEnd(12)} ${String(c.total).padStart(7)}  (critical ${c.critical}, high ${c.high}, ` +
        `medium ${c.medium}, low ${c.low}, info ${c.info})`,
    );
  }
}

/** Answers after which the import may or may not have happened (or still runs): repeated with the same key. */
const RETRYABLE = new Set(['COMMIT_OUTCOME_UNKNOWN', 'DATABASE_UNAVAILABLE', 'IDEMPOTENCY_KEY_IN_USE']);

/**
 * One Idempotency-Key for the import and all its repeats (docs/api.md "Safe retries"): after a
 * lost connection or a lost COMMIT the upload is sent again and the server carries it out once.
 */
async function postWithRetries(
  url: URL,
  token: string,
  fields: Record<string, string | undefined>,
  file: string,
  retries = 2,
): Promise<{ status: number; body: string }> {
  const key = randomUUID();
  for (let attempt = 0; ; attempt++) {
    let answer: { status: number; body: string } | undefined;
    let failure: unknown;
    try {
      answer = await postMultipart(url, token, fields, file, key);
    } catch (err) {
      failure = err;
    }
    const code = answer ? errorCode(answer.body) : 'NETWORK';
    if (attempt >= retries || (answer && !RETRYABLE.has(code))) {
      if (answer) return answer;
      throw failure;
    }
    console.error(
      `The server's answer was lost or the outcome is unknown (${code}); sending the import again with the same ` +
        `Idempotency-Key…`,
    );
    await new Promise((r) => setTimeout(r, 1000 * 2 ** attempt));
  }
}

function errorCode(body: string): string {
  try {
    return String(JSON.parse(body)?.error?.code ?? '');
  } catch {
    return '';
  }
}

/**
 * Streams a multipart upload from disk (never the whole file in memory), drawing upload progress on stderr; resolves
 * with the answer.
 */
async function postMultipart(
  url: URL,
  token: string,
  fields: Record<string, string | undefined>,
  file: string,
  idempotencyKey: string,
): Promise<{ status: number; body: string }> {
  const filename = basename(file);
  const size = (await stat(file)).size;
  const boundary = `----vigil${randomBytes(12).toString('hex')}`;
  const head = Object.entries(fields)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
    .join('');
  const fileHead = Buffer.from(
    `${head}--${boundary}\r\nContent-Disposition: form-data; name="file"; ` +
      `filename="${filename.replace(/"/g, '')}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const total = fileHead.length + size + tail.length;
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const req = send(url, {
    method: 'POST',
    headers: {
      authorization: `Token ${token}`,
      'content-type': `multipart/form-data; boundary=${boundary}`,
      'content-length': total,
      'idempotency-key': idempotencyKey,
    },
  });
  const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
    req.on('error', reject);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
  });
  let sent = 0;
  const width = 30;
  async function* body() {
    yield fileHead;
    for await (const chunk of createReadStream(file, { highWaterMark: 256 * 1024 }) as AsyncIterable<Buffer>) {
      sent += chunk.length;
      const done = Math.round((sent / size) * width);
      process.stderr.write(
        `\rUploading ${filename} [${'#'.repeat(done)}${'.'.repeat(width - done)}] ${Math.round((sent / size) * 100)}% `,
      );
      yield chunk;
    }
    process.stderr.write('\n');
    yield tail;
  }
  // A server that answers early (401, 413) ends the upload: its answer is what counts.
  await pipeline(body(), req).catch(() => undefined);
  return answer;
}

/** `--async`: the server answered 202 with the request; poll it until the worker is done. */
async function followQueuedImport(o: ImportOptions, status: number, body: string): Promise<void> {
  const queued = JSON.parse(body || '{}');
  if (status !== 202) throw new Error(`import failed (${status}): ${queued?.error?.message ?? body.slice(0, 300)}`);
  console.error(`Queued as import request ${queued.id}; waiting for a worker…`);
  for (;;) {
    await new Promise((r) => setTimeout(r, 1000));
    const res = await fetch(new URL(`/api/v1/import/requests/${queued.id}`, o.url), {
      headers: { authorization: `Token ${o.token}` },
    });
    const r = await res.json();
    if (!res.ok)
      throw new Error(`polling import request ${queued.id} failed (${res.status}): ${r?.error?.message ?? ''}`);
    if (r.state === 'failed') throw new Error(`import request ${queued.id} failed: ${r.error}`);
    if (r.state === 'done') {
      console.log(
        `Imported into test ${r.result.testId} (engagement ${r.result.engagementId}, product ${r.result.productId}).`,
      );
      printStatistics(r.result.statistics);
      return;
    }
  }
}
