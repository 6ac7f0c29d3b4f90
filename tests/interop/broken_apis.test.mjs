// SPDX-License-Identifier: MIT
// The deliberately broken APIs of lib/broken_apis.mjs really have their
// flaws, and only those: an issuer of its own (an RSA key and a JWKS on
// 127.0.0.1) signs a battery of tokens, honest and hostile; the baseline
// answers every request as a secure API does, and each flawed API answers
// exactly as the baseline except for the requests its flaw lets through
// (no-challenges: the same statuses, and never a WWW-Authenticate).
// TokenLab's probe relies on this in probe_broken_apis.test.mjs.
import assert from 'node:assert/strict';
import { createServer, request } from 'node:http';
import { createPublicKey } from 'node:crypto';
import { after, before, test } from 'node:test';
import { SignJWT, exportJWK, generateKeyPair, base64url } from 'jose';
import { FLAWS, MAX_AUTHORIZATION_BYTES, startApi } from './lib/broken_apis.mjs';

const audience = 'https://api.broken.tokenlab.test/';
const servers = [];
const apis = {};
let issuer;
let issuerKey;   // { privateKey, publicKey, kid }
let battery;     // label -> { path, headers | authorizations }

async function serveJson(body) {
  const server = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(body));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return `http://127.0.0.1:${server.address().port}`;
}

async function rsaKey(kid) {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  return { privateKey, publicKey, kid, jwk };
}

const now = () => Math.floor(Date.now() / 1000);

async function sign(claims, { key = issuerKey, header = {} } = {}) {
  const jwt = new SignJWT({ iss: issuer, aud: audience, sub: 'alice', iat: now(), exp: now() + 600,
                            scope: 'openid profile read:messages', ...claims });
  return jwt.setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'at+jwt', ...header }).sign(key.privateKey);
}

const without = (claim) => ({ [claim]: undefined });

// HS256 keyed with the issuer's public key as PEM SPKI: algorithm confusion.
async function hs256WithIssuerPem(claims) {
  const pem = createPublicKey({ key: issuerKey.jwk, format: 'jwk' }).export({ type: 'spki', format: 'pem' });
  const payload = { iss: issuer, aud: audience, sub: 'alice', iat: now(), exp: now() + 600, scope: 'openid read:messages', ...claims };
  return new SignJWT(payload).setProtectedHeader({ alg: 'HS256', kid: issuerKey.kid }).sign(Buffer.from(pem));
}

// One GET; authorizations: the values of as many Authorization headers.
function call(base, { path, authorizations = [] }) {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, base), { method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (d) => { body += d; });
      res.on('end', () => resolve({ status: res.statusCode, challenge: res.headers['www-authenticate'] ?? null, body }));
    });
    if (authorizations.length) req.setHeader('Authorization', authorizations.length === 1 ? authorizations[0] : authorizations);
    req.on('error', reject);
    req.end();
  });
}

async function answers(api) {
  const out = {};
  for (const [label, r] of Object.entries(battery)) out[label] = await call(api.url, r);
  return out;
}

before(async () => {
  issuerKey = await rsaKey('issuer-key');
  const jwksUri = `${await serveJson({ keys: [issuerKey.jwk] })}/`;
  issuer = 'https://issuer.broken.tokenlab.test/';
  // The attacker's own key, published on a server of the attacker's choosing.
  const attacker = await rsaKey('attacker-key');
  const attackerJwks = await serveJson({ keys: [attacker.jwk] });

  const valid = await sign({});
  const [h, p, s] = valid.split('.');
  const alteredSig = base64url.encode(Buffer.from(base64url.decode(s)).map((b, i) => (i === 7 ? b ^ 0x5a : b)));
  const bearer = (t) => [`Bearer ${t}`];
  const priv = (authorizations, query = '') => ({ path: `/api/private${query}`, authorizations });
  const scoped = (authorizations) => ({ path: '/api/private-scoped', authorizations });
  battery = {
    'public': { path: '/api/public' },
    'no-token': priv([]),
    'basic-scheme': priv(['Basic dG9rZW5sYWI6cHJvYmU=']),
    'scheme-cut-7': priv([`Beaver ${valid}`]),
    'scheme-jwt': priv([`JWT ${valid}`]),
    'scheme-missing': priv([valid]),
    'scheme-lowercase': priv([`bearer ${valid}`]),
    'double-space': priv([`Bearer  ${valid}`]),
    'valid-token': priv(bearer(valid)),
    'valid-token-scoped': scoped(bearer(valid)),
    'missing-scope': scoped(bearer(await sign({ scope: 'openid profile' }))),
    'query-parameter': priv([], `?access_token=${valid}`),
    'header-and-query': priv(bearer(valid), `?access_token=${valid}`),
    'two-authorization-headers': priv([...bearer(valid), ...bearer(valid)]),
    'signature-altered': priv(bearer(`${h}.${p}.${alteredSig}`)),
    'alg-none': priv(bearer(`${base64url.encode('{"alg":"none"}')}.${p}.`)),
    'hs256-public-key': priv(bearer(await hs256WithIssuerPem({}))),
    'fresh-key-same-kid': priv(bearer(await sign({}, { key: { ...attacker, kid: issuerKey.kid } }))),
    'jku': priv(bearer(await sign({}, { key: attacker, header: { jku: attackerJwks } }))),
    'no-exp': priv(bearer(await sign(without('exp')))),
    'expired': priv(bearer(await sign({ iat: now() - 7200, exp: now() - 3600 }))),
    'iat-future': priv(bearer(await sign({ iat: now() + 3600, exp: now() + 7200 }))),
    'no-sub': priv(bearer(await sign(without('sub')))),
    'other-issuer': priv(bearer(await sign({ iss: 'https://elsewhere.tokenlab.test/' }))),
    'other-audience': priv(bearer(await sign({ aud: 'https://other.tokenlab.test/' }))),
    'audience-array': priv(bearer(await sign({ aud: [audience, 'https://other.tokenlab.test/'] }))),
    'scope-substring': scoped(bearer(await sign({ scope: 'openid xread:messagesx' }))),
    'scope-prefix': scoped(bearer(await sign({ scope: 'openid read:messages2' }))),
    'scope-array': scoped(bearer(await sign({ scope: ['read:messages'] }))),
    'oversized': priv(bearer(await sign({ padding: 'x'.repeat(MAX_AUTHORIZATION_BYTES) }))),
  };
  for (const flaw of [undefined, ...Object.keys(FLAWS)])
    apis[flaw ?? 'baseline'] = await startApi({ issuer, jwksUri, audience, flaw });
});

