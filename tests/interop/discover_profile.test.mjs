// SPDX-License-Identifier: MIT
// A profile from an API URL against software nobody at TokenLab wrote: an
// Express API guarded by express-oauth2-jwt-bearer that serves its own
// protected resource metadata (RFC 9728) and names it in its 401s, pointing
// at oidc-provider with dynamic registration (RFC 7591) on. tokenlab-cli
// discovers the profile, registers itself, logs in through Chromium and
// calls the API with nothing typed but a name and a URL.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import express from 'express';
import { auth } from 'express-oauth2-jwt-bearer';
import { runCli, stopProcess, withTimeout } from './lib/sandbox.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const driver = `node ${path.join(here, 'browser-driver.mjs')}`;
const home = mkdtempSync(path.join(tmpdir(), 'tokenlab-discover-'));
let op;
let api;
let apiBase;
let guard = (req, res, next) => next(new Error('the API is not ready'));

const run = (args, env = {}) => runCli(home, args, { BROWSER: driver, ...env });

before(async () => {
  // The API first: its URL is the resource identifier oidc-provider issues tokens for.
  const app = express();
  app.get('/.well-known/oauth-protected-resource', (req, res) => res.json({
    resource: apiBase,
    authorization_servers: [op.info.issuer],
    scopes_supported: ['read:messages'],
    bearer_methods_supported: ['header'],
  }));
  app.get('/api/private', (req, res, next) => guard(req, res, next), (req, res) => res.json({ message: 'private', sub: req.auth.payload.sub }));
  // A resource whose metadata speaks for another one (RFC 9728 3.3 says not to use it).
  app.get('/liar/api/private', (req, res) => res.status(401)
    .set('WWW-Authenticate', `Bearer realm="api", resource_metadata="${apiBase}/.well-known/oauth-protected-resource/liar"`)
    .json({ message: 'Unauthorized' }));
  app.get('/.well-known/oauth-protected-resource/liar', (req, res) => res.json({
    resource: `${apiBase}/api`, authorization_servers: [op.info.issuer],
  }));
  // RFC 9728 5.1: the 401's challenge names the metadata.
  app.use((err, req, res, next) => {
    const headers = { ...(err.headers ?? {}) };
    if (err.status === 401 && headers['WWW-Authenticate'])
      headers['WWW-Authenticate'] += `, resource_metadata="${apiBase}/.well-known/oauth-protected-resource"`;
    res.status(err.status ?? 500).set(headers).json({ message: err.message });
  });
  api = await new Promise((resolve) => { const s = app.listen(0, '127.0.0.1', () => resolve(s)); });
  apiBase = `http://127.0.0.1:${api.address().port}`;

  op = spawn('node', [path.join(here, 'oidc-provider-server.mjs')], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, OP_REGISTRATION: '1', OP_AUDIENCE: apiBase },
  });
  const line = await withTimeout(new Promise((resolve) => createInterface({ input: op.stdout }).once('line', resolve)), 15000, 'oidc-provider start');
  op.info = JSON.parse(line);
  guard = auth({ issuer: op.info.issuer, jwksUri: `${op.info.issuer}/jwks`, audience: apiBase });
});

after(async () => {
  if (api) await new Promise((resolve) => { api.closeAllConnections(); api.close(resolve); });
  if (op) await stopProcess(op);
  rmSync(home, { recursive: true, force: true });
});

test('discover, register, log in through Chromium and call an Express API', async () => {
  const discover = await run(['profile', 'discover', 'express', `${apiBase}/api/private`, '--register']);
  assert.equal(discover.code, 0, discover.out + discover.err);
  assert.match(discover.out, /names its protected resource metadata/);
  // oidc-provider publishes RFC 8414 metadata too, which TokenLab asks for first.
  assert.match(discover.out, /Found RFC 8414 metadata/);
  assert.match(discover.out, /Registered: the client ID is /);

  const profiles = readFileSync(path.join(home, 'config', 'tokenlab', 'profiles.json'), 'utf8');
  assert.ok(!profiles.includes('registration_access_token'), 'the registration access token is not in the profile file');
  const profile = JSON.parse(profiles).profiles.find((p) => p.name === 'express');
  assert.equal(profile.resource, apiBase);
  assert.equal(profile.issuer, op.info.issuer);

  // oidc-provider returned a registration access token (RFC 7592): in the keychain, nowhere else.
  const keyring = spawnSync('secret-tool', ['search', '--all', 'server', 'TokenLab'], { encoding: 'utf8' });
  const entry = (keyring.stdout + keyring.stderr).split(/^\[/m).find((block) => block.includes('user = registration-token:express'));
  assert.ok(entry, `the keychain holds the registration access token:\n${keyring.stdout}${keyring.stderr}`);
  const token = entry.match(/^secret = (.+)$/m)?.[1];
  assert.ok(token && token.length > 10);
  assert.ok(!profiles.includes(token), 'the registration access token is not in the profile file');

  const login = await run(['login', '--profile', 'express']);
  assert.equal(login.code, 0, login.out + login.err);
  const call = await run(['call', '/api/private', '--profile', 'express']);
  assert.equal(call.code, 0, call.out + call.err);
  assert.equal(JSON.parse(call.out).message, 'private');

  // Removing the profile removes the registration access token with its other secrets.
  const removed = await run(['profile', 'remove', 'express']);
  assert.equal(removed.code, 0, removed.out + removed.err);
  const after = spawnSync('secret-tool', ['search', '--all', 'server', 'TokenLab'], { encoding: 'utf8' });
  assert.ok(!(after.stdout + after.stderr).includes('registration-token:express'), 'the registration access token went with the profile');
});

test('metadata about another resource is refused and nothing is saved', async () => {
  const other = await run(['profile', 'discover', 'elsewhere', `${apiBase}/liar/api/private`, '--register']);
  assert.equal(other.code, 1, other.out + other.err);
  assert.match(other.err, /which is not the API at/);
  const profiles = readFileSync(path.join(home, 'config', 'tokenlab', 'profiles.json'), 'utf8');
  assert.ok(!profiles.includes('"elsewhere"'));
});
