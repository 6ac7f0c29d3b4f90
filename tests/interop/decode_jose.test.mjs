// SPDX-License-Identifier: MIT
// Tokens signed by software nobody here wrote verify in TokenLab:
// node's jose signs ES256, PS256 and EdDSA tokens, serves the JWKS over
// HTTP on 127.0.0.1, and tokenlab-cli decode --verify accepts them (from
// the JWKS URL and from a PEM file) and refuses the tampered and the
// wrongly addressed ones with exit code 1.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { SignJWT, exportJWK, exportSPKI, generateKeyPair } from 'jose';

const cli = path.join(process.env.TOKENLAB_BIN_DIR, 'tokenlab-cli');
const home = mkdtempSync(path.join(tmpdir(), 'tokenlab-jose-'));
const issuer = 'https://issuer.jose.example/';
const audience = 'https://api.jose.example/';
const keys = {};
let server;
let jwksUrl;

function decode(args, input) {
  return new Promise((resolve) => {
    // With the token on the command line the CLI never reads stdin, and may
    // exit before a write to it lands (EPIPE): give it no stdin at all then.
    const child = spawn(cli, ['decode', ...args], {
      env: { ...process.env, HOME: home, XDG_CONFIG_HOME: path.join(home, 'config') },
      stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { err += d; });
    child.on('exit', (code) => resolve({ code, out, err }));
    if (input !== undefined)
      child.stdin.end(input);
  });
}

async function sign(alg, { exp = '10m', ...claims } = {}, header = {}) {
  return new SignJWT({ scope: 'read:messages', ...claims })
    .setProtectedHeader({ alg, kid: `jose-${alg}`, typ: 'at+jwt', ...header })
    .setIssuer(issuer).setAudience(audience).setSubject('jose-user')
    .setIssuedAt(typeof exp === 'number' ? exp - 900 : undefined).setExpirationTime(exp)
    .sign(keys[alg].privateKey);
}

before(async () => {
  const jwks = { keys: [] };
  for (const alg of ['ES256', 'PS256', 'EdDSA']) {
    keys[alg] = await generateKeyPair(alg, { extractable: true, crv: alg === 'EdDSA' ? 'Ed25519' : undefined });
    jwks.keys.push({ ...(await exportJWK(keys[alg].publicKey)), kid: `jose-${alg}`, alg, use: 'sig' });
  }
  server = http.createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(jwks));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  jwksUrl = `http://127.0.0.1:${server.address().port}/jwks`;
});

after(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(home, { recursive: true, force: true });
});

for (const alg of ['ES256', 'PS256', 'EdDSA']) {
  test(`a jose ${alg} token verifies against its JWKS and its PEM key`, async () => {
    const token = await sign(alg);
    const viaJwks = await decode([token, '--jwks', jwksUrl, '--issuer', issuer, '--audience', audience, '--json']);
    assert.equal(viaJwks.code, 0, viaJwks.err);
    const report = JSON.parse(viaJwks.out);
    assert.equal(report.signature_verified, true);
    assert.equal(report.verified_kid, `jose-${alg}`);
    assert.equal(report.payload.sub, 'jose-user');

    const pemFile = path.join(home, `${alg}.pem`);
    writeFileSync(pemFile, await exportSPKI(keys[alg].publicKey));
    const viaPem = await decode(['-', '--key', pemFile, '--issuer', issuer, '--audience', audience], token);
    assert.equal(viaPem.code, 0, viaPem.err);
    assert.match(viaPem.out, /ok {3}signature Verified/);
  });
}

test('tampered, misaddressed and malformed jose tokens are refused with the right exit code', async () => {
  const token = await sign('ES256');
  const [h, p, s] = token.split('.');
  const claims = JSON.parse(Buffer.from(p, 'base64url'));
  claims.scope = 'read:messages admin';
  const tampered = [h, Buffer.from(JSON.stringify(claims)).toString('base64url'), s].join('.');
  const cases = [
    ['tampered payload', [tampered, '--jwks', jwksUrl], 1, /signature: The signature does not match/],
    ['wrong audience', [token, '--jwks', jwksUrl, '--audience', 'https://other.example/'], 1, /aud: Meant for https:\/\/api\.jose\.example\/, not for/],
    ['wrong issuer', [token, '--jwks', jwksUrl, '--issuer', 'https://evil.example/'], 1, /iss: Issued by/],
    ['expired', [await sign('PS256', { exp: Math.floor(Date.now() / 1000) - 600 }), '--jwks', jwksUrl], 1, /exp: Expired 10 min/],
    ['two parts', [`${h}.${p}`, '--jwks', jwksUrl], 2, /2 dot-separated parts/],
    ['bad base64url', [`${h}.!!!.${s}`], 2, /payload is not valid base64url: '!' at position/],
    // ES256: 86 characters, the last carrying 4 bits past the signature; one of them flipped.
    ['altered signature', [[h, p, s.slice(0, -1) + String.fromCharCode(s.charCodeAt(s.length - 1) + 1)].join('.'), '--jwks', jwksUrl], 1,
     /signature: The signature part was altered: its last character/],
    ['pasted header line', [`Authorization: Bearer ${tampered}`, '--jwks', jwksUrl], 1, /Stripped the Authorization: header name and the Bearer scheme/],
  ];
  for (const [label, args, code, words] of cases) {
    const r = await decode(args);
    assert.equal(r.code, code, `${label}: ${r.err}`);
    assert.match(r.err, words, label);
  }
});
