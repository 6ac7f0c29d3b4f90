// SPDX-License-Identifier: MIT
// tokenlab-cli probe against APIs TokenLab was not built alongside: the
// deliberately broken APIs of lib/broken_apis.mjs (a correct baseline and
// one API per flaw) and Auth0's express-oauth2-jwt-bearer, all trusting a
// tokenlab-sandbox that signs with the key kept in the keychain, so that
// `probe --mint` can sign its own tokens for them. Each flaw turns exactly
// its cells red (fail) or amber (warn), with a sentence that names it; the
// baseline is all green, also under --strict; express-oauth2-jwt-bearer has
// no fail and only the warnings it earns. A narrow token from another
// sandbox (another issuer) is not used: its cells are "not run", with a
// sentence about the issuer, and the API is not blamed.
//
// Every profile logs in once through the sandbox's pages, driven by
// tokenlab-test-browser; every process is stopped by its PID.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import express from 'express';
import { auth, requiredScopes } from 'express-oauth2-jwt-bearer';
import { FLAWS, startApi } from './lib/broken_apis.mjs';
import { runCli, startSandbox, stopProcess } from './lib/sandbox.mjs';

const home = mkdtempSync(path.join(tmpdir(), 'tokenlab-probe-broken-'));
const PRIVATE = '/api/private';
const SCOPED = '/api/private-scoped';
const PROTECTED = [PRIVATE, SCOPED];

let sandbox;     // the issuer every API trusts, signing with the keychain's key
let elsewhere;   // another issuer: same key, other URL
const apis = [];          // { close() }
const expressServers = [];

const run = (args) => runCli(home, args);

// Auth0's quickstart: auth() on the protected routes, requiredScopes on the scoped one.
async function startExpressOauth2JwtBearer(info) {
  const app = express();
  const authorize = auth({ issuer: info.issuer, jwksUri: info.jwks_uri, audience: info.audience });
  app.get('/api/public', (req, res) => res.json({ message: 'public' }));
  app.get(PRIVATE, authorize, (req, res) => res.json({ message: 'private' }));
  app.get(SCOPED, authorize, requiredScopes('read:messages'), (req, res) => res.json({ message: 'scoped' }));
  app.use((err, req, res, next) => res.status(err.status ?? 500).set(err.headers ?? {}).json({ message: err.message }));
  const server = await new Promise((resolve) => { const s = app.listen(0, '127.0.0.1', () => resolve(s)); });
  expressServers.push(server);
  return `http://127.0.0.1:${server.address().port}`;
}

async function profileFor(name, info, apiBase, extra = []) {
  const add = await run(['profile', 'add', name, '--issuer', info.issuer, '--client-id', info.client_id,
                         '--audience', info.audience, '--scope', 'openid profile read:messages', '--api-base', apiBase, ...extra]);
  assert.equal(add.code, 0, add.err);
  const login = await run(['login', '--profile', name]);
  assert.equal(login.code, 0, login.err);
}

// The probe's JSON report; exit status and cells.
async function probe(profile, ...extra) {
  const r = await run(['probe', '--profile', profile, '--json', ...extra]);
  assert.ok(r.code === 0 || r.code === 1, `probe ${profile} ${extra.join(' ')} could not run (exit ${r.code}):\n${r.err}${r.out}`);
  let report;
  try {
    report = JSON.parse(r.out);
  } catch (e) {
    assert.fail(`probe ${profile}: no JSON report (${e.message}):\n${r.out}\n${r.err}`);
  }
  assert.ok(Array.isArray(report.cells) && report.cells.length > 0, `probe ${profile}: no cells:\n${r.out}`);
  return { code: r.code, err: r.err, cells: report.cells };
}

const key = (c) => `${c.path} ${c.case}`;
const graded = (cells, grade) => cells.filter((c) => c.grade === grade).map(key).sort();
const on = (paths, ...cases) => paths.flatMap((p) => cases.map((c) => `${p} ${c}`)).sort();

function show(label, cells) {
  for (const c of cells.filter((x) => x.grade !== 'pass'))
    console.log(`${label}: ${String(c.grade).padEnd(7)} ${key(c)} (answered ${c.status}${c.error ? ` ${c.error}` : ''}): ${c.verdict}${c.note ? ` [${c.note}]` : ''}`);
}

