// SPDX-License-Identifier: MIT
// DPoP, PAR and private_key_jwt offline: the same story as against
// oidc-provider, on TokenLab's own sandbox with nonces demanded, PAR
// required and its sample API taking DPoP-bound tokens only. The probe then
// sends the DPoP-bound token's hostile variants, and the sandbox API must
// refuse every one.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { decodeJwt } from 'jose';
import { runCli, startSandbox, stopProcess } from './lib/sandbox.mjs';

const home = mkdtempSync(path.join(tmpdir(), 'tokenlab-hardened-sandbox-'));
const run = (args) => runCli(home, args);
const field = (out, key) => out.split('\n').find((l) => l.startsWith(key.padEnd(14)))?.slice(14).trim();
let sandbox;

before(async () => {
  sandbox = await startSandbox(['--auto-approve', 'alice', '--dpop-nonce', '--require-par', '--api-dpop', 'required']);
});

after(async () => {
  if (sandbox) assert.equal(await stopProcess(sandbox.child), 0);
  rmSync(home, { recursive: true, force: true });
});

test('sandbox: a DPoP login through PAR, calls to the DPoP-only API, and a probe of the proofs', async () => {
  const { issuer, client_id: clientId, audience, api_base_url: api } = sandbox.info;
  const add = await run(['profile', 'add', 'sb-dpop', '--issuer', issuer, '--client-id', clientId, '--audience', audience,
                         '--scope', 'openid profile offline_access read:messages', '--api-base', api, '--dpop']);
  assert.equal(add.code, 0, add.err);
  const login = await run(['login', '--profile', 'sb-dpop']);
  assert.equal(login.code, 0, login.err);
  assert.equal(field(login.out, 'token type'), "DPoP (bound to the profile's proof key)");
  assert.equal(field(login.out, 'request'), 'pushed first (PAR, RFC 9126)');
  const token = (await run(['token', '--profile', 'sb-dpop'])).out.trim();
  assert.ok(decodeJwt(token).cnf?.jkt, 'the sandbox binds the token (cnf.jkt)');

  for (const p of ['/api/private', '/api/private-scoped']) {
    const call = await run(['call', p, '--profile', 'sb-dpop']);
    assert.equal(call.code, 0, call.out + call.err);
  }
  const bearer = await run(['call', '/api/private', '--profile', 'sb-dpop', '--no-token', '--header', `Authorization: Bearer ${token}`]);
  assert.equal(bearer.code, 1);
  assert.match(bearer.err, /DPoP/);
  assert.equal((await run(['refresh', '--profile', 'sb-dpop'])).code, 0);

  const probe = await run(['probe', '--profile', 'sb-dpop', '--json']);
  assert.equal(probe.code, 0, probe.out + probe.err);
  const report = JSON.parse(probe.out);
  const cells = report.endpoints ? report.endpoints.flatMap((e) => e.cells) : report.cells;
  const ids = new Set(cells.map((c) => c.case ?? c.id));
  for (const id of ['dpop-no-proof', 'dpop-as-bearer', 'dpop-wrong-method', 'dpop-wrong-url', 'dpop-wrong-ath',
                    'dpop-other-key', 'dpop-stale', 'dpop-replayed', 'valid-token']) {
    assert.ok(ids.has(id), `the probe ran ${id}`);
  }
  const failed = cells.filter((c) => c.grade === 'fail');
  assert.deepEqual(failed, [], 'the sandbox API refuses every bad proof and accepts the good one');
});

test('sandbox: client credentials with private_key_jwt and DPoP, the client registered with the printed key', async () => {
  const { issuer, audience, api_base_url: api, registration_endpoint: registration } = sandbox.info;
  assert.ok(registration, 'the sandbox names its registration endpoint');
  const base = ['--grant', 'client-credentials', '--issuer', issuer, '--client-auth', 'private_key_jwt', '--dpop',
                '--audience', audience, '--api-base', api];
  const first = await run(['profile', 'add', 'sb-jwt', '--client-id', 'pending', ...base]);
  assert.equal(first.code, 0, first.err);
  const res = await fetch(registration, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token_endpoint_auth_method: 'private_key_jwt', jwks: { keys: [JSON.parse(first.out)] },
                           grant_types: ['client_credentials'], client_name: 'TokenLab interop' }),
  });
  const registered = await res.json();
  assert.equal(res.status, 201, JSON.stringify(registered));
  assert.equal((await run(['profile', 'add', 'sb-jwt', '--client-id', registered.client_id, ...base])).code, 0);
  const login = await run(['login', '--profile', 'sb-jwt']);
  assert.equal(login.code, 0, login.err);
  assert.equal(field(login.out, 'token type'), "DPoP (bound to the profile's proof key)");
  const call = await run(['call', '/api/private', '--profile', 'sb-jwt']);
  assert.equal(call.code, 0, call.out + call.err);
});
