import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments, parse } from 'yaml';

const DEPLOY = new URL('../../deploy/', import.meta.url).pathname;
const CHART = join(DEPLOY, 'helm', 'vigil');

/**
 * `helm` is not on these machines: each template is checked as YAML after its Go-template
 * expressions are replaced by placeholders (control lines dropped, include/toYaml lines dropped),
 * which is what helm would render for the default values apart from the substituted text.
 */
function roughRender(text: string): unknown[] {
  const lines = text
    .split('\n')
    .filter((l) => !/^\s*\{\{-?\s*(if|else|end|define)\b.*\}\}\s*$/.test(l))
    .filter((l) => !/^\s*\{\{-?\s*(include|toYaml)\b.*\}\}\s*$/.test(l))
    .map((l) => l.replace(/\{\{-?[^}]*\}\}/g, 'x'));
  const docs = parseAllDocuments(lines.join('\n'));
  for (const d of docs) if (d.errors.length) throw new Error(d.errors.map((e) => e.message).join('; '));
  return docs.map((d) => d.toJS()).filter(Boolean);
}

test('Helm chart: Chart.yaml and values.yaml parse; templates are YAML with the required objects', () => {
  const chart = parse(readFileSync(join(CHART, 'Chart.yaml'), 'utf8'));
  assert.equal(chart.apiVersion, 'v2');
  const values = parse(readFileSync(join(CHART, 'values.yaml'), 'utf8'));
  for (const role of ['server', 'worker', 'scheduler'])
    assert.ok(values[role].replicas >= 2, `${role} runs several replicas`);

  const objects = readdirSync(join(CHART, 'templates'))
    .filter((f) => f.endsWith('.yaml'))
    .flatMap((f) => roughRender(readFileSync(join(CHART, 'templates', f), 'utf8'))) as Array<Record<string, any>>;
  const byKind = (kind: string) => objects.filter((o) => o.kind === kind);
  const components = (kind: string) =>
    byKind(kind)
      .map((o) => o.spec.selector?.matchLabels?.['app.kubernetes.io/component'])
      .sort();
  assert.deepEqual(components('Deployment'), ['scheduler', 'server', 'worker']);
  assert.deepEqual(components('PodDisruptionBudget'), ['scheduler', 'server', 'worker']);

  const server = byKind('Deployment').find(
    (d) => d.spec.selector.matchLabels['app.kubernetes.io/component'] === 'server',
  )!;
  const container = server.spec.template.spec.containers[0];
  assert.equal(container.livenessProbe.httpGet.path, '/healthz');
  assert.equal(container.readinessProbe.httpGet.path, '/readyz');
  const systemRoutes = readFileSync(
    new URL('../../apps/server/src/routes/system/system.routes.ts', import.meta.url),
    'utf8',
  );
  for (const path of ['/healthz', '/readyz'])
    assert.ok(systemRoutes.includes(`'${path}'`), `the server serves ${path}`);

  const migrate = byKind('Job')[0];
  assert.match(migrate.metadata.annotations['helm.sh/hook'], /pre-upgrade/);
  assert.deepEqual(migrate.spec.template.spec.containers[0].args, ['migrate', 'up']);
  assert.equal(byKind('Cluster')[0].apiVersion, 'postgresql.cnpg.io/v1');
});

test(
  'nginx config: least_conn upstreams, websocket upgrade, retries; `nginx -t` accepts the rendered local ' + 'copy',
  (t) => {
    const conf = readFileSync(join(DEPLOY, 'nginx', 'vigil.conf'), 'utf8');
    assert.match(conf, /upstream vigil_servers \{\s*least_conn;/);
    assert.match(conf, /max_fails=\d+ fail_timeout=\d+s/);
    assert.match(conf, /location \/socket\.io\/ \{[^}]*proxy_set_header Upgrade \$http_upgrade;/);
    assert.match(conf, /proxy_next_upstream error timeout http_502 http_503 http_504;/);
    assert.doesNotMatch(
      conf,
      /proxy_next_upstream [^;]*non_idempotent/,
      'POST/PATCH are never replayed on another server',
    );
    try {
      execFileSync('nginx', ['-v'], { stdio: 'ignore' });
    } catch {
      t.skip('nginx is not installed');
      return;
    }
    // The shipped file as-is, in a minimal main config with a throwaway certificate.
    const dir = mkdtempSync(join(tmpdir(), 'vigil-nginx-'));
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=t',
        '-keyout',
        join(dir, 'vigil.key'),
        '-out',
        join(dir, 'vigil.crt'),
      ],
      { stdio: 'ignore' },
    );
    writeFileSync(join(dir, 'vigil.conf'), conf.replaceAll('/etc/vigil/tls/', `${dir}/`));
    writeFileSync(
      join(dir, 'nginx.conf'),
      `pid ${dir}/nginx.pid; error_log ${dir}/error.log; events {} http { include /etc/nginx/mime.types; ` +
        `include ${dir}/vigil.conf; }`,
    );
    execFileSync('nginx', ['-t', '-q', '-p', dir, '-c', join(dir, 'nginx.conf')], { stdio: 'pipe' });
  },
);

