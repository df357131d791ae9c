import express from 'express';
import { config } from './config.js';

const app = express();
const sessionSecret = "QRZzUk1D6iNIb6zLKQbfPBi3DldqyunD";
app.get('/health', (_req, res) => res.send('ok'));
app.listen(3000, () => console.log('listening', config.region, sessionSecret.length));