after(async () => {
  for (const api of Object.values(apis)) await api.close();
  for (const s of servers) await new Promise((resolve) => { s.closeAllConnections(); s.close(resolve); });
});

// What a secure API answers: status and RFC 6750 challenge (null: none).
const NO_TOKEN = [401, 'Bearer realm="api"'];
const INVALID = [401, /^Bearer realm="api", error="invalid_token", error_description="[^"]+"$/];
const INVALID_REQUEST = [400, /^Bearer realm="api", error="invalid_request", error_description="[^"]+"$/];
const OK = [200, null];
const BASELINE = {
  'public': OK, 'no-token': NO_TOKEN, 'basic-scheme': NO_TOKEN, 'scheme-cut-7': NO_TOKEN, 'scheme-jwt': NO_TOKEN,
  'scheme-missing': NO_TOKEN, 'scheme-lowercase': OK, 'double-space': INVALID, 'valid-token': OK, 'valid-token-scoped': OK,
  'missing-scope': [403, /^Bearer realm="api", error="insufficient_scope", error_description="[^"]+", scope="read:messages"$/],
  'query-parameter': NO_TOKEN, 'header-and-query': INVALID_REQUEST, 'two-authorization-headers': INVALID_REQUEST,
  'signature-altered': INVALID, 'alg-none': INVALID, 'hs256-public-key': INVALID, 'fresh-key-same-kid': INVALID,
  'jku': INVALID, 'no-exp': INVALID, 'expired': INVALID, 'iat-future': INVALID, 'no-sub': INVALID,
  'other-issuer': INVALID, 'other-audience': INVALID, 'audience-array': OK,
  'scope-substring': [403, /error="insufficient_scope"/], 'scope-prefix': [403, /error="insufficient_scope"/],
  'scope-array': [403, /error="insufficient_scope"/], 'oversized': [431, null],
};

// The requests each flaw lets through, with the status it answers them.
const LETS_THROUGH = {
  'scheme-cutting': { 'scheme-cut-7': 200 },
  'trusts-jku': { 'jku': 200 },
  'alg-confusion': { 'hs256-public-key': 200 },
  'no-exp': { 'no-exp': 200 },
  'substring-scope': { 'scope-substring': 200, 'scope-prefix': 200 },
  'no-challenges': {},
};

test('the baseline answers as a secure API does', async () => {
  const got = await answers(apis.baseline);
  for (const [label, [status, challenge]] of Object.entries(BASELINE)) {
    assert.equal(got[label].status, status, `${label}: ${got[label].body}`);
    if (challenge === null) assert.equal(got[label].challenge, null, label);
    else if (typeof challenge === 'string') assert.equal(got[label].challenge, challenge, label);
    else assert.match(got[label].challenge ?? '', challenge, label);
  }
});

for (const [flaw, through] of Object.entries(LETS_THROUGH)) {
  test(`${flaw}: ${FLAWS[flaw]}; every other answer as the baseline's`, async () => {
    const base = await answers(apis.baseline);
    const got = await answers(apis[flaw]);
    const differs = Object.fromEntries(Object.keys(battery).filter((l) => got[l].status !== base[l].status)
      .map((l) => [l, got[l].status]));
    assert.deepEqual(differs, through);
    for (const label of Object.keys(battery)) {
      if (label in through) continue;
      if (flaw === 'no-challenges') {
        assert.equal(got[label].challenge, null, `${label} has no challenge`);
      } else if (flaw !== 'scheme-cutting') {
        assert.equal(got[label].challenge, base[label].challenge, label);
      } else {
        // Cutting seven characters turns another scheme into a garbled token: refused with invalid_token.
        assert.equal(got[label].challenge === null, base[label].challenge === null, label);
      }
    }
    if (flaw === 'no-challenges') {
      assert.deepEqual(JSON.parse(got['signature-altered'].body), { error: 'Unauthorized', message: 'Invalid token' });
      assert.deepEqual(JSON.parse(got['missing-scope'].body), { error: 'Forbidden', message: 'Insufficient scope' });
    }
  });
}
