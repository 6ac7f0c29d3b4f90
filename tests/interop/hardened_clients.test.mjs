// SPDX-License-Identifier: MIT
// DPoP (RFC 9449), pushed authorization requests (RFC 9126) and
// private_key_jwt (RFC 7523) against software nobody at TokenLab wrote:
// oidc-provider with DPoP on, server nonces demanded and PAR required, and
// Express APIs guarded by express-oauth2-jwt-bearer with DPoP required (and
// one with DPoP merely allowed). tokenlab-cli logs in through Chromium,
// calls the APIs, refreshes, and gets client-credentials tokens signed for
// with a key that only the keychain holds.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import express from 'express';
import { auth, requiredScopes } from 'express-oauth2-jwt-bearer';
import { calculateJwkThumbprint, decodeJwt } from 'jose';
import { runCli, stopProcess, withTimeout } from './lib/sandbox.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const driver = `node ${path.join(here, 'browser-driver.mjs')}`;
const home = mkdtempSync(path.join(tmpdir(), 'tokenlab-hardened-'));
const servers = [];
let op;
let requiredApi;
let allowedApi;

const run = (args, env = {}) => runCli(home, args, { BROWSER: driver, ...env });

const field = (out, key) => out.split('\n').find((l) => l.startsWith(key.padEnd(14)))?.slice(14).trim();

async function expressApi(dpop) {
  const { issuer, audience } = op.info;
  const app = express();
  const guard = auth({ issuer, jwksUri: `${issuer}/jwks`, audience, dpop });
  app.get('/api/public', (req, res) => res.json({ message: 'public' }));
  app.get('/api/private', guard, (req, res) => res.json({ message: 'private', jkt: req.auth.payload.cnf?.jkt ?? null }));
  app.post('/api/private', guard, (req, res) => res.json({ message: 'posted' }));
  app.get('/api/private-scoped', guard, requiredScopes('read:messages'), (req, res) => res.json({ message: 'scoped' }));
  app.use((err, req, res, next) => res.status(err.status ?? 500).set(err.headers ?? {}).json({ message: err.message }));
  const server = await new Promise((resolve) => { const s = app.listen(0, '127.0.0.1', () => resolve(s)); });
  servers.push(server);
  return `http://127.0.0.1:${server.address().port}`;
}

// RFC 7591 at oidc-provider: a client whose only credential is the public key TokenLab printed.
async function register(metadata) {
  const res = await fetch(`${op.info.issuer}/reg`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(metadata),
  });
  const body = await res.json();
  assert.equal(res.status, 201, JSON.stringify(body));
  return body.client_id;
}

before(async () => {
  op = spawn('node', [path.join(here, 'oidc-provider-server.mjs')], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, OP_DPOP: '1', OP_DPOP_NONCE: '1', OP_REQUIRE_PAR: '1', OP_REGISTRATION: '1' },
  });
  const line = await withTimeout(new Promise((resolve) => createInterface({ input: op.stdout }).once('line', resolve)), 15000, 'oidc-provider start');
  op.info = JSON.parse(line);
  requiredApi = await expressApi({ enabled: true, required: true });
  allowedApi = await expressApi({ enabled: true, required: false });
});

after(async () => {
  for (const s of servers) await new Promise((resolve) => s.close(resolve));
  if (op) await stopProcess(op);
  rmSync(home, { recursive: true, force: true });
});

