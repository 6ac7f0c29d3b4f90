// SPDX-License-Identifier: MIT
// Real-browser logins: tokenlab-cli login with $BROWSER set to the chromium
// driver, on the sandbox's pages and on oidc-provider (a third-party
// authorization server). The CLI never prints tokens; it prints the
// subject, the scopes and the access token's audience, which are asserted.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { runCli, stopProcess, withTimeout } from './lib/sandbox.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const driver = `node ${path.join(here, 'browser-driver.mjs')}`;
const home = mkdtempSync(path.join(tmpdir(), 'tokenlab-chromium-'));
const shots = process.env.TOKENLAB_SCREENSHOT_DIR ? path.join(process.env.TOKENLAB_SCREENSHOT_DIR, 'browser') : '';
let op;

const run = (args, env = {}) => runCli(home, args, { BROWSER: driver, ...env });

function field(out, key) {
  const line = out.split('\n').find((l) => l.startsWith(key.padEnd(14)));
  return line ? line.slice(14).trim() : undefined;
}

before(async () => {
  op = spawn('node', [path.join(here, 'oidc-provider-server.mjs')], { stdio: ['ignore', 'pipe', 'ignore'], env: { ...process.env, OP_INTROSPECTION: '1' } });
  const line = await withTimeout(new Promise((resolve) => createInterface({ input: op.stdout }).once('line', resolve)), 15000, 'oidc-provider start');
  op.info = JSON.parse(line);
});

after(async () => {
  if (op) await stopProcess(op);
  rmSync(home, { recursive: true, force: true });
});

test('chromium signs in on the sandbox pages as alice', async () => {
  const r = await run(['login', '--profile', 'sandbox'], { TOKENLAB_DRIVER_SCREENSHOTS: shots && path.join(shots, 'sandbox-alice') });
  assert.equal(r.code, 0, r.err);
  assert.equal(field(r.out, 'subject'), 'sandbox|alice');
  assert.deepEqual(field(r.out, 'scopes').split(' '), ['openid', 'profile', 'email', 'offline_access', 'read:messages']);
  assert.ok(field(r.out, 'audience').split(' ').includes('https://api.sandbox.tokenlab.test/'));
  for (const check of ['iss ok', 'aud ok', 'exp ok', 'nonce ok']) assert.ok(field(r.out, 'id_token').includes(check), check);
  assert.doesNotMatch(r.out + r.err, /eyJ/, 'no token is ever printed');
});

test('withholding read:messages at consent leaves it out of the token', async () => {
  const r = await run(['login', '--profile', 'sandbox'], { TOKENLAB_DRIVER_WITHHOLD: 'read:messages' });
  assert.equal(r.code, 0, r.err);
  assert.ok(!field(r.out, 'scopes').split(' ').includes('read:messages'));
  assert.equal(field(r.out, 'not in scope'), 'read:messages');
});

test('denying consent ends the login with no tokens and a clear message', async () => {
  const r = await run(['login', '--profile', 'sandbox'], { TOKENLAB_DRIVER_DENY: '1' });
  assert.equal(r.code, 1);
  assert.equal(r.out, '');
  assert.match(r.err, /The user denied access\. \(access_denied\)/);
});

test('chromium signs in on oidc-provider; the access token is an RS256 JWT for the API', async () => {
  const { issuer, client_id: clientId, audience } = op.info;
  const add = await run(['profile', 'add', 'interop', '--issuer', issuer, '--client-id', clientId, '--audience', audience,
                         '--scope', 'openid profile email read:messages']);
  assert.equal(add.code, 0, add.err);
  const r = await run(['login', '--profile', 'interop'], { TOKENLAB_DRIVER_SCREENSHOTS: shots && path.join(shots, 'oidc-provider') });
  assert.equal(r.code, 0, r.err);
  assert.equal(field(r.out, 'subject'), 'alice');
  assert.equal(field(r.out, 'audience'), audience);
  assert.ok(field(r.out, 'scopes').split(' ').includes('read:messages'));
  for (const check of ['iss ok', 'aud ok', 'exp ok', 'nonce ok']) assert.ok(field(r.out, 'id_token').includes(check), check);

  // The stored tokens verify against oidc-provider's own JWKS.
  for (const fieldName of ['access_token', 'id_token']) {
    const d = await run(['decode', '--profile', 'interop', '--field', fieldName, '--verify', '--json']);
    assert.equal(d.code, 0, d.err);
    const report = JSON.parse(d.out);
    assert.equal(report.signature_verified, true);
    assert.equal(report.verified_kid, 'interop-rs256');
    assert.equal(report.token_type, fieldName === 'id_token' ? 'id' : 'access');
  }
});