// The cases of the contract that must run on every protected GET endpoint
// of the default plan, with --mint and a narrow token of the same issuer.
const MUST_RUN = [
  'no-token', 'basic-scheme', 'malformed-token', 'signature-altered', 'payload-altered', 'alg-none', 'alg-None',
  'alg-NONE', 'alg-nOnE', 'signature-empty', 'scheme-cut-7', 'scheme-jwt', 'scheme-missing', 'scheme-lowercase',
  'query-parameter', 'header-and-query', 'two-authorization-headers', 'hs256-public-key', 'fresh-key-same-kid',
  'embedded-jwk', 'jku', 'x5u', 'kid-path', 'kid-quotes', 'valid-token', 'mint-valid', 'mint-no-exp', 'mint-expired',
  'mint-nbf-future', 'mint-iat-future', 'mint-other-issuer', 'mint-other-audience', 'mint-audience-array',
  'mint-no-sub', 'mint-oversized',
];
// The cases only an endpoint that needs scopes gets.
const MUST_RUN_SCOPED = ['missing-scope', 'mint-scope-substring', 'mint-scope-prefix', 'mint-scope-array', 'mint-scp', 'mint-permissions'];
// Cases where either answer is a style: the report notes which claim the API reads.
const EITHER = new Set(['mint-scp', 'mint-permissions']);
// Cases that may be absent or not run here: no token for them was given
// (other-audience, expired), an RS256 issuer (es-zero-signature), GET
// endpoints (form-body).
const MAY_NOT_RUN = new Set(['other-audience', 'expired', 'es-zero-signature', 'form-body']);

// What each broken API must turn red; its failing cells' sentences name the flaw.
const FAILS = {
  'scheme-cutting': { fail: on(PROTECTED, 'scheme-cut-7'), verdict: /scheme/i },
  'trusts-jku': { fail: on(PROTECTED, 'jku'), verdict: /jku/i },
  'alg-confusion': { fail: on(PROTECTED, 'hs256-public-key'), verdict: /HS256|algorithm/i },
  'no-exp': { fail: on(PROTECTED, 'mint-no-exp'), verdict: /\bexp\b|expir/i },
  'substring-scope': { fail: on([SCOPED], 'mint-scope-substring', 'mint-scope-prefix'), verdict: /scope/i },
};

// express-oauth2-jwt-bearer 1.10 (read in node_modules/express-oauth2-jwt-bearer/dist/index.js):
// the warnings it earns, with the status it answers. No cell may fail.
// (An Authorization header that is not /^(Bearer|DPoP) (.+)$/i gets 400 invalid_request from
// getToken(): RFC 6750 3.1 allows 400 for a request without a Bearer token, so those pass. A token
// with scp or permissions but no scope claim gets 401 "Missing 'scope' claim": either answer to
// those cases is a style, noted but not graded.)
const EJB_WARNS = Object.fromEntries([
  // getToken() takes access_token from the query (RFC 6750 2.3 advises against it; the
  // default plan does not say header only, so a warning).
  ...on(PROTECTED, 'query-parameter').map((k) => [k, 200]),
  // defaultValidators: iat is checked only with maxTokenAge, sub only under strict.
  ...on(PROTECTED, 'mint-iat-future', 'mint-no-sub').map((k) => [k, 200]),
  // requiredScopes -> claimIncludes('scope'): an array is taken as the scopes.
  ...on([SCOPED], 'mint-scope-array').map((k) => [k, 200]),
]);

function assertShape(label, cells) {
  for (const p of PROTECTED) {
    const mine = cells.filter((c) => c.path === p);
    const ids = new Set(mine.map((c) => c.case));
    for (const id of p === SCOPED ? [...MUST_RUN, ...MUST_RUN_SCOPED] : MUST_RUN)
      assert.ok(ids.has(id), `${label}: no ${id} cell on ${p}`);
    for (const c of mine.filter((x) => x.grade === 'not-run'))
      assert.ok(MAY_NOT_RUN.has(c.case), `${label}: ${key(c)} was not run: ${c.verdict} ${c.note ?? ''}`);
  }
  for (const c of cells) assert.ok(['pass', 'warn', 'fail', 'not-run'].includes(c.grade), `${label}: ${key(c)} grade ${c.grade}`);
}

const profiles = {};   // label -> profile name
let baselineRun;
// The baseline's report, probed once; no-challenges compares its statuses with it.
const probeBaseline = () => (baselineRun ??= probe(profiles.baseline, '--mint', '--narrow-from', 'narrow'));

before(async () => {
  // The keychain gets the key on the first start; the second sandbox reads it.
  sandbox = await startSandbox(['--auto-approve', 'alice', '--key-from-keychain']);
  elsewhere = await startSandbox(['--auto-approve', 'alice', '--key-from-keychain']);
  assert.equal(elsewhere.info.kid, sandbox.info.kid, 'both sandboxes sign with the keychain\'s key');
  assert.notEqual(elsewhere.info.issuer, sandbox.info.issuer);
  const { issuer, jwks_uri: jwksUri, audience } = sandbox.info;

  for (const flaw of [undefined, ...Object.keys(FLAWS)]) {
    const api = await startApi({ issuer, jwksUri, audience, flaw });
    apis.push(api);
    const label = flaw ?? 'baseline';
    profiles[label] = `broken-${label}`;
    await profileFor(profiles[label], sandbox.info, api.url);
  }
  profiles['express-oauth2-jwt-bearer'] = 'ejb';
  await profileFor('ejb', sandbox.info, await startExpressOauth2JwtBearer(sandbox.info));
  // bob may not have read:messages: the narrow token, from the same issuer.
  await profileFor('narrow', sandbox.info, apis[0].url, ['--param', 'login_hint=bob']);
  // bob again, from the other sandbox: a narrow token that does not fit.
  await profileFor('narrow-elsewhere', elsewhere.info, apis[0].url, ['--param', 'login_hint=bob']);
});