test('a DPoP login through a pushed authorization request, then calls to a DPoP-required API', async () => {
  const { issuer, client_id: clientId, audience } = op.info;
  const add = await run(['profile', 'add', 'op-dpop', '--issuer', issuer, '--client-id', clientId, '--audience', audience,
                         '--scope', 'openid profile offline_access read:messages', '--param', 'prompt=consent',
                         '--api-base', requiredApi, '--dpop']);
  assert.equal(add.code, 0, add.err);
  const login = await run(['login', '--profile', 'op-dpop']);
  assert.equal(login.code, 0, login.err);
  assert.equal(field(login.out, 'token type'), "DPoP (bound to the profile's proof key)");
  // oidc-provider requires PAR: TokenLab read that from its metadata and pushed.
  assert.equal(field(login.out, 'request'), 'pushed first (PAR, RFC 9126)');
  assert.match(login.err, /the issuer requires it/);
  assert.match(login.err, /Made a DPoP proof key \(ES256\)/);
  // Demanded nonces were fetched and used without the user seeing a failure.
  assert.match(login.err, /asked for a DPoP nonce/);

  // The access token is bound to the key whose public half profile key --dpop prints.
  const token = (await run(['token', '--profile', 'op-dpop'])).out.trim();
  const key = await run(['profile', 'key', 'op-dpop', '--dpop']);
  assert.equal(key.code, 0, key.err);
  const jwk = JSON.parse(key.out);
  assert.equal(jwk.d, undefined, 'never the private key');
  assert.equal(decodeJwt(token).cnf.jkt, await calculateJwkThumbprint(jwk));

  const call = await run(['call', '/api/private', '--profile', 'op-dpop']);
  assert.equal(call.code, 0, call.out + call.err);
  assert.equal(JSON.parse(call.out).jkt, decodeJwt(token).cnf.jkt);
  const scoped = await run(['call', '/api/private-scoped', '--profile', 'op-dpop']);
  assert.equal(scoped.code, 0, scoped.out + scoped.err);
  const posted = await run(['call', '/api/private', '--profile', 'op-dpop', '--method', 'POST', '--data', '{"a":1}']);
  assert.equal(posted.code, 0, posted.out + posted.err);

  // The same token as Bearer, without a proof: the API refuses it and TokenLab says why.
  const bearer = await run(['call', '/api/private', '--profile', 'op-dpop', '--no-token', '--header', `Authorization: Bearer ${token}`]);
  assert.equal(bearer.code, 1, bearer.out + bearer.err);
  assert.match(bearer.err, /HTTP 400: The token is DPoP-bound \(cnf\.jkt\) but went as Bearer/);

  // A refresh of a DPoP-bound refresh token proves the same key again.
  const refreshed = await run(['refresh', '--profile', 'op-dpop']);
  assert.equal(refreshed.code, 0, refreshed.out + refreshed.err);
  const renewed = (await run(['token', '--profile', 'op-dpop'])).out.trim();
  assert.notEqual(renewed, token);
  assert.equal(decodeJwt(renewed).cnf.jkt, decodeJwt(token).cnf.jkt);
  assert.equal((await run(['call', '/api/private', '--profile', 'op-dpop'])).code, 0);
});

test('client credentials with private_key_jwt: the key is made, printed, registered and used', async () => {
  const { issuer, audience } = op.info;
  const base = ['--grant', 'client-credentials', '--issuer', issuer, '--client-auth', 'private_key_jwt',
                '--resource', audience, '--scope', 'read:messages', '--api-base', allowedApi];
  const first = await run(['profile', 'add', 'op-jwt', '--client-id', 'not-registered-yet', ...base]);
  assert.equal(first.code, 0, first.err);
  const jwk = JSON.parse(first.out);
  assert.equal(jwk.kty, 'RSA');
  for (const secret of ['d', 'p', 'q', 'dp', 'dq', 'qi']) assert.equal(jwk[secret], undefined, `no ${secret} in what is printed`);
  assert.match(first.err, /Made a client key for op-jwt/);

  const clientId = await register({
    token_endpoint_auth_method: 'private_key_jwt', jwks: { keys: [jwk] },
    grant_types: ['client_credentials'], response_types: [], redirect_uris: [],
  });
  const again = await run(['profile', 'add', 'op-jwt', '--client-id', clientId, ...base]);
  assert.equal(again.code, 0, again.err);
  assert.equal(JSON.parse(again.out).kid, jwk.kid, 'the key stays the profile\'s across edits');
  assert.equal(JSON.parse((await run(['profile', 'key', 'op-jwt'])).out).kid, jwk.kid);

  const login = await run(['login', '--profile', 'op-jwt']);
  assert.equal(login.code, 0, login.err);
  assert.match(login.err, /private_key_jwt/);
  assert.equal(field(login.out, 'audience'), audience);
  assert.equal(field(login.out, 'token type'), 'Bearer');
  const call = await run(['call', '/api/private-scoped', '--profile', 'op-jwt']);
  assert.equal(call.code, 0, call.out + call.err);
  // Renewal signs a new assertion (oidc-provider refuses a replayed jti).
  assert.equal((await run(['refresh', '--profile', 'op-jwt'])).code, 0);
});

