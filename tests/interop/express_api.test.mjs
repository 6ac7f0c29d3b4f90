// SPDX-License-Identifier: MIT
// Interop: an Express API guarded by Auth0's express-oauth2-jwt-bearer,
// configured with the sandbox's issuer and JWKS, accepts the sandbox's
// tokens, and refuses what the sandbox's own sample API refuses, with the
// same Bearer challenge (the middleware may add a DPoP challenge after it).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import express from 'express';
import { auth, requiredScopes } from 'express-oauth2-jwt-bearer';
import { autoApprovedLogin, clientCredentials, startSandbox, stopProcess } from './lib/sandbox.mjs';

let sandbox;      // alice, consenting to openid profile only (read:messages withheld)
let fullSandbox;  // alice, consenting to everything she may have
let server;
let expressBase;

before(async () => {
  sandbox = await startSandbox(['--auto-approve', 'alice:openid,profile']);
  fullSandbox = await startSandbox(['--auto-approve', 'alice']);
});

after(async () => {
  if (server) await new Promise((resolve) => server.close(resolve));
  for (const s of [sandbox, fullSandbox]) {
    if (s) assert.equal(await stopProcess(s.child), 0, 'tokenlab-sandbox exits cleanly on SIGTERM');
  }
});

function startExpressFor(info) {
  const app = express();
  app.use(auth({ issuer: info.issuer, jwksUri: info.jwks_uri, audience: info.audience, tokenSigningAlg: 'RS256' }));
  app.get('/api/private', (req, res) => res.json({ message: 'private', sub: req.auth.payload.sub }));
  app.get('/api/private-scoped', requiredScopes('read:messages'), (req, res) => res.json({ message: 'scoped' }));
  // As the Auth0 quickstart does: status and challenge from the error, JSON body.
  app.use((err, req, res, next) => {
    res.status(err.status ?? 500).set(err.headers ?? {}).json({ message: err.message });
  });
  return new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
}

async function call(base, path, token) {
  const headers = token ? { authorization: `Bearer ${token}` } : {};
  const r = await fetch(new URL(path, base), { headers });
  return { status: r.status, challenge: r.headers.get('www-authenticate') };
}

// The Bearer challenge is the same; express-oauth2-jwt-bearer may append ", DPoP algs=...".
// The sandbox's no-token challenge also names its RFC 9728 metadata, which this Express app has none of.
function assertSameBearerChallenge(expressChallenge, sandboxChallenge) {
  assert.ok(sandboxChallenge, 'the sandbox sends a challenge');
  sandboxChallenge = sandboxChallenge.replace(/, resource_metadata="[^"]*"$/, '');
  assert.ok(expressChallenge.startsWith(sandboxChallenge),
    `express-oauth2-jwt-bearer: ${expressChallenge}\nsandbox API:             ${sandboxChallenge}`);
  const rest = expressChallenge.slice(sandboxChallenge.length);
  assert.ok(rest === '' || rest.startsWith(', DPoP '), `unexpected extra challenge: ${rest}`);
}

test('express-oauth2-jwt-bearer accepts a sandbox token and refuses the withheld scope', async () => {
  server = await startExpressFor(sandbox.info);
  expressBase = `http://127.0.0.1:${server.address().port}`;
  const tokens = await autoApprovedLogin(sandbox.info, 'openid profile offline_access read:messages');
  assert.equal(tokens.scope, 'openid profile', 'alice withheld read:messages at consent');

  const privateCall = await call(expressBase, '/api/private', tokens.access_token);
  assert.equal(privateCall.status, 200);
  const scoped = await call(expressBase, '/api/private-scoped', tokens.access_token);
  assert.equal(scoped.status, 403);
  assert.match(scoped.challenge, /error="insufficient_scope"/);

  const own = await call(sandbox.info.api_base_url, '/api/private-scoped', tokens.access_token);
  assert.equal(own.status, 403);
  assertSameBearerChallenge(scoped.challenge, own.challenge);
});

test('a sandbox token with read:messages passes requiredScopes', async () => {
  const fullServer = await startExpressFor(fullSandbox.info);
  try {
    const base = `http://127.0.0.1:${fullServer.address().port}`;
    const tokens = await autoApprovedLogin(fullSandbox.info, 'openid profile read:messages');
    assert.equal((await call(base, '/api/private-scoped', tokens.access_token)).status, 200);
    const m2m = await clientCredentials(fullSandbox.info);
    assert.equal((await call(base, '/api/private-scoped', m2m.access_token)).status, 200);
  } finally {
    await new Promise((resolve) => fullServer.close(resolve));
  }
});

test('both APIs refuse missing and tampered tokens alike', async () => {
  const tokens = await autoApprovedLogin(sandbox.info, 'openid profile');
  const [h, p, s] = tokens.access_token.split('.');
  const claims = JSON.parse(Buffer.from(p, 'base64url'));
  claims.scope = 'openid profile read:messages';
  const tampered = [h, Buffer.from(JSON.stringify(claims)).toString('base64url'), s].join('.');
  const algNone = [Buffer.from('{"alg":"none"}').toString('base64url'), p, ''].join('.');

  for (const [label, token] of [['no token', null], ['tampered payload', tampered], ['alg none', algNone]]) {
    const viaExpress = await call(expressBase, '/api/private', token);
    const viaSandbox = await call(sandbox.info.api_base_url, '/api/private', token);
    assert.equal(viaExpress.status, 401, `express: ${label}`);
    assert.equal(viaSandbox.status, 401, `sandbox: ${label}`);
    if (label === 'no token') assertSameBearerChallenge(viaExpress.challenge, viaSandbox.challenge);
    else assert.match(viaSandbox.challenge, /error="invalid_token"/);
  }
});
