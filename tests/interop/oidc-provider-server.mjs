#!/usr/bin/env node
// SPDX-License-Identifier: MIT
// oidc-provider (npm) as a third-party authorization server for TokenLab's
// interop tests, on 127.0.0.1 with a free port. A native public client with
// PKCE required and loopback redirects; Auth0's "audience" parameter mapped
// to an RFC 8707 resource indicator, so access tokens are RS256 JWTs for the
// API. Two confidential machine-to-machine clients (client_secret_post and
// client_secret_basic) use client credentials for the same API; refresh
// tokens need offline_access with prompt=consent; revocation is on.
// Switches for the hardened-client tests: OP_DPOP=1 turns DPoP on (RFC 9449;
// OP_DPOP_NONCE=1 demands server nonces), OP_REQUIRE_PAR=1 requires pushed
// authorization requests (RFC 9126), OP_REGISTRATION=1 opens dynamic client
// registration (RFC 7591) so a test can register a private_key_jwt client
// with the public key TokenLab printed, OP_INTROSPECTION=1 turns RFC 7662
// introspection on, OP_DEVICE_FLOW=1 the device authorization grant (RFC 8628)
// for the native client.
// Prints one JSON line once listening; stops on SIGTERM or SIGINT.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import http from 'node:http';
import Provider from 'oidc-provider';

const audience = process.env.OP_AUDIENCE || 'https://api.interop.tokenlab.test/';
const server = http.createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const m2mSecret = randomBytes(24).toString('base64url');
const jwk = { ...privateKey.export({ format: 'jwk' }), kid: 'interop-rs256', use: 'sig', alg: 'RS256' };

const provider = new Provider(issuer, {
  clients: [{
    client_id: 'tokenlab-interop',
    application_type: 'native',
    token_endpoint_auth_method: 'none',
    grant_types: ['authorization_code', 'refresh_token',
                  ...(process.env.OP_DEVICE_FLOW === '1' ? ['urn:ietf:params:oauth:grant-type:device_code'] : [])],
    response_types: ['code'],
    redirect_uris: ['http://127.0.0.1/callback'],
  }, {
    client_id: 'tokenlab-m2m-post',
    client_secret: m2mSecret,
    token_endpoint_auth_method: 'client_secret_post',
    grant_types: ['client_credentials'],
    response_types: [],
    redirect_uris: [],
  }, {
    client_id: 'tokenlab-m2m-basic',
    client_secret: m2mSecret,
    token_endpoint_auth_method: 'client_secret_basic',
    grant_types: ['client_credentials'],
    response_types: [],
    redirect_uris: [],
  }],
  pkce: { required: () => true },
  jwks: { keys: [jwk] },
  cookies: { keys: [randomBytes(32).toString('hex')] },
  scopes: ['openid', 'profile', 'email', 'offline_access', 'read:messages'],
  claims: { openid: ['sub'], profile: ['name'], email: ['email'] },
  extraParams: ['audience'],
  findAccount: (ctx, id) => ({
    accountId: id,
    claims: () => ({ sub: id, name: `Interop ${id}`, email: `${id}@interop.tokenlab.test` }),
  }),
  features: {
    devInteractions: { enabled: true },
    dPoP: {
      enabled: process.env.OP_DPOP === '1',
      nonceSecret: randomBytes(32),
      requireNonce: () => process.env.OP_DPOP_NONCE === '1',
    },
    pushedAuthorizationRequests: { enabled: true, requirePushedAuthorizationRequests: process.env.OP_REQUIRE_PAR === '1' },
    registration: { enabled: process.env.OP_REGISTRATION === '1' },
    introspection: { enabled: process.env.OP_INTROSPECTION === '1' },
    deviceFlow: { enabled: process.env.OP_DEVICE_FLOW === '1' },
    clientCredentials: { enabled: true },
    revocation: { enabled: true },
    resourceIndicators: {
      enabled: true,
      // Auth0's audience parameter names the same thing as RFC 8707's resource.
      defaultResource: (ctx) => ctx.oidc.params.audience || undefined,
      useGrantedResource: () => true,
      getResourceServerInfo: (ctx, resourceIndicator) => {
        if (resourceIndicator !== audience) throw new Error(`unknown resource ${resourceIndicator}`);
        return { scope: 'read:messages', audience, accessTokenFormat: 'jwt', jwt: { sign: { alg: 'RS256' } } };
      },
    },
  },
});
server.on('request', provider.callback());

const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.stdout.write(JSON.stringify({ issuer, client_id: 'tokenlab-interop', audience, m2m_secret: m2mSecret }) + '\n');
