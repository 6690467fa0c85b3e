import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startWebFront } from './web-front.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const CHROMIUM = '/usr/bin/chromium';
// Screenshots refresh docs/screenshots/ only when asked (VIGIL_SCREENSHOTS=1); otherwise a temp dir.
const SHOTS =
  process.env.VIGIL_SCREENSHOTS === '1'
    ? join(ROOT, 'docs', 'screenshots')
    : mkdtempSync(join(tmpdir(), 'vigil-shots-'));
const ADMIN_PASSWORD = 'e2e-admin-password';
const skip = existsSync(CHROMIUM)
  ? false
  : `Debian's Chromium is not installed at ${CHROMIUM} (apt-get install -y chromium); UI end-to-end test skipped`;

let server: ChildProcess | undefined;
let front: Server | undefined;
let browser: Browser | undefined;
let dataDir = '';
let base = '';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function waitReady(url: string, ms: number): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      if ((await fetch(url)).status === 200) return;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > until) throw new Error(`${url} not ready after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

before(async () => {
  if (skip) return;
  const build = spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
    { cwd: join(ROOT, 'apps/web'), encoding: 'utf8', timeout: 180_000 },
  );
  assert.equal(build.status, 0, `web build failed: ${build.stderr}`);
  dataDir = mkdtempSync(join(tmpdir(), 'vigil-ui-e2e-'));
  const port = await freePort();
  const env = {
    ...process.env,
    VIGIL_DATA_DIR: dataDir,
    VIGIL_PORT: String(port),
    VIGIL_HOST: '127.0.0.1',
    VIGIL_LOG_LEVEL: 'warn',
    VIGIL_ADMIN_PASSWORD: ADMIN_PASSWORD,
  };
  server = spawn(process.execPath, [join(ROOT, 'bin/vigil.mjs'), 'start'], {
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await waitReady(`http://127.0.0.1:${port}/readyz`, 90_000);
  // Use the server's own SPA hosting once it is wired in; until then a same-origin front.
  const index = await fetch(`http://127.0.0.1:${port}/findings`).catch(() => null);
  if (index?.ok && /text\/html/.test(index.headers.get('content-type') ?? '')) base = `http://127.0.0.1:${port}`;
  else {
    const f = await startWebFront(join(ROOT, 'apps/web/dist'), port);
    front = f.server;
    base = `http://127.0.0.1:${f.port}`;
  }
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  mkdirSync(SHOTS, { recursive: true });
});

after(async () => {
  await browser?.close();
  front?.close();
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    await new Promise((r) => server!.once('exit', r));
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: false });