after(async () => {
  for (const api of apis) await api.close();
  for (const s of expressServers) await new Promise((resolve) => { s.closeAllConnections(); s.close(resolve); });
  for (const s of [sandbox, elsewhere]) if (s) assert.equal(await stopProcess(s.child), 0);
  rmSync(home, { recursive: true, force: true });
});

// What the probe runs on: every profile signed in, its token signed by the
// keychain's key and issued by its sandbox, the narrow ones without read:messages.
test('every profile holds a token from its sandbox, signed with the keychain\'s key', async () => {
  const claims = async (profile) => {
    const r = await run(['token', '--profile', profile]);
    assert.equal(r.code, 0, r.err);
    const [h, p] = r.out.trim().split('.');
    return { header: JSON.parse(Buffer.from(h, 'base64url')), payload: JSON.parse(Buffer.from(p, 'base64url')) };
  };
  for (const profile of Object.values(profiles)) {
    const { header, payload } = await claims(profile);
    assert.equal(header.kid, sandbox.info.kid, profile);
    assert.equal(payload.iss, sandbox.info.issuer, profile);
    assert.ok(payload.scope.split(' ').includes('read:messages'), `${profile}: ${payload.scope}`);
  }
  for (const [profile, info] of [['narrow', sandbox.info], ['narrow-elsewhere', elsewhere.info]]) {
    const { header, payload } = await claims(profile);
    assert.equal(header.kid, sandbox.info.kid, profile);
    assert.equal(payload.iss, info.issuer, profile);
    assert.ok(!payload.scope.split(' ').includes('read:messages'), `${profile}: ${payload.scope}`);
  }
  // The APIs answer the profiles' own tokens (a plain call, not the probe).
  const call = await run(['call', SCOPED, '--profile', profiles.baseline]);
  assert.equal(call.code, 0, call.err);
  const refused = await run(['call', SCOPED, '--profile', profiles.baseline, '--no-token', '--header',
                             `Authorization: Bearer ${(await run(['token', '--profile', 'narrow'])).out.trim()}`]);
  assert.equal(refused.code, 1);
  assert.match(refused.err, /read:messages/);
});

test('baseline: every cell passes, also under --strict', async () => {
  const r = await probeBaseline();
  show('baseline', r.cells);
  assertShape('baseline', r.cells);
  assert.deepEqual(graded(r.cells, 'fail'), []);
  assert.deepEqual(graded(r.cells, 'warn'), []);
  assert.equal(r.code, 0, r.err);
  const strict = await probe(profiles.baseline, '--mint', '--narrow-from', 'narrow', '--strict');
  assert.equal(strict.code, 0, strict.err);
});

for (const [flaw, want] of Object.entries(FAILS)) {
  test(`${flaw}: exactly its cells fail (${FLAWS[flaw]})`, async () => {
    const r = await probe(profiles[flaw], '--mint', '--narrow-from', 'narrow');
    show(flaw, r.cells);
    assertShape(flaw, r.cells);
    assert.deepEqual(graded(r.cells, 'fail'), want.fail);
    assert.deepEqual(graded(r.cells, 'warn'), []);
    assert.equal(r.code, 1);
    for (const c of r.cells.filter((x) => x.grade === 'fail')) {
      assert.equal(c.status, 200, `${key(c)} was accepted`);
      assert.match(c.verdict, want.verdict, `${key(c)}: ${c.verdict}`);
    }
  });
}