test('systemd units restart always and run the existing roles', () => {
  const dir = join(DEPLOY, 'systemd');
  const units = readdirSync(dir).filter((f) => f.endsWith('.service'));
  const roles = ['server', 'worker', 'scheduler'];
  for (const role of roles) {
    const unit = readFileSync(join(dir, `vigil-${role}@.service`), 'utf8');
    assert.match(unit, /^Restart=always$/m);
    assert.match(unit, new RegExp(`^ExecStart=.*vigil\\.mjs ${role}$`, 'm'));
  }
  assert.ok(units.includes('vigil-migrate.service'));
  const cli = readFileSync(new URL('../../apps/server/src/cli/worker.command.ts', import.meta.url), 'utf8');
  for (const role of ['worker', 'scheduler']) assert.ok(cli.includes(`.command('${role}')`), `vigil ${role} exists`);
});

const PROMETHEUS_CONFIG = join(DEPLOY, 'prometheus', 'prometheus.yml');

test('Prometheus config: the server scrape sends the metrics token as a Bearer credential file', () => {
  const text = readFileSync(PROMETHEUS_CONFIG, 'utf8');
  const config = parse(text) as {
    scrape_configs: Array<{
      job_name: string;
      metrics_path?: string;
      authorization?: { type?: string; credentials_file?: string };
    }>;
  };
  const server = config.scrape_configs.find((s) => s.job_name === 'vigil-server');
  assert.ok(server, 'a vigil-server scrape job');
  assert.equal(server.metrics_path, '/metrics');
  assert.equal(server.authorization?.type, 'Bearer');
  const tokenFile = server.authorization?.credentials_file;
  assert.ok(tokenFile, 'the token is read from a file, not written in the config');
  assert.match(text, /VIGIL_METRICS_TOKEN/);
  // The same setting exists on the servers' side: config, systemd env example, Helm.
  assert.ok(
    readFileSync(new URL('../../apps/server/src/config/config.ts', import.meta.url), 'utf8').includes(
      'VIGIL_METRICS_TOKEN',
    ),
  );
  assert.match(readFileSync(join(DEPLOY, 'systemd', 'vigil.env.example'), 'utf8'), /^VIGIL_METRICS_TOKEN=/m);
  assert.match(
    readFileSync(join(CHART, 'templates', '_helpers.tpl'), 'utf8'),
    /name: VIGIL_METRICS_TOKEN\n\s+valueFrom: \{ secretKeyRef: \{.*key: VIGIL_METRICS_TOKEN, optional: true/,
  );
});

test('Prometheus config: `promtool check config` accepts it', (t) => {
  try {
    execFileSync('promtool', ['--version'], { stdio: 'ignore' });
  } catch {
    t.skip('promtool is not installed');
    return;
  }
  const text = readFileSync(PROMETHEUS_CONFIG, 'utf8');
  const tokenFile = '/etc/prometheus/vigil-metrics-token';
  const dir = mkdtempSync(join(tmpdir(), 'vigil-prometheus-'));
  writeFileSync(join(dir, 'token'), 'test-token-0123456789abcdef');
  writeFileSync(join(dir, 'prometheus.yml'), text.replaceAll(tokenFile, join(dir, 'token')));
  execFileSync('promtool', ['check', 'config', join(dir, 'prometheus.yml')], { stdio: 'pipe' });
});
