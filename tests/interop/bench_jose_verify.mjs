// SPDX-License-Identifier: MIT
// The verification benchmark's peer: node's jose jwtVerify on the very
// token bench_verify made, against its JWKS, for SECONDS of CPU time; prints
// verifications per CPU second (the process's, all threads), as bench_verify
// and openssl speed count, so the ratios hold on a machine other work shares.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createLocalJWKSet, jwtVerify } from 'jose';

const [dir, seconds = '2'] = process.argv.slice(2);
const token = readFileSync(path.join(dir, 'token.txt'), 'utf8');
const jwks = createLocalJWKSet(JSON.parse(readFileSync(path.join(dir, 'jwks.json'), 'utf8')));
const options = { issuer: 'https://issuer.bench/', audience: 'https://api.bench/', algorithms: ['RS256'] };
await jwtVerify(token, jwks, options);
const start = process.cpuUsage();
const cpuSeconds = () => {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
};
let count = 0;
while (cpuSeconds() < Number(seconds)) {
  for (let i = 0; i < 50; ++i) await jwtVerify(token, jwks, options);
  count += 50;
}
console.log(Math.round(count / cpuSeconds()));
