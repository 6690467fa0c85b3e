/**
 * Peak memory of a 200 MB import (never part of the test suite). For each format, a real
 * `vigil server` child on a fresh PostgreSQL database receives a generated report of just under
 * the 200 MB limit through the DefectDojo-compatible multipart route (POST /api/v2/import-scan/),
 * streamed from disk. The figure is the server's peak RSS (VmHWM in /proc/<pid>/status), next to
 * two baselines from the same run: the same server's peak after start-up and a one-finding
 * import, and a bare `node` process that reads the same file and JSON.parses it.
 *
 * The `huge-description` case (issue 13 item 8) is a Trivy report whose one vulnerability has a
 * description of BENCH_RSS_MB MB (150 MiB in the issue): stored capped at 200,000 characters; it
 * also prints the slowest /healthz answer while the import runs (the event loop must not stall).
 * `generic-huge-description` is the same description in a `Generic Findings Import` JSON report,
 * which is parsed whole (not streamed): its long strings are cut on the buffer before JSON.parse.
 *
 *   npm run bench:import-rss
 *     (BENCH_RSS_MB=195, BENCH_RSS_FORMATS=trivy,sarif,huge-description,generic-huge-description)
 */
import { execFileSync } from 'node:child_process';
import {
  createReadStream,
  createWriteStream,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { once } from 'node:events';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshDatabase } from '../test/support/postgres.ts';
import { BIN, startVigil, stop, waitReady } from './support.ts';
import { writeSarif, writeTrivy } from './import-reports.ts';

const MB = 1024 * 1024;
const SIZE_MB = Number(process.env.BENCH_RSS_MB ?? 195);
const FORMATS = (process.env.BENCH_RSS_FORMATS ?? 'trivy,sarif,huge-description,generic-huge-description').split(',');
const PORT = 18191;

function peakMb(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!m) throw new Error(`no VmHWM for ${pid}`);
  return Number(m[1]) / 1024;
}

/** Posts a report as multipart/form-data, streaming the file from disk. */
function importScan(
  token: string,
  fields: Record<string, string>,
  file: string,
): Promise<{ status: number; body: string }> {
  const boundary = `----vigilbench${Date.now()}`;
  const head =
    Object.entries(fields)
      .map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
      .join('') +
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="report.json"\r\nContent-Type: ` +
    `application/json\r\n\r\n`;
  const tail = `\r\n--${boundary}--\r\n`;
  const length = Buffer.byteLength(head) + statSync(file).size + Buffer.byteLength(tail);
  return new Promise((resolve, reject) => {
    const req = request({
      host: '127.0.0.1',
      port: PORT,
      path: '/api/v2/import-scan/',
      method: 'POST',
      headers: {
        authorization: `Token ${token}`,
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'content-length': length,
      },
    });
    req.on('error', reject);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.write(head);
    const body = createReadStream(file);
    body.on('data', (c) => {
      if (!req.write(c)) {
        body.pause();
        req.once('drain', () => body.resume());
      }
    });
    body.on('end', () => req.end(tail));
    body.on('error', reject);
  });
}

/** Peak RSS of a bare node process that reads and JSON.parses the file (the whole-document way). */
function jsonParsePeakMb(file: string): number {
  const script =
    `JSON.parse(require('fs').readFileSync(${JSON.stringify(file)}, 'utf8')); ` +
    `console.log(/VmHWM:\\s+(\\d+) kB/.exec(require('fs').readFileSync('/proc/self/status', 'utf8'))[1])`;
  return Number(execFileSync(process.execPath, ['-e', script]).toString().trim()) / 1024;
}

/** A Trivy report with one vulnerability whose description is `bytes` long, written a MB at a time. */
async function writeHugeDescription(
  path: string,
  bytes: number,
  generic = false,
): Promise<{ bytes: number; items: number }> {
  const doc = generic
    ? { findings: [{ title: 'huge', severity: 'High', description: '@@' }] }
    : {
        SchemaVersion: 2,
        ArtifactName: 'img',
        Results: [
          {
            Target: 't',
            Class: 'os-pkgs',
            Type: 'debian',
            Vulnerabilities: [
              {
                VulnerabilityID: 'CVE-2026-1',
                PkgName: 'p',
                InstalledVersion: '1',
                Severity: 'HIGH',
                Title: 'huge',
                Description: '@@',
              },
            ],
          },
        ],
      };
  const [head, tail] = JSON.stringify(doc).split('@@');
  const out = createWriteStream(path);
  out.write(head);
  const block = 'lorem ipsum '.repeat(MB / 12 + 1).slice(0, MB);
  for (let left = bytes; left > 0; left -= MB)
    if (!out.write(left >= MB ? block : block.slice(0, left))) await once(out, 'drain');
  out.end(tail);
  await once(out, 'finish');
  return { bytes: statSync(path).size, items: 1 };
}

/** Polls /healthz every 50 ms until stopped; resolves with the slowest answer in ms. */
function watchHealth(): { stop: () => Promise<number> } {
  let slowest = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const t = performance.now();
      await fetch(`http://127.0.0.1:${PORT}/healthz`).then((r) => r.arrayBuffer());
      slowest = Math.max(slowest, performance.now() - t);
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  return { stop: async () => ((running = false), await loop, slowest) };
}

