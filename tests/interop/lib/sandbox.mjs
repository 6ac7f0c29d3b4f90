// SPDX-License-Identifier: MIT
// Starting and stopping TokenLab's own sandbox from node interop tests, and
// the steps of an auto-approved login done by hand over HTTP.
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import path from 'node:path';

const binDir = process.env.TOKENLAB_BIN_DIR;
if (!binDir) throw new Error('TOKENLAB_BIN_DIR is not set; run this test through ctest.');

export const b64url = (buf) => Buffer.from(buf).toString('base64url');

export function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

// Starts build/bin/tokenlab-sandbox and resolves with its JSON info line.
export async function startSandbox(args = []) {
  const child = spawn(path.join(binDir, 'tokenlab-sandbox'), args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout });
  const first = new Promise((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`tokenlab-sandbox exited with ${code} before listening`)));
  });
  const info = JSON.parse(await withTimeout(first, 15000, 'tokenlab-sandbox start'));
  return { child, info };
}

// SIGTERM to the sandbox's PID; it must exit cleanly with code 0.
export async function stopProcess(child) {
  if (child.exitCode !== null) return child.exitCode;
  const exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  process.kill(child.pid, 'SIGTERM');
  try {
    return await withTimeout(exited, 5000, `process ${child.pid} stop`);
  } catch (e) {
    process.kill(child.pid, 'SIGKILL');
    throw e;
  }
}

// Authorization code + PKCE against an --auto-approve sandbox, redirects read by hand.
export async function autoApprovedLogin(info, scope) {
  const verifier = b64url(randomBytes(32));
  const challenge = b64url(createHash('sha256').update(verifier).digest());
  const redirectUri = 'http://127.0.0.1:50999/callback';
  const authorize = new URL('authorize', info.issuer);
  authorize.search = new URLSearchParams({
    response_type: 'code', client_id: info.client_id, redirect_uri: redirectUri, scope,
    audience: info.audience, state: b64url(randomBytes(16)), nonce: b64url(randomBytes(16)),
    code_challenge: challenge, code_challenge_method: 'S256',
  }).toString();
  const a = await fetch(authorize, { redirect: 'manual' });
  if (a.status !== 302) throw new Error(`authorize answered ${a.status}`);
  const code = new URL(a.headers.get('location')).searchParams.get('code');
  if (!code) throw new Error(`no code in ${a.headers.get('location')}`);
  const t = await fetch(new URL('oauth/token', info.issuer), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', client_id: info.client_id, code,
                                code_verifier: verifier, redirect_uri: redirectUri }),
  });
  const body = await t.json();
  if (t.status !== 200) throw new Error(`token endpoint answered ${t.status}: ${JSON.stringify(body)}`);
  return body;
}

export async function clientCredentials(info) {
  const t = await fetch(new URL('oauth/token', info.issuer), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded',
               authorization: 'Basic ' + Buffer.from(`${info.m2m_client_id}:${info.m2m_client_secret}`).toString('base64') },
    body: new URLSearchParams({ grant_type: 'client_credentials', audience: info.audience }),
  });
  if (t.status !== 200) throw new Error(`client credentials answered ${t.status}`);
  return t.json();
}

// tokenlab-cli with args, in its own HOME (a test's private one); resolves with exit code, stdout and stderr.
// TOKENLAB_TEST_BROWSER is its $BROWSER, so logins go through the sandbox's pages; env overrides any
// variable (BROWSER included). A command still running after two minutes is stopped and the test fails.
export function runCli(home, args, env = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(binDir, 'tokenlab-cli'), args, {
      env: { ...process.env, HOME: home, XDG_CONFIG_HOME: path.join(home, 'config'), BROWSER: process.env.TOKENLAB_TEST_BROWSER, ...env },
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