test('client credentials with private_key_jwt and DPoP, against the DPoP-required API', async () => {
  const { issuer, audience } = op.info;
  const base = ['--grant', 'client-credentials', '--issuer', issuer, '--client-auth', 'private_key_jwt', '--dpop',
                '--resource', audience, '--scope', 'read:messages', '--api-base', requiredApi];
  const first = await run(['profile', 'add', 'op-jwt-dpop', '--client-id', 'pending', ...base]);
  assert.equal(first.code, 0, first.err);
  const clientId = await register({
    token_endpoint_auth_method: 'private_key_jwt', jwks: { keys: [JSON.parse(first.out)] },
    grant_types: ['client_credentials'], response_types: [], redirect_uris: [],
  });
  assert.equal((await run(['profile', 'add', 'op-jwt-dpop', '--client-id', clientId, ...base])).code, 0);
  const login = await run(['login', '--profile', 'op-jwt-dpop']);
  assert.equal(login.code, 0, login.err);
  assert.equal(field(login.out, 'token type'), "DPoP (bound to the profile's proof key)");
  const call = await run(['call', '/api/private-scoped', '--profile', 'op-jwt-dpop']);
  assert.equal(call.code, 0, call.out + call.err);
});

test('a confidential code-flow client: private_key_jwt, DPoP and PAR together', async () => {
  const { issuer, audience } = op.info;
  const base = ['--issuer', issuer, '--audience', audience, '--scope', 'openid profile read:messages',
                '--client-auth', 'private_key_jwt', '--dpop', '--par', '--api-base', requiredApi];
  const first = await run(['profile', 'add', 'op-web', '--client-id', 'pending', ...base]);
  assert.equal(first.code, 0, first.err);
  const clientId = await register({
    application_type: 'native', token_endpoint_auth_method: 'private_key_jwt', jwks: { keys: [JSON.parse(first.out)] },
    grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'], redirect_uris: ['http://127.0.0.1/callback'],
  });
  assert.equal((await run(['profile', 'add', 'op-web', '--client-id', clientId, ...base])).code, 0);
  const login = await run(['login', '--profile', 'op-web']);
  assert.equal(login.code, 0, login.err);
  assert.equal(field(login.out, 'subject'), 'alice');
  assert.equal(field(login.out, 'request'), 'pushed first (PAR, RFC 9126)');
  assert.equal((await run(['call', '/api/private', '--profile', 'op-web'])).code, 0);
});

test('an unregistered private_key_jwt client is refused with the issuer\'s reason', async () => {
  const { issuer, audience } = op.info;
  const add = await run(['profile', 'add', 'op-keyless', '--grant', 'client-credentials', '--issuer', issuer, '--client-id', 'x',
                         '--client-auth', 'private_key_jwt', '--resource', audience]);
  assert.equal(add.code, 0, add.err);
  // The key is made, but the issuer knows no client "x".
  const login = await run(['login', '--profile', 'op-keyless']);
  assert.equal(login.code, 1);
  assert.match(login.err, /invalid_client/);
});

test('no key, assertion or proof reaches a file, stdout or a log line', async () => {
  const seen = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const p = path.join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else seen.push(readFileSync(p, 'latin1'));
    }
  };
  walk(home);
  for (const text of seen) {
    assert.doesNotMatch(text, /PRIVATE KEY/);
    assert.doesNotMatch(text, /"d"\s*:/);
    assert.doesNotMatch(text, /eyJ[\w-]+\.eyJ/, 'no JWT (token, proof or assertion) in a file');
  }
  const status = await run(['status', '--profile', 'op-dpop']);
  assert.doesNotMatch(status.out + status.err, /eyJ|PRIVATE KEY/);
});
