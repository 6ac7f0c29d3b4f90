// SPDX-License-Identifier: MIT
// The device authorization grant (RFC 8628) against oidc-provider with its
// deviceFlow feature on: tokenlab-cli login --device prints a user code and
// the verification page, the chromium driver types the code on
// oidc-provider's pages and signs in as a user on another device would, and
// the CLI ends signed in with the id_token checked; an abort on the
// confirmation page ends it with access_denied. Every process is stopped by
// its PID.
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
const home = mkdtempSync(path.join(tmpdir(), 'tokenlab-device-'));
const shots = process.env.TOKENLAB_SCREENSHOT_DIR ? path.join(process.env.TOKENLAB_SCREENSHOT_DIR, 'browser') : '';
const headless = { DISPLAY: '', WAYLAND_DISPLAY: '', BROWSER: '' };
let op;

function field(out, key) {
  const line = out.split('\n').find((l) => l.startsWith(key.padEnd(14)));
  return line ? line.slice(14).trim() : undefined;
}

// tokenlab-cli login, with the prompt read from its stdout as it is printed.
function startLogin(args) {
  const child = spawn(path.join(process.env.TOKENLAB_BIN_DIR, 'tokenlab-cli'), args, {
    env: { ...process.env, HOME: home, XDG_CONFIG_HOME: path.join(home, 'config'), ...headless },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const run = { child, out: '', err: '' };
  run.prompt = new Promise((resolve) => {
    child.stdout.on('data', (d) => {
      run.out += d;
      const code = run.out.match(/\n {4}([A-Z0-9-]+)\n/);
      const page = run.out.match(/open (http:\/\/127\.0\.0\.1:\d+\S*) on a phone/);
      if (code && page) resolve({ userCode: code[1], page: page[1] });
    });
  });
  child.stderr.on('data', (d) => { run.err += d; });
  run.exit = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  return run;
}

function drive(url, env) {
  const child = spawn('node', [path.join(here, 'browser-driver.mjs'), url], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d) => { err += d; });
  return { child, done: new Promise((resolve) => child.once('exit', (code) => resolve({ code, err }))) };
}

before(async () => {
  op = spawn('node', [path.join(here, 'oidc-provider-server.mjs')], { stdio: ['ignore', 'pipe', 'ignore'], env: { ...process.env, OP_DEVICE_FLOW: '1' } });
  const line = await withTimeout(new Promise((resolve) => createInterface({ input: op.stdout }).once('line', resolve)), 15000, 'oidc-provider start');
  op.info = JSON.parse(line);
  const add = await runCli(home, ['profile', 'add', 'op-device', '--issuer', op.info.issuer, '--client-id', op.info.client_id,
                                  '--scope', 'openid profile']);
  assert.equal(add.code, 0, add.err);
});

after(async () => {
  if (op) await stopProcess(op);
  rmSync(home, { recursive: true, force: true });
});

test('oidc-provider: the code typed on its pages by chromium signs the CLI in', async () => {
  const login = startLogin(['login', '--profile', 'op-device', '--device']);
  try {
    const prompt = await withTimeout(login.prompt, 20000, 'the device prompt');
    assert.match(prompt.page, /\/device$/);
    const browser = drive(prompt.page, { TOKENLAB_DRIVER_USER_CODE: prompt.userCode,
                                         TOKENLAB_DRIVER_SCREENSHOTS: shots && path.join(shots, 'oidc-provider-device') });
    const driven = await withTimeout(browser.done, 70000, 'the browser driver');
    assert.equal(driven.code, 0, driven.err);
    assert.equal(await withTimeout(login.exit, 30000, 'tokenlab-cli login --device'), 0, login.err);
  } finally {
    if (login.child.exitCode === null) await stopProcess(login.child);
  }
  assert.equal(field(login.out, 'subject'), 'alice');
  assert.equal(field(login.out, 'signed in'), 'on another device (RFC 8628)');
  for (const check of ['iss ok', 'aud ok', 'exp ok']) assert.ok(field(login.out, 'id_token').includes(check), check);
  assert.doesNotMatch(login.out + login.err, /eyJ/, 'no token is ever printed');
  // The stored id_token verifies against oidc-provider's own JWKS.
  const d = await runCli(home, ['decode', '--profile', 'op-device', '--field', 'id_token', '--verify', '--json']);
  assert.equal(d.code, 0, d.err);
  assert.equal(JSON.parse(d.out).signature_verified, true);
});

test('oidc-provider: chosen by itself without a display, and aborted on the confirmation page', async () => {
  const login = startLogin(['login', '--profile', 'op-device']);
  try {
    const prompt = await withTimeout(login.prompt, 20000, 'the device prompt');
    const browser = drive(prompt.page, { TOKENLAB_DRIVER_USER_CODE: prompt.userCode, TOKENLAB_DRIVER_DENY: '1' });
    const driven = await withTimeout(browser.done, 70000, 'the browser driver');
    assert.equal(driven.code, 0, driven.err);
    assert.equal(await withTimeout(login.exit, 30000, 'tokenlab-cli login'), 1);
  } finally {
    if (login.child.exitCode === null) await stopProcess(login.child);
  }
  assert.match(login.err, /There is no display .* so TokenLab signs in on another device/);
  assert.match(login.err, /declined on the other device \(access_denied\)/);
  assert.equal(login.out.includes('subject'), false);
});
