// SPDX-License-Identifier: MIT
// The bulk-decode benchmark's peer: node's jose jwtVerify over every token
// of DIR/tokens.txt (one per line, as bench_verify writes it), against
// DIR/jwks.json, one result line per token on stdout, as
// `tokenlab-cli decode --verify --each-line` prints them; exits 0 when every
// token passed, 1 when one did not. Timed from the outside (bench_spawn),
// start-up included, on both sides.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createLocalJWKSet, jwtVerify } from 'jose';

const [dir] = process.argv.slice(2);
const lines = readFileSync(path.join(dir, 'tokens.txt'), 'utf8').split('\n');
const jwks = createLocalJWKSet(JSON.parse(readFileSync(path.join(dir, 'jwks.json'), 'utf8')));
const options = { issuer: 'https://issuer.bench/', audience: 'https://api.bench/', algorithms: ['RS256'] };
const out = [];
let failed = 0;
for (let i = 0; i < lines.length; ++i) {
  const token = lines[i].trim();
  if (!token) continue;
  try {
    await jwtVerify(token, jwks, options);
    out.push(`${i + 1} passed`);
  } catch (e) {
    ++failed;
    out.push(`${i + 1} failed: ${e.message}`);
  }
}
process.stdout.write(out.join('\n') + '\n');
process.exitCode = failed ? 1 : 0;
