// SPDX-License-Identifier: MIT
// Small Express APIs that trust one issuer (its issuer, JWKS URI and
// audience), written as Auth0's Go and Ruby API quickstarts write theirs: a
// middleware that takes the token from the Authorization header and
// validates it, and a scope check on the scoped route. The baseline is a
// correct one; each flaw changes exactly one thing in it, the way real APIs
// get it wrong. The probe must turn exactly that flaw's cells red or amber.
//
//   GET /api/public           no token needed
//   GET /api/private          any valid token for the audience
//   GET /api/private-scoped   also needs read:messages
//
// Baseline: RS256 only, issuer, audience, exp and sub required, iat not in
// the future, 5 s leeway; the Bearer scheme case-insensitive with exactly
// one space-separated token; the token from the Authorization header only;
// RFC 6750 3 challenges (no error for a missing token or another scheme,
// invalid_token, insufficient_scope with the scope, invalid_request with 400
// for a token sent two ways or two Authorization headers); 431 for an
// Authorization header over 8 KiB.
import { createPublicKey } from 'node:crypto';
import express from 'express';
import { createLocalJWKSet, createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';

export const REQUIRED_SCOPE = 'read:messages';
export const MAX_AUTHORIZATION_BYTES = 8192;
const LEEWAY_SECONDS = 5;
const ASYMMETRIC_ALGS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

// What each flaw changes, in one line.
export const FLAWS = {
  'scheme-cutting': 'token = header.slice(7), with no check of the scheme',
  'trusts-jku': 'a token whose header has jku is verified with the key set fetched from that URL',
  'alg-confusion': 'an HS256 token is verified as an HMAC keyed with the PEM of the issuer\'s public key',
  'no-exp': 'exp is checked only when the token has one',
  'substring-scope': 'the scope check is payload.scope.includes(\'read:messages\')',
  'no-challenges': 'the right statuses, but no WWW-Authenticate at all and bodies like {"error":"Unauthorized"}',
};

class Refusal extends Error {
  constructor(status, error, description) {
    super(description);
    this.status = status;
    this.error = error;  // RFC 6750 3.1 error code; '' for a missing token or another scheme
  }
}

const quoted = (s) => String(s).replace(/["\\\r\n]/g, "'");

// flaw: undefined (the baseline) or a key of FLAWS. Resolves with
// { url, close() }; listens on 127.0.0.1 only.
export async function startApi({ issuer, jwksUri, audience, flaw }) {
  if (flaw !== undefined && !(flaw in FLAWS)) throw new Error(`no such flaw: ${flaw}`);
  const issuerKeys = createRemoteJWKSet(new URL(jwksUri));
  const options = {
    issuer, audience, algorithms: ['RS256'], clockTolerance: LEEWAY_SECONDS,
    requiredClaims: flaw === 'no-exp' ? ['sub'] : ['exp', 'sub'],
  };

  // The token from the Authorization header, or null when there is none
  // (or only another scheme: RFC 6750 3.1, answered like no token).
  function bearerToken(req) {
    const authorization = req.headers.authorization;
    if (authorization !== undefined && Buffer.byteLength(authorization) > MAX_AUTHORIZATION_BYTES)
      throw new Refusal(431, '', 'the Authorization header is too large');
    // RFC 9110 5.3: Authorization is not a list; node keeps only the first of two.
    const count = req.rawHeaders.filter((v, i) => i % 2 === 0 && v.toLowerCase() === 'authorization').length;
    if (count > 1) throw new Refusal(400, 'invalid_request', 'more than one Authorization header');
    if (authorization === undefined) return null;
    // RFC 6750 2: a client uses one method; the query is never read for a token.
    if (Object.hasOwn(req.query ?? {}, 'access_token'))
      throw new Refusal(400, 'invalid_request', 'the token was sent in the header and in the query');
    if (flaw === 'scheme-cutting') return authorization.slice(7);
    const parts = authorization.split(' ');
    if (parts[0].toLowerCase() !== 'bearer') return null;  // RFC 7235 2.1: schemes are case-insensitive
    if (parts.length !== 2 || parts[1] === '') throw new Refusal(401, 'invalid_token', 'malformed Bearer credentials');
    return parts[1];
  }

  async function verify(token) {
    const header = decodeProtectedHeader(token);
    if (flaw === 'trusts-jku' && typeof header.jku === 'string') {
      const keys = await (await fetch(header.jku)).json();
      return jwtVerify(token, createLocalJWKSet(keys), { ...options, algorithms: ASYMMETRIC_ALGS });
    }
    if (flaw === 'alg-confusion' && header.alg === 'HS256') {
      const { keys } = await (await fetch(jwksUri)).json();
      const named = keys.filter((k) => k.kid === header.kid);
      for (const jwk of named.length ? named : keys) {
        const pem = createPublicKey({ key: jwk, format: 'jwk' }).export({ type: 'spki', format: 'pem' });
        try {
          return await jwtVerify(token, Buffer.from(pem), { ...options, algorithms: ['HS256'] });
        } catch {
          // the next key
        }
      }
      throw new Error('signature verification failed');
    }
    return jwtVerify(token, issuerKeys, options);
  }

  const authenticate = async (req, res, next) => {
    try {
      const token = bearerToken(req);
      if (token === null) throw new Refusal(401, '', 'no Bearer token');
      let payload;
      try {
        ({ payload } = await verify(token));
      } catch (e) {
        throw new Refusal(401, 'invalid_token', e.message || 'invalid token');
      }
      if (typeof payload.iat === 'number' && payload.iat > Date.now() / 1000 + LEEWAY_SECONDS)
        throw new Refusal(401, 'invalid_token', 'the token was issued in the future (iat)');
      req.auth = payload;
      next();
    } catch (e) {
      next(e);
    }
  };

  const requireScope = (scope) => (req, res, next) => {
    const claim = typeof req.auth.scope === 'string' ? req.auth.scope : '';
    const granted = flaw === 'substring-scope' ? claim.includes(scope) : claim.split(' ').includes(scope);
    if (granted) return next();
    const refusal = new Refusal(403, 'insufficient_scope', `the token lacks ${scope}`);
    refusal.scope = scope;
    next(refusal);
  };

  const app = express();
  app.get('/api/public', (req, res) => res.json({ message: 'public' }));
  app.get('/api/private', authenticate, (req, res) => res.json({ message: 'private' }));
  app.get('/api/private-scoped', authenticate, requireScope(REQUIRED_SCOPE), (req, res) => res.json({ message: 'scoped' }));
  app.use((err, req, res, next) => {
    if (!(err instanceof Refusal)) return next(err);
    if (err.status === 431) return res.status(431).json({ message: err.message });
    if (flaw === 'no-challenges') {
      const bodies = {
        400: { error: 'Bad Request', message: 'Bad request' },
        401: { error: 'Unauthorized', message: err.error ? 'Invalid token' : 'Missing token' },
        403: { error: 'Forbidden', message: 'Insufficient scope' },
      };
      return res.status(err.status).json(bodies[err.status]);
    }
    let challenge = 'Bearer realm="api"';
    if (err.error) challenge += `, error="${err.error}", error_description="${quoted(err.message)}"`;
    if (err.scope) challenge += `, scope="${err.scope}"`;
    res.status(err.status).set('WWW-Authenticate', challenge).json({ message: err.message });
  });

  const server = await new Promise((resolve, reject) => {
    const s = app.listen(0, '127.0.0.1', (e) => (e ? reject(e) : resolve(s)));
  });
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }),
  };
}
