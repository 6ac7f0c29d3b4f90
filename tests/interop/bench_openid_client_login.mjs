// SPDX-License-Identifier: MIT
// The login latency benchmark's peer: node's openid-client doing the steps
// tokenlab-cli login does against the same sandbox (--auto-approve):
// discovery, PKCE, the authorization request followed to its own loopback
// listener, the code exchange and the id_token validation. Exits 0 once it
// holds the tokens.
import http from 'node:http';
import * as client from 'openid-client';

const issuer = new URL(process.argv[2]);
const config = await client.discovery(issuer, 'tokenlab-native', undefined, client.None(), {
  execute: [client.allowInsecureRequests],
});
const verifier = client.randomPKCECodeVerifier();
const challenge = await client.calculatePKCECodeChallenge(verifier);
const nonce = client.randomNonce();
const state = client.randomState();

const server = http.createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const redirectUri = `http://127.0.0.1:${server.address().port}/callback`;
const callback = new Promise((resolve) => {
  server.on('request', (req, res) => {
    res.end('ok');
    resolve(new URL(req.url, redirectUri));
  });
});
const url = client.buildAuthorizationUrl(config, {
  redirect_uri: redirectUri, scope: 'openid profile email offline_access read:messages',
  audience: 'https://api.sandbox.tokenlab.test/', code_challenge: challenge, code_challenge_method: 'S256', state, nonce,
});
await fetch(url, { redirect: 'follow' }); // follows the sandbox's redirect to our loopback listener
const returned = await callback;
const tokens = await client.authorizationCodeGrant(config, returned, {
  pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce, idTokenExpected: true,
});
server.close();
if (!tokens.access_token || !tokens.claims()) process.exit(1);
