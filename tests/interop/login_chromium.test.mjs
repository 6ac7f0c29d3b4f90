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
import { stopProcess, withTimeout } from './lib/sandbox.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const cli = path.join(process.env.TOKENLAB_BIN_DIR, 'tokenlab-cli');
const driver = `node ${path.join(here, 'browser-driver.mjs')}`;
const home = mkdtempSync(path.join(tmpdir(), 'tokenlab-chromium-'));
const shots = process.env.TOKENLAB_SCREENSHOT_DIR ? path.join(process.env.TOKENLAB_SCREENSHOT_DIR, 'browser') : '';
let op;

function run(args, env = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cli, args, {
      env: { ...process.env, HOME: home, XDG_CONFIG_HOME: path.join(home, 'config'), BROWSER: driver, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { err += d; });
    const timer = setTimeout(() => { process.kill(child.pid, 'SIGTERM'); reject(new Error(`tokenlab-cli ${args.join(' ')} hung:\n${err}`)); }, 120000);
    child.on('exit', (code) => { clearTimeout(timer); resolve({ code, out, err }); });
  });
}

function field(out, key) {
  const line = out.split('\n').find((l) => l.startsWith(key.padEnd(14)));
  return line ? line.slice(14).trim() : undefined;
}

before(async () => {
  op = spawn('node', [path.join(here, 'oidc-provider-server.mjs')], { stdio: ['ignore', 'pipe', 'ignore'] });
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