const dir = mkdtempSync(join(tmpdir(), 'vigil-rss-'));
const db = await freshDatabase();
try {
  const env = {
    DATABASE_URL: db.url,
    VIGIL_PORT: String(PORT),
    VIGIL_HOST: '127.0.0.1',
    VIGIL_DATA_DIR: join(dir, 'data'),
    VIGIL_ARTIFACT_DIR: join(dir, 'artifacts'),
  };
  execFileSync(process.execPath, [BIN, 'user', 'create', 'benchadmin', '--admin', '--password', 'bench password'], {
    env: { ...process.env, ...env },
  });
  const token = execFileSync(process.execPath, [BIN, 'token', 'create', '--user', 'benchadmin'], {
    env: { ...process.env, ...env },
  })
    .toString()
    .trim();
  const small = join(dir, 'small.json');
  writeFileSync(
    small,
    JSON.stringify({
      SchemaVersion: 2,
      Results: [
        {
          Target: 't',
          Class: 'lang-pkgs',
          Type: 'npm',
          Vulnerabilities: [{ VulnerabilityID: 'CVE-2026-1', PkgName: 'p', InstalledVersion: '1', Severity: 'HIGH' }],
        },
      ],
    }),
  );
  console.log(
    `Import peak-RSS benchmark: reports of ${SIZE_MB} MB, PostgreSQL database ${db.name}, load ` +
      `${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`,
  );
  const rows: Array<Record<string, string | number>> = [];
  for (const format of FORMATS) {
    const file = join(dir, `${format}.json`);
    const written =
      format === 'sarif'
        ? await writeSarif(file, { maxBytes: SIZE_MB * MB })
        : format.endsWith('huge-description')
          ? await writeHugeDescription(
              file,
              Math.round(Number(process.env.BENCH_RSS_DESCRIPTION_MB ?? 150) * MB),
              format.startsWith('generic'),
            )
          : await writeTrivy(file, { maxBytes: SIZE_MB * MB });
    const scanType =
      format === 'sarif' ? 'SARIF' : format.startsWith('generic') ? 'Generic Findings Import' : 'Trivy Scan';
    const parsePeak = jsonParsePeakMb(file);
    const server = startVigil(['server'], {
      ...env,
      ...(process.env.BENCH_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_NODE_OPTIONS } : {}),
    });
    try {
      await waitReady(`http://127.0.0.1:${PORT}/readyz`);
      const fields = {
        scan_type: scanType,
        product_type_name: 'Bench',
        product_name: `RSS ${format}`,
        engagement_name: 'rss',
        auto_create_context: 'true',
      };
      const warm = await importScan(token, { ...fields, scan_type: 'Trivy Scan' }, small);
      if (warm.status !== 201) throw new Error(`small import failed: ${warm.status} ${warm.body.slice(0, 300)}`);
      const floor = peakMb(server.pid!);
      const started = performance.now();
      const health = watchHealth();
      const big = await importScan(token, { ...fields, product_name: `RSS ${format} big` }, file);
      const seconds = (performance.now() - started) / 1000;
      const slowestHealth = await health.stop();
      if (big.status !== 201) throw new Error(`import failed: ${big.status} ${big.body.slice(0, 300)}`);
      const created = JSON.parse(big.body).statistics?.after?.total?.total ?? '?';
      const peak = peakMb(server.pid!);
      rows.push({
        format,
        'report MB': Math.round((written.bytes / MB) * 10) / 10,
        'items in report': written.items,
        'findings stored': created,
        'import s': Math.round(seconds * 10) / 10,
        'server peak RSS MB': Math.round(peak),
        'baseline: server after start + 1-finding import MB': Math.round(floor),
        'baseline: node JSON.parse of the file MB': Math.round(parsePeak),
        'slowest /healthz ms': Math.round(slowestHealth),
        target: peak < 600 ? '< 600 ✔' : '< 600 ✘',
      });
    } finally {
      await stop(server);
      rmSync(file, { force: true });
    }
  }
  console.table(rows);
} finally {
  await db.drop();
  rmSync(dir, { recursive: true, force: true });
}
