// SPDX-License-Identifier: MIT
// tokenlab-sandbox --key-from-keychain, under a private gnome-keyring: the
// first run keeps a new key in the keychain, later runs (one after another,
// or two at once) sign with it and publish the same kid; a run without the
// flag has a key of its own; the ports the app remembers are not written;
// and with no keyring to ask, the sandbox stops with a sentence instead of
// signing with a key no other TokenLab process has.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { startSandbox, stopProcess, withTimeout } from './lib/sandbox.mjs';

assert.ok(process.env.TOKENLAB_KEYRING, 'run through tests/keyring/with-keyring (ctest does)');

async function jwksKids(info) {
  const r = await fetch(info.jwks_uri);
  assert.equal(r.status, 200);
  return (await r.json()).keys.map((k) => k.kid);
}

async function withSandbox(args, fn) {
  const s = await startSandbox(args);
  try {
    return await fn(s.info);
  } finally {
    assert.equal(await stopProcess(s.child), 0, 'tokenlab-sandbox exits cleanly on SIGTERM');
  }
}

test('runs with --key-from-keychain share the kept key; a run without it does not', async () => {
  const first = await withSandbox(['--key-from-keychain'], async (info) => {
    assert.equal(info.signing_key, 'new-in-keychain');
    assert.deepEqual(await jwksKids(info), [info.kid]);
    return info;
  });
  const again = await withSandbox(['--key-from-keychain'], async (info) => {
    assert.equal(info.signing_key, 'keychain');
    assert.deepEqual(await jwksKids(info), [first.kid]);
    return info;
  });
  assert.equal(again.kid, first.kid);

  // Two at once, as the probe test runs them: the same key, two issuers.
  const [a, b] = await Promise.all([startSandbox(['--key-from-keychain']), startSandbox(['--key-from-keychain'])]);
  try {
    assert.deepEqual([a.info.kid, b.info.kid], [first.kid, first.kid]);
    assert.notEqual(a.info.issuer, b.info.issuer);
  } finally {
    assert.equal(await stopProcess(a.child), 0);
    assert.equal(await stopProcess(b.child), 0);
  }

  await withSandbox([], async (info) => {
    assert.equal(info.kid, undefined, 'the line has no kid without the flag');
    const kids = await jwksKids(info);
    assert.equal(kids.length, 1);
    assert.notEqual(kids[0], first.kid);
  });

  // Only the key: the app's remembered ports stay the app's.
  const dataHome = process.env.XDG_DATA_HOME ?? path.join(process.env.HOME, '.local', 'share');
  assert.equal(existsSync(path.join(dataHome, 'tokenlab', 'sandbox.json')), false);
});

test('with no keyring to ask, --key-from-keychain exits 2 with a sentence', async () => {
  const child = spawn(path.join(process.env.TOKENLAB_BIN_DIR, 'tokenlab-sandbox'), ['--key-from-keychain'], {
    env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/tokenlab-no-bus', TOKENLAB_KEYCHAIN_TIMEOUT_MS: '3000' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => { out += d; });
  child.stderr.on('data', (d) => { err += d; });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  let code;
  try {
    // Only a guard against a hang; the keychain calls give up after 3 s.
    code = await withTimeout(exited, 60000, 'tokenlab-sandbox without a keyring');
  } catch (e) {
    process.kill(child.pid, 'SIGKILL');
    throw e;
  }
  assert.equal(code, 2, err);
  assert.equal(out, '', 'no JSON line: the sandbox never listened with the kept key');
  assert.match(err, /--key-from-keychain: the sandbox would sign with a new signing key for this run only/);
});
