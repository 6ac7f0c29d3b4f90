// The verification benchmark's peer: node's jose jwtVerify on the very
// token bench_verify made, against its JWKS, for SECONDS; prints
// verifications per second.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createLocalJWKSet, jwtVerify } from 'jose';

const [dir, seconds = '2'] = process.argv.slice(2);
const token = readFileSync(path.join(dir, 'token.txt'), 'utf8');
const jwks = createLocalJWKSet(JSON.parse(readFileSync(path.join(dir, 'jwks.json'), 'utf8')));
const options = { issuer: 'https://issuer.bench/', audience: 'https://api.bench/', algorithms: ['RS256'] };
await jwtVerify(token, jwks, options);
const end = performance.now() + Number(seconds) * 1000;
let count = 0;
const start = performance.now();
while (performance.now() < end) {
  for (let i = 0; i < 50; ++i) await jwtVerify(token, jwks, options);
  count += 50;
}
console.log(Math.round(count / ((performance.now() - start) / 1000)));
