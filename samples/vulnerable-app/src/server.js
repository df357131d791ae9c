import { exec } from 'node:child_process';
import express from 'express';
import { config } from './config.js';

const app = express();
const sessionSecret = "QRZzUk1D6iNIb6zLKQbfPBi3DldqyunD";
app.get('/health', (_req, res) => res.send('ok'));

// Deliberate code findings for the SAST scanner: request data into a shell command and into HTML.
app.get('/ping', (req, res) => {
  exec(`ping -c 1 ${req.query.host}`, (_err, out) => res.type('text/plain').send(out));
});
app.get('/hello', (req, res) => res.send(`<h1>Hello ${req.query.name}</h1>`));

app.listen(3000, () => console.log('listening', config.region, sessionSecret.length));
