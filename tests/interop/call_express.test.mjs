// SPDX-License-Identifier: MIT
// tokenlab-cli call against an Express API guarded by Auth0's
// express-oauth2-jwt-bearer and against the sandbox's own sample API, with
// tokens from real logins (the tokenlab-test-browser follows the sandbox's
// pages): public 200 without a token; private 401 without, 200 with;
// private-scoped 403 when read:messages was withheld and 200 when granted;
// a tampered token 401; and the explanation for each.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import express from 'express';
import { auth, requiredScopes } from 'express-oauth2-jwt-bearer';
import { runCli, startSandbox, stopProcess } from './lib/sandbox.mjs';

const home = mkdtempSync(path.join(tmpdir(), 'tokenlab-call-'));
let withheld;  // alice consenting to openid profile only
let granted;   // alice consenting to everything
const servers = [];

const run = (args) => runCli(home, args);

async function expressFor(info, { forgetScopes = false } = {}) {
  const app = express();
  app.get('/api/public', (req, res) => res.json({ message: 'public' }));
  app.use('/api/private', auth({ issuer: info.issuer, jwksUri: info.jwks_uri, audience: info.audience }));
  app.use('/api/private-scoped', auth({ issuer: info.issuer, jwksUri: info.jwks_uri, audience: info.audience }));
  app.get('/api/private', (req, res) => res.json({ message: 'private' }));
  // forgetScopes: the mistake the probe must catch, a route without requiredScopes.
  app.get('/api/private-scoped', forgetScopes ? (req, res, next) => next() : requiredScopes('read:messages'),
          (req, res) => res.json({ message: 'scoped' }));
  app.use((err, req, res, next) => res.status(err.status ?? 500).set(err.headers ?? {}).json({ message: err.message }));
  const server = await new Promise((resolve) => { const s = app.listen(0, '127.0.0.1', () => resolve(s)); });
  servers.push(server);
  return `http://127.0.0.1:${server.address().port}`;
}

async function profileFor(name, sandbox, apiBase, extra = []) {
  const { issuer, client_id: clientId, audience } = sandbox.info;
  const add = await run(['profile', 'add', name, '--issuer', issuer, '--client-id', clientId, '--audience', audience,
                         '--scope', 'openid profile read:messages', '--api-base', apiBase, ...extra]);
  assert.equal(add.code, 0, add.err);
  const login = await run(['login', '--profile', name]);
  assert.equal(login.code, 0, login.err);
}

before(async () => {
  withheld = await startSandbox(['--auto-approve', 'alice:openid,profile']);
  granted = await startSandbox(['--auto-approve', 'alice']);
  await profileFor('ejb-withheld', withheld, await expressFor(withheld.info));
  const grantedApi = await expressFor(granted.info);
  await profileFor('ejb-granted', granted, grantedApi);
  // bob may not have read:messages: the same issuer's token without the scope.
  await profileFor('ejb-bob', granted, grantedApi, ['--param', 'login_hint=bob']);
  await profileFor('sandbox-withheld', withheld, withheld.info.api_base_url);
  await profileFor('forgetful', granted, await expressFor(granted.info, { forgetScopes: true }));
});

after(async () => {
  for (const s of servers) await new Promise((resolve) => s.close(resolve));
  for (const s of [withheld, granted]) if (s) assert.equal(await stopProcess(s.child), 0);
  rmSync(home, { recursive: true, force: true });
});

for (const [label, profile] of [['express-oauth2-jwt-bearer', 'ejb-withheld'], ['the sandbox API', 'sandbox-withheld']]) {
  test(`${label}: the quickstart endpoints and their explanations`, async () => {
    const pub = await run(['call', '/api/public', '--profile', profile, '--no-token']);
    assert.equal(pub.code, 0, pub.err);

    const noToken = await run(['call', '/api/private', '--profile', profile, '--no-token']);
    assert.equal(noToken.code, 1);
    assert.match(noToken.err, /HTTP 401: No token was sent, and this endpoint needs one/);

    const priv = await run(['call', '/api/private', '--profile', profile]);
    assert.equal(priv.code, 0, priv.err);
    assert.match(priv.out, /"message"/);

    const scoped = await run(['call', '/api/private-scoped', '--profile', profile, '--include']);
    assert.equal(scoped.code, 1);
    assert.match(scoped.out, /^HTTP\/1.1 403/);
    assert.match(scoped.err, /The token lacks the scope read:messages that this endpoint needs \(403 insufficient_scope\); it carries openid profile\./);

    const token = (await run(['token', '--profile', profile])).out.trim();
    const [h, p, s] = token.split('.');
    const tampered = [h, p, s.slice(0, 10) + (s[10] === 'A' ? 'B' : 'A') + s.slice(11)].join('.');
    const bad = await run(['call', '/api/private', '--profile', profile, '--no-token', '--header', `Authorization: Bearer ${tampered}`]);
    assert.equal(bad.code, 1);
    assert.match(bad.err, /refused the token as invalid \(the API says: "signature verification failed"\)/);
  });
}

test('express-oauth2-jwt-bearer: private-scoped answers 200 when read:messages was granted', async () => {
  const scoped = await run(['call', '/api/private-scoped', '--profile', 'ejb-granted']);
  assert.equal(scoped.code, 0, scoped.err);
  assert.match(scoped.out, /"scoped"/);
});

test('probe: no cell fails against express-oauth2-jwt-bearer, with a JUnit report', async () => {
  const junit = path.join(home, 'probe.xml');
  // The good token is alice's with read:messages; the narrow one is bob's, from the same issuer.
  const r = await run(['probe', '--profile', 'ejb-granted', '--narrow-from', 'ejb-bob', '--junit', junit]);
  assert.equal(r.code, 0, r.out + r.err);
  // Its only warnings: it reads access_token from the query (RFC 6750 2.3 advises against it).
  assert.match(r.err, /^\d+ passed, 2 warnings, 0 failed$/m);
  const xml = (await import('node:fs')).readFileSync(junit, 'utf8');
  assert.match(xml, /<testsuites name="tokenlab probe ejb-granted" tests="\d+" failures="0" skipped="\d+">/);
  assert.equal((xml.match(/<system-out>warning: /g) ?? []).length, 2);
  assert.equal((xml.match(/name="query-parameter" time="[\d.]+">\s*<system-out>warning: /g) ?? []).length, 2);
});

test('probe: an API that forgets requiredScopes exits 1 naming the case', async () => {
  const r = await run(['probe', '--profile', 'forgetful', '--narrow-from', 'ejb-bob', '--json']);
  assert.equal(r.code, 1);
  const red = JSON.parse(r.out).cells.filter((c) => c.grade === 'fail');
  assert.deepEqual(red.map((c) => `${c.path} ${c.case}`), ['/api/private-scoped missing-scope']);
  assert.match(red[0].verdict, /the API does not check scopes/);
});
