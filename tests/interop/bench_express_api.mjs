// SPDX-License-Identifier: MIT
// The load benchmark's peer: the Express API guarded by Auth0's
// express-oauth2-jwt-bearer, configured with a sandbox's issuer and JWKS.
// Prints its port, then serves until SIGTERM.
import express from 'express';
import { auth } from 'express-oauth2-jwt-bearer';

const [issuer, jwksUri, audience] = process.argv.slice(2);
const app = express();
app.use(auth({ issuer, jwksUri, audience }));
app.get('/api/private', (req, res) => res.json({ message: 'private' }));
const server = app.listen(0, '127.0.0.1', () => console.log(server.address().port));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
