import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { MinitwitService } from '@vigil/core';
import { ConfigError, loadConfig } from './config.ts';
import { minitwitRoutes } from '../routes/minitwit/minitwit.routes.ts';
import type { Services } from '../runtime/services.ts';

const dir = () => mkdtempSync(join(tmpdir(), 'vigil-config-'));

test('the MiniTwit simulator API is off by default, whatever credential is set', () => {
  assert.equal(loadConfig({}, dir()).minitwitSimulatorAuth, undefined);
  assert.equal(loadConfig({ VIGIL_MINITWIT_SIM_AUTH: 'sim:secret' }, dir()).minitwitSimulatorAuth, undefined);
  assert.equal(
    loadConfig({ VIGIL_MINITWIT_SIMULATOR: 'off', VIGIL_MINITWIT_SIM_AUTH: 'sim:secret' }, dir()).minitwitSimulatorAuth,
    undefined,
  );
});

test('VIGIL_MINITWIT_SIMULATOR=on requires VIGIL_MINITWIT_SIM_AUTH=user:password; no default', () => {
  const on = { VIGIL_MINITWIT_SIMULATOR: 'on' };
  const names = (v: RegExp) => (e: unknown) => e instanceof ConfigError && v.test(e.message);
  assert.throws(() => loadConfig(on, dir()), names(/VIGIL_MINITWIT_SIM_AUTH: required/));
  assert.throws(
    () => loadConfig({ ...on, VIGIL_MINITWIT_SIM_AUTH: '' }, dir()),
    names(/VIGIL_MINITWIT_SIM_AUTH: required/),
  );
  for (const bad of ['no-colon', ':password', 'user:']) {
    assert.throws(
      () => loadConfig({ ...on, VIGIL_MINITWIT_SIM_AUTH: bad }, dir()),
      names(/VIGIL_MINITWIT_SIM_AUTH/),
      bad,
    );
  }
  assert.throws(
    () => loadConfig({ VIGIL_MINITWIT_SIMULATOR: 'yes', VIGIL_MINITWIT_SIM_AUTH: 'a:b' }, dir()),
    names(/VIGIL_MINITWIT_SIMULATOR/),
  );
  assert.equal(
    loadConfig({ ...on, VIGIL_MINITWIT_SIM_AUTH: 'sim:pass:word' }, dir()).minitwitSimulatorAuth,
    'sim:pass:word',
  );
});

test("the course's published credential is accepted when configured, with a warning at start", async () => {
  const published = ['simulator', 'super_safe!'].join(':');
  for (const [credential, warns] of [
    [published, true],
    ['sim:our-own', false],
  ] as const) {
    const lines: string[] = [];
    const stream = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
    const app = Fastify({ logger: { level: 'warn', stream } });
    // The routes' schemas are the contract's zod schemas, compiled as the real app compiles them.
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    const minitwit = new MinitwitService(undefined as never, undefined as never, undefined as never, credential);
    minitwitRoutes(app, { minitwit } as unknown as Services, '/api/minitwit');
    await app.ready();
    await app.close();
    const warning = lines.find((l) => /published simulator credential/.test(l));
    assert.equal(!!warning, warns, credential);
    if (warning) assert.doesNotMatch(warning, /super_safe/, 'the credential itself is never logged');
  }
});