/** API calls from inside the signed-in browser context: same cookies, CSRF header from the cookie. */
async function api<T>(page: Page, method: string, path: string, body?: unknown): Promise<T> {
  const csrf = (await page.context().cookies()).find((c) => c.name === 'vigil_csrf')?.value ?? '';
  const res = await page.request.fetch(base + path, { method, data: body, headers: { 'x-csrf-token': csrf } });
  assert.ok(res.ok(), `${method} ${path} → ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}

test('a security engineer signs in, sets up a product, triages a finding and sees the dashboard change', {
  skip,
  timeout: 240_000,
}, async () => {
  const context = await browser!.newContext({ viewport: { width: 1280, height: 860 }, colorScheme: 'light' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));

  // Sign in (a wrong password first: the form says so).
  await page.goto(`${base}/findings`);
  await page.waitForURL(/\/login\?next=/);
  await page.getByLabel('Username').fill('admin');
  await page.getByLabel('Password').fill('wrong password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText('Wrong username or password.').waitFor();
  await page.getByLabel('Password').fill(ADMIN_PASSWORD);
  await shot(page, 'login');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/findings$/);

  // Product type and product through the UI.
  await page.goto(`${base}/product-types`);
  await page.getByRole('button', { name: 'New product type' }).click();
  await page.getByRole('button', { name: 'Create product type' }).click();
  await page
    .getByRole('dialog')
    .getByText(/too small|at least|expected|required|must/i)
    .first()
    .waitFor();
  await page.getByLabel('Name').fill('Web applications');
  await page.getByRole('button', { name: 'Create product type' }).click();
  await page.getByRole('link', { name: 'Web applications' }).waitFor();
  await shot(page, 'product-types');

  await page.goto(`${base}/products`);
  await page.getByRole('button', { name: 'New product' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Name').fill('Web shop');
  await dialog.getByRole('textbox', { name: 'Product type' }).click();
  await page.getByRole('option', { name: 'Web applications' }).click();
  await dialog.getByRole('button', { name: 'Create product' }).click();
  await page.getByRole('link', { name: 'Web shop' }).click();

  // Engagement through the product page.
  await page.getByRole('button', { name: 'New engagement' }).click();
  await page.getByRole('dialog').getByLabel('Name').fill('Q3 pentest');
  await page.getByRole('button', { name: 'Create engagement' }).click();
  await page.getByRole('link', { name: 'Q3 pentest' }).waitFor();
  const productId = Number(/\/products\/(\d+)/.exec(page.url())![1]);

  // A test and findings through the API.
  const engagements = await api<{ items: Array<{ id: number }> }>(
    page,
    'GET',
    `/api/v1/engagements?productId=${productId}`,
  );
  const t = await api<{ id: number }>(page, 'POST', '/api/v1/tests', {
    engagementId: engagements.items[0].id,
    scanType: 'Manual Code Review',
    title: 'Manual review',
  });
  const make = (title: string, severity: string, extra: object = {}) =>
    api(page, 'POST', '/api/v1/findings', { testId: t.id, title, severity, active: true, ...extra });
  await make('SQL injection in /search', 'Critical', {
    cwe: 89,
    vulnerabilityIds: ['CVE-2024-0001'],
    componentName: 'search-api',
  });
  await make('Reflected XSS in /profile', 'High', {
    cwe: 79,
    description: 'The name parameter is echoed without encoding.',
    locations: [{ kind: 'url', protocol: 'https', host: 'shop.example', path: '/profile' }],
  });
  await make('Outdated lodash', 'High', {
    componentName: 'lodash',
    componentVersion: '4.17.15',
    vulnerabilityIds: ['CVE-2021-23337'],
  });
  await make('Missing security headers', 'Low');
  await page.reload();
  await page.getByRole('link', { name: '2', exact: true }).waitFor();
  await shot(page, 'product-detail');

  // Dashboard: two open High findings.
  await page.goto(`${base}/`);
  await page.getByRole('link', { name: '2 open High findings' }).waitFor();
  await shot(page, 'dashboard');

  // Findings list filtered from the chart; triage one.
  await page.getByRole('link', { name: '2 open High findings' }).click();
  await page.waitForURL(/\/findings\?severity=High&active=true/);
  await page.getByRole('link', { name: 'Reflected XSS in /profile' }).waitFor();
  await shot(page, 'findings');
  await page
    .getByRole('checkbox', { name: /Select finding/ })
    .first()
    .check();
  await page.getByRole('toolbar', { name: 'Bulk actions' }).getByRole('button', { name: 'Close' }).click();
  await page
    .getByTestId('findings-count')
    .filter({ hasText: /^1 loaded/ })
    .waitFor();

  // Finding detail: add a note, close it from its own page.
  await page
    .getByRole('link', { name: /XSS|lodash/ })
    .first()
    .click();
  await page.getByRole('toolbar', { name: 'Finding actions' }).waitFor();
  await page.getByRole('tab', { name: 'Notes' }).click();
  await page.getByLabel('Add a note').fill('Confirmed on staging; fix scheduled.');
  await page.getByRole('button', { name: 'Add note' }).click();
  await page.getByText('Confirmed on staging; fix scheduled.').waitFor();
  await page.getByRole('tab', { name: 'Details' }).click();
  await shot(page, 'finding-detail');
  await page.getByRole('button', { name: 'Close (mitigated)' }).click();
  await page.getByTestId('finding-status').filter({ hasText: 'Closed' }).waitFor();

  // The dashboard reflects the triage.
  await page.getByRole('link', { name: 'Dashboard' }).click();
  await page.getByRole('link', { name: '0 open High findings' }).waitFor();
  await page.getByRole('link', { name: '1 open Critical findings' }).waitFor();
  await page.getByTestId('mttr-High').waitFor();

  // The other main pages render.
  await page.goto(`${base}/findings`);
  await page.getByText('SQL injection in /search').waitFor();
  await page.goto(`${base}/profile`);
  await page.getByLabel('Token name').fill('ci');
  await page.getByRole('button', { name: 'Create token' }).click();
  await page.getByTestId('new-token-key').waitFor();
  await shot(page, 'profile');
  await page.goto(`${base}/admin/users`);
  await page.getByRole('table', { name: 'Users' }).waitFor();
  await shot(page, 'admin-users');
  await page.goto(`${base}/admin/audit`);
  await page.getByRole('table', { name: 'Audit log' }).waitFor();
  await shot(page, 'admin-audit');
  // Import a Trivy report through the dialog: scan type, engagement, file, then the statistics.
  await page.getByRole('button', { name: 'Import scan' }).click();
  await page.getByText('Drop a report here').waitFor();
  await shot(page, 'import-dialog');
  const importDialog = page.getByRole('dialog');
  await importDialog.getByRole('textbox', { name: 'Scan type' }).fill('Trivy');
  await page.getByRole('option', { name: 'Trivy Scan', exact: true }).click();
  await importDialog.getByRole('textbox', { name: 'Engagement' }).click();
  await page.getByRole('option', { name: /Q3 pentest/ }).click();
  const trivyReport = JSON.stringify({
    SchemaVersion: 2,
    ArtifactName: 'shop:1.0',
    Results: [
      {
        Target: 'shop:1.0 (debian 12)',
        Vulnerabilities: [
          {
            VulnerabilityID: 'CVE-2026-4242',
            PkgName: 'openssl',
            InstalledVersion: '3.0.1',
            FixedVersion: '3.0.9',
            Severity: 'CRITICAL',
            Title: 'openssl: remote crash',
          },
          {
            VulnerabilityID: 'CVE-2026-4343',
            PkgName: 'zlib',
            InstalledVersion: '1.2.11',
            Severity: 'MEDIUM',
            Title: 'zlib: overflow',
          },
        ],
      },
    ],
  });
  await page
    .getByTestId('import-file')
    .setInputFiles({ name: 'trivy.json', mimeType: 'application/json', buffer: Buffer.from(trivyReport) });
  await importDialog.getByRole('button', { name: 'Import', exact: true }).click();
  await page
    .getByRole('table', { name: 'Import statistics' })
    .getByRole('row', { name: /created 2 1 0 1/ })
    .waitFor();
  await shot(page, 'import-done');
  await importDialog.getByRole('button', { name: 'Done' }).click();
  await page.goto(`${base}/`);
  await page.getByRole('table', { name: 'Recent imports' }).getByRole('link', { name: 'Trivy Scan' }).waitFor();
  await page.getByRole('link', { name: '2 open Critical findings' }).waitFor();

  // Dark theme and tablet width.
  await page.getByRole('button', { name: /Switch to dark theme/ }).click();
  await page.goto(`${base}/`);
  await page.getByRole('link', { name: '2 open Critical findings' }).waitFor();
  await shot(page, 'dashboard-dark');
  await page.setViewportSize({ width: 768, height: 1024 });
  await page.goto(`${base}/findings?active=true`);
  await page.getByText('SQL injection in /search').waitFor();
  await shot(page, 'findings-tablet');

  // The feed's public timeline shows a new post live, without a reload.
  await page.setViewportSize({ width: 1280, height: 860 });
  // The server's 'ready' frame comes once the socket has joined its rooms: then a new post reaches it.
  const socketReady = page
    .waitForEvent('websocket', { predicate: (ws) => ws.url().includes('/socket.io') })
    .then((ws) =>
      ws.waitForEvent('framereceived', { predicate: (f) => String(f.payload).includes('"ready"'), timeout: 15_000 }),
    );
  await page.goto(`${base}/feed/public`);
  await page.locator('main[data-live="public"]').waitFor();
  await socketReady;
  await api(page, 'POST', '/api/v1/feed/posts', { text: 'Triage of **Web shop** done' });
  await page.locator('ul.messages li.live').filter({ hasText: 'Triage of Web shop done' }).waitFor({ timeout: 15_000 });
  await shot(page, 'feed-live');

  assert.deepEqual(errors, [], 'no uncaught errors in the page');
  await context.close();
});