test('no-challenges: the same statuses as the baseline, every refusal a warning, no fail', async () => {
  const baselineCells = (await probeBaseline()).cells;
  const r = await probe(profiles['no-challenges'], '--mint', '--narrow-from', 'narrow');
  show('no-challenges', r.cells);
  assertShape('no-challenges', r.cells);
  const baseStatus = Object.fromEntries(baselineCells.map((c) => [key(c), c.status]));
  assert.deepEqual(Object.fromEntries(r.cells.map((c) => [key(c), c.status])), baseStatus);
  assert.deepEqual(graded(r.cells, 'fail'), []);
  // RFC 9110 11.6.1 and RFC 6750 3: a 401 (and RFC 6750's 403) carries a challenge. A 400 for a
  // malformed request needs none, and the cases where either answer is a style are not graded.
  const refusals = baselineCells.filter((c) => PROTECTED.includes(c.path) && [401, 403].includes(c.status) && !EITHER.has(c.case))
    .map(key).sort();
  for (const k of [...on(PROTECTED, 'no-token', 'signature-altered', 'mint-expired'), `${SCOPED} missing-scope`])
    assert.ok(refusals.includes(k), `the baseline refused ${k}`);
  assert.deepEqual(graded(r.cells, 'warn'), refusals);
  for (const c of r.cells.filter((x) => x.grade === 'warn'))
    assert.match(c.verdict, /WWW-Authenticate|challenge/i, `${key(c)}: ${c.verdict}`);
  assert.equal(r.code, 0, 'warnings alone exit 0');
  const strict = await probe(profiles['no-challenges'], '--mint', '--narrow-from', 'narrow', '--strict');
  assert.equal(strict.code, 1, 'under --strict a warning counts');
});

test('express-oauth2-jwt-bearer: no fail, and only the warnings it earns', async () => {
  const r = await probe(profiles['express-oauth2-jwt-bearer'], '--mint', '--narrow-from', 'narrow');
  show('express-oauth2-jwt-bearer', r.cells);
  assertShape('express-oauth2-jwt-bearer', r.cells);
  assert.deepEqual(graded(r.cells, 'fail'), []);
  assert.deepEqual(graded(r.cells, 'warn'), Object.keys(EJB_WARNS).sort());
  for (const c of r.cells.filter((x) => x.grade === 'warn'))
    assert.equal(c.status, EJB_WARNS[key(c)], `${key(c)} answered ${c.status}`);
  for (const c of r.cells.filter((x) => x.case === 'query-parameter'))
    assert.match(c.verdict, /query|access_token/i, `${key(c)}: ${c.verdict}`);
  assert.equal(r.code, 0, r.err);
  const strict = await probe(profiles['express-oauth2-jwt-bearer'], '--mint', '--narrow-from', 'narrow', '--strict');
  assert.equal(strict.code, 1);
});

test('a narrow token from another issuer is not used, says why, and does not blame the API', async () => {
  const r = await probe(profiles.baseline, '--narrow-from', 'narrow-elsewhere');
  show('narrow-elsewhere', r.cells);
  const narrow = r.cells.filter((c) => c.case === 'missing-scope');
  assert.deepEqual(narrow.map((c) => c.path), [SCOPED]);
  const otherHost = new URL(elsewhere.info.issuer).host;
  for (const c of narrow) {
    assert.equal(c.grade, 'not-run', `${key(c)}: ${c.grade}`);
    const sentence = `${c.verdict ?? ''} ${c.note ?? ''}`;
    assert.match(sentence, /issuer/i, sentence);
    assert.ok(sentence.includes(otherHost), `the sentence names the narrow token's issuer ${otherHost}: ${sentence}`);
  }
  assert.deepEqual(graded(r.cells, 'fail'), []);
  assert.deepEqual(graded(r.cells, 'warn'), []);
  assert.equal(r.code, 0, r.err);
});

test('--mint against an API that trusts another issuer exits 2 and says the API does not trust the sandbox', async () => {
  // The API trusts the other sandbox; the profile's tokens (and the minted ones) name this one.
  const api = await startApi({ issuer: elsewhere.info.issuer, jwksUri: elsewhere.info.jwks_uri, audience: elsewhere.info.audience });
  apis.push(api);
  await profileFor('distrusted', sandbox.info, api.url);
  const r = await run(['probe', '--profile', 'distrusted', '--json', '--mint']);
  assert.equal(r.code, 2, r.err);
  assert.match(r.err, /does not trust the sandbox at http:\/\/127\.0\.0\.1:\d+\//);
  const cells = JSON.parse(r.out).cells;
  // The other minted cases say nothing about this API: not run, with the reason.
  for (const c of cells.filter((x) => x.case.startsWith('mint-') && x.case !== 'mint-valid'))
    assert.equal(c.grade, 'not-run', `${key(c)}: ${c.grade}`);
});

test('--mint with an issuer that does not publish the sandbox key exits 2 naming the key', async () => {
  // A TokenLab sandbox that signs with a key of its own, not the keychain's.
  const stranger = await startSandbox(['--auto-approve', 'alice']);
  try {
    const api = await startApi({ issuer: stranger.info.issuer, jwksUri: stranger.info.jwks_uri, audience: stranger.info.audience });
    apis.push(api);
    await profileFor('stranger', stranger.info, api.url);
    const r = await run(['probe', '--profile', 'stranger', '--json', '--mint']);
    assert.equal(r.code, 2, r.err);
    assert.match(r.err, /does not publish the TokenLab sandbox key \(kid /);
  } finally {
    assert.equal(await stopProcess(stranger.child), 0);
  }
});