test('oidc-provider: refresh rotates the token, logout revokes it', async () => {
  const { issuer, client_id: clientId, audience } = op.info;
  const add = await run(['profile', 'add', 'interop-offline', '--issuer', issuer, '--client-id', clientId, '--audience', audience,
                         '--scope', 'openid profile offline_access read:messages', '--param', 'prompt=consent']);
  assert.equal(add.code, 0, add.err);
  const login = await run(['login', '--profile', 'interop-offline']);
  assert.equal(login.code, 0, login.err);
  assert.equal(field(login.out, 'refresh'), 'refresh token issued');
  const before = (await run(['token', '--profile', 'interop-offline', '--field', 'refresh_token'])).out.trim();
  const refreshed = await run(['refresh', '--profile', 'interop-offline']);
  assert.equal(refreshed.code, 0, refreshed.err);
  const after = (await run(['token', '--profile', 'interop-offline', '--field', 'refresh_token'])).out.trim();
  assert.notEqual(after, before, 'oidc-provider rotates refresh tokens of public clients');
  const logout = await run(['logout', '--profile', 'interop-offline']);
  assert.equal(logout.code, 0, logout.out + logout.err);
  assert.match(logout.out, /ok {3}revoke +Revoked the refresh token at http:\/\/127\.0\.0\.1:\d+\/token\/revocation/);
  assert.match(logout.out, /ok {3}forget/);
  // The revoked token no longer refreshes at oidc-provider.
  const res = await fetch(new URL('token', `${issuer}/`), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: after, client_id: clientId }),
  });
  assert.equal((await res.json()).error, 'invalid_grant');
});

for (const method of ['client_secret_post', 'client_secret_basic']) {
  test(`oidc-provider: client credentials with ${method}`, async () => {
    const { issuer, audience, m2m_secret: secret } = op.info;
    const name = `op-m2m-${method.slice(14)}`;
    const args = ['profile', 'add', name, '--grant', 'client-credentials', '--issuer', issuer,
                  '--client-id', method === 'client_secret_post' ? 'tokenlab-m2m-post' : 'tokenlab-m2m-basic',
                  // RFC 8707: oidc-provider names the API by resource at its token endpoint.
                  '--client-auth', method, '--resource', audience, '--scope', 'read:messages', '--client-secret-env', 'OP_M2M_SECRET'];
    assert.equal((await run(args, { OP_M2M_SECRET: secret })).code, 0);
    const login = await run(['login', '--profile', name]);
    assert.equal(login.code, 0, login.err);
    assert.equal(field(login.out, 'audience'), audience);
    const d = await run(['decode', '--profile', name, '--verify', '--json']);
    assert.equal(d.code, 0, d.err);
    assert.equal(JSON.parse(d.out).payload.scope, 'read:messages');
    assert.doesNotMatch(login.out + login.err + d.out + d.err, new RegExp(secret));

    assert.equal((await run(args, { OP_M2M_SECRET: 'wrong' })).code, 0);
    const wrong = await run(['login', '--profile', name]);
    assert.equal(wrong.code, 1);
    assert.match(wrong.err, /invalid_client/);
  });
}

test('oidc-provider: introspect an opaque access token and a refresh token (RFC 7662)', async () => {
  const { issuer, client_id: clientId } = op.info;
  // No audience: oidc-provider issues an opaque access token, which only the issuer can read.
  const add = await run(['profile', 'add', 'op-opaque', '--issuer', issuer, '--client-id', clientId,
                         '--scope', 'openid offline_access', '--param', 'prompt=consent']);
  assert.equal(add.code, 0, add.err);
  const login = await run(['login', '--profile', 'op-opaque']);
  assert.equal(login.code, 0, login.err);
  assert.equal(field(login.out, 'audience'), '(opaque access token)');
  const access = await run(['introspect', '--profile', 'op-opaque']);
  assert.equal(access.code, 0, access.out + access.err);
  assert.equal(field(access.out, 'active'), 'yes');
  assert.equal(field(access.out, 'client'), clientId);
  assert.equal(field(access.out, 'subject'), 'alice');
  assert.match(field(access.out, 'scope'), /openid/);
  assert.match(field(access.out, 'token says'), /opaque/);
  assert.match(access.err, /\/token\/introspection \(none\)/);
  const json = await run(['introspect', '--profile', 'op-opaque', '--field', 'refresh_token', '--json']);
  assert.equal(json.code, 0, json.err);
  assert.equal(JSON.parse(json.out).active, true);
  assert.doesNotMatch(access.out + access.err + json.out + json.err, /eyJ/, 'no token is printed');
  // After logout the refresh token is revoked: a script that kept it learns so.
  const kept = (await run(['token', '--profile', 'op-opaque', '--field', 'refresh_token'])).out.trim();
  assert.equal((await run(['logout', '--profile', 'op-opaque'])).code, 0);
  const res = await fetch(`${issuer}/token/introspection`, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token: kept, client_id: clientId }),
  });
  assert.equal((await res.json()).active, false);
  const gone = await run(['introspect', '--profile', 'op-opaque']);
  assert.equal(gone.code, 2); // nothing to ask about: the issuer could not be asked
  assert.match(gone.err, /no tokens are stored/);
});
