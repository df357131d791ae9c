/**
 * The data models (src/models/*.json), table-driven: sinks per family and library, source groups, and
 * sanitiser groups. Each row is a small realistic snippet with the findings it must produce
 * (`ruleId:line`, 1-based line of the sink), or none for the safe variants.
 */
import { describe, expect, it } from 'vitest';
import { expandBraces } from '../../src/engine/models.js';
import sanitizersJson from '../../src/models/sanitizers.json' with { type: 'json' };
import sinksJson from '../../src/models/sinks.json' with { type: 'json' };
import sourcesJson from '../../src/models/sources.json' with { type: 'json' };
import { DEFAULT_PATH, lines, scan } from '../support/taint.js';

interface Case {
  name: string;
  code: string;
  expected: string[];
  path?: string;
}

const CMD = 'sast/command-injection';
const CODE = 'sast/code-injection';
const SQL = 'sast/sql-injection';
const NOSQL = 'sast/nosql-injection';
const PATH = 'sast/path-traversal';
const SSRF = 'sast/ssrf';
const XSS = 'sast/xss';
const REDIRECT = 'sast/open-redirect';
const PROTO = 'sast/prototype-pollution';
const DESER = 'sast/unsafe-deserialization';
const REGEX = 'sast/regex-injection';

// ---------------------------------------------------------------------------------------------- sinks

const SINKS: Record<string, Case[]> = {
  'command-injection': [
    {
      name: 'child_process.exec via a namespace require',
      code: `const cp = require('child_process');
app.get('/log', (req, res) => {
  cp.exec('git log --oneline ' + req.query.ref);
});`,
      expected: [`${CMD}:3`],
    },
    {
      name: 'execSync imported from node:child_process',
      code: `import { execSync } from 'node:child_process';
app.get('/thumb', (req, res) => {
  execSync(\`convert \${req.query.file} -resize 64x64 thumb.png\`);
});`,
      expected: [`${CMD}:3`],
    },
    {
      name: 'spawn with shell: true',
      code: `const { spawn } = require('child_process');
app.get('/du', (req, res) => {
  spawn('du', ['-sh', req.query.dir], { shell: true });
});`,
      expected: [`${CMD}:3`],
    },
    {
      name: 'spawn without a shell (safe)',
      code: `const { spawn } = require('child_process');
app.get('/du', (req, res) => {
  spawn('du', ['-sh', req.query.dir]);
});`,
      expected: [],
    },
    {
      name: "spawn('sh', ['-c', ...])",
      code: `const { spawn } = require('child_process');
app.get('/du', (req, res) => {
  spawn('sh', ['-c', 'du -sh ' + req.query.dir]);
});`,
      expected: [`${CMD}:3`],
    },
    {
      name: 'spawn of a program chosen by input',
      code: `const { spawn } = require('child_process');
app.get('/version', (req, res) => {
  spawn(req.query.tool, ['--version']);
});`,
      expected: [`${CMD}:3`],
    },
    {
      name: 'execFile with an argument array (safe)',
      code: `const { execFile } = require('child_process');
app.get('/ping', (req, res) => {
  execFile('ping', ['-c', '1', req.query.host], (err, out) => res.type('text/plain').send(out));
});`,
      expected: [],
    },
    {
      name: 'shelljs exec',
      code: `const shell = require('shelljs');
app.get('/du', (req, res) => {
  shell.exec('du -sh ' + req.query.dir);
});`,
      expected: [`${CMD}:3`],
    },
    {
      name: 'execa execaCommand',
      code: `import { execaCommand } from 'execa';
app.get('/du', async (req, res) => {
  await execaCommand('du -sh ' + req.query.dir);
});`,
      expected: [`${CMD}:3`],
    },
    {
      name: 'execa with shell: true',
      code: `import { execa } from 'execa';
app.get('/du', async (req, res) => {
  await execa('du -sh ' + req.query.dir, { shell: true });
});`,
      expected: [`${CMD}:3`],
    },
    {
      name: 'execa with an argument array (safe)',
      code: `import { execa } from 'execa';
app.get('/du', async (req, res) => {
  await execa('du', ['-sh', req.query.dir]);
});`,
      expected: [],
    },
    {
      name: 'cross-spawn with shell: true',
      code: `const spawn = require('cross-spawn');
app.get('/du', (req, res) => {
  spawn('du', ['-sh', req.query.dir], { shell: true });
});`,
      expected: [`${CMD}:3`],
    },
  ],
  'code-injection': [
    {
      name: 'eval',
      code: `app.get('/calc', (req, res) => {
  const result = eval(req.query.expr);
  res.json({ result });
});`,
      expected: [`${CODE}:2`],
    },
    {
      name: 'new Function with a body from input',
      code: `app.get('/filter', (req, res) => {
  const keep = new Function('row', 'return ' + req.query.filter);
  res.json(rows.filter(keep));
});`,
      expected: [`${CODE}:2`],
    },
    {
      name: 'Function called without new',
      code: `app.get('/filter', (req, res) => {
  const keep = Function('row', req.query.body);
  res.json(rows.filter(keep));
});`,
      expected: [`${CODE}:2`],
    },
    {
      name: 'vm.runInNewContext',
      code: `const vm = require('vm');
app.get('/run', (req, res) => {
  const out = vm.runInNewContext(req.query.code, {});
  res.json({ out });
});`,
      expected: [`${CODE}:3`],
    },
    {
      name: 'new vm.Script',
      code: `import vm from 'node:vm';
app.get('/run', (req, res) => {
  const script = new vm.Script(req.query.code);
  res.json(script.runInNewContext({}));
});`,
      expected: [`${CODE}:3`],
    },
    {
      name: 'setTimeout with a string',
      code: `app.get('/later', (req, res) => {
  setTimeout('refresh(' + req.query.n + ')', 100);
});`,
      expected: [`${CODE}:2`],
    },
    {
      name: 'setTimeout with a function (safe)',
      code: `app.get('/later', (req, res) => {
  setTimeout(() => refresh(req.query.n), 100);
});`,
      expected: [],
    },
    {
      name: 'require of a path from input',
      code: `app.get('/plugin', (req, res) => {
  const plugin = require('./plugins/' + req.query.name);
  res.json(plugin.info);
});`,
      expected: [`${CODE}:2`],
    },
    {
      name: 'ejs.render of a template from input',
      code: `const ejs = require('ejs');
app.post('/preview', (req, res) => {
  const page = ejs.render(req.body.template, {});
  res.type('text/plain').send(page);
});`,
      expected: [`${CODE}:3`],
    },
    {
      name: 'child_process.fork of a module from input',
      code: `const { fork } = require('child_process');
app.get('/worker', (req, res) => {
  fork(req.query.worker);
});`,
      expected: [`${CODE}:3`],
    },
  ],
  'sql-injection': [
    {
      name: 'mysql connection.query with concatenation',
      code: `const mysql = require('mysql');
const connection = mysql.createConnection({ host: 'db' });
app.get('/orders', (req, res) => {
  connection.query("SELECT * FROM orders WHERE status = '" + req.query.status + "'", (err, rows) => res.json(rows));
});`,
      expected: [`${SQL}:4`],
    },
    {
      name: 'mysql connection.query with placeholders (safe)',
      code: `const mysql = require('mysql');
const connection = mysql.createConnection({ host: 'db' });
app.get('/orders', (req, res) => {
  connection.query('SELECT * FROM orders WHERE status = ?', [req.query.status], (err, rows) => res.json(rows));
});`,
      expected: [],
    },
    {
      name: 'mysql2 conn.execute with a template literal',
      code: `import mysql from 'mysql2/promise';
const conn = await mysql.createConnection({ host: 'db' });
app.get('/orders', async (req, res) => {
  const [rows] = await conn.execute(\`SELECT * FROM orders WHERE status = '\${req.query.status}'\`);
  res.json(rows);
});`,
      expected: [`${SQL}:4`],
    },
    {
      name: 'pg pool.query with a template literal',
      code: `const { Pool } = require('pg');
const pool = new Pool();
app.get('/items/:sku', async (req, res) => {
  const { rows } = await pool.query(\`SELECT * FROM items WHERE sku = '\${req.params.sku}'\`);
  res.json(rows);
});`,
      expected: [`${SQL}:4`],
    },
    {
      name: 'pg client.query with an ORDER BY from input',
      code: `const { Client } = require('pg');
const client = new Client();
app.get('/items', async (req, res) => {
  const { rows } = await client.query('SELECT * FROM items ORDER BY ' + req.query.sort);
  res.json(rows);
});`,
      expected: [`${SQL}:4`],
    },
    {
      name: 'pg pool.query with $1 parameters (safe)',
      code: `const { Pool } = require('pg');
const pool = new Pool();
app.get('/items/:sku', async (req, res) => {
  const { rows } = await pool.query('SELECT * FROM items WHERE sku = $1', [req.params.sku]);
  res.json(rows);
});`,
      expected: [],
    },
    {
      name: 'sqlite3 db.all with concatenation',
      code: `const sqlite3 = require('sqlite3');
const db = new sqlite3.Database('notes.db');
app.get('/notes', (req, res) => {
  db.all("SELECT * FROM notes WHERE tag = '" + req.query.tag + "'", (err, rows) => res.json(rows));
});`,
      expected: [`${SQL}:4`],
    },
    {
      name: 'better-sqlite3 db.prepare with a template literal',
      code: `import Database from 'better-sqlite3';
const db = new Database('notes.db');
app.get('/notes/:id', (req, res) => {
  res.json(db.prepare(\`SELECT * FROM notes WHERE id = \${req.params.id}\`).get());
});`,
      expected: [`${SQL}:4`],
    },
    {
      name: 'better-sqlite3 db.prepare with a bound parameter (safe)',
      code: `import Database from 'better-sqlite3';
const db = new Database('notes.db');
app.get('/notes/:id', (req, res) => {
  res.json(db.prepare('SELECT * FROM notes WHERE id = ?').get(req.params.id));
});`,
      expected: [],
    },
    {
      name: 'knex.raw',
      code: `const knex = require('knex')({ client: 'pg' });
app.get('/items', async (req, res) => {
  res.json(await knex.raw('SELECT * FROM items WHERE name = ' + req.query.name));
});`,
      expected: [`${SQL}:3`],
    },
    {
      name: 'knex whereRaw',
      code: `const knex = require('knex')({ client: 'pg' });
app.get('/items', async (req, res) => {
  res.json(await knex('items').whereRaw(\`price > \${req.query.min}\`));
});`,
      expected: [`${SQL}:3`],
    },
    {
      name: 'knex.raw with bindings and the where builder (safe)',
      code: `const knex = require('knex')({ client: 'pg' });
app.get('/items', async (req, res) => {
  const byName = await knex('items').where('name', req.query.name);
  const raw = await knex.raw('SELECT * FROM items WHERE name = ?', [req.query.name]);
  res.json([byName, raw]);
});`,
      expected: [],
    },
    {
      name: 'sequelize.query with a template literal',
      code: `const { Sequelize } = require('sequelize');
const sequelize = new Sequelize('postgres://localhost/app');
app.get('/users', async (req, res) => {
  res.json(await sequelize.query(\`SELECT * FROM users WHERE email = '\${req.query.email}'\`));
});`,
      expected: [`${SQL}:4`],
    },
    {
      name: 'sequelize.query with replacements (safe)',
      code: `const { Sequelize } = require('sequelize');
const sequelize = new Sequelize('postgres://localhost/app');
app.get('/users', async (req, res) => {
  res.json(await sequelize.query('SELECT * FROM users WHERE email = :email', { replacements: { email: req.query.email } }));
});`,
      expected: [],
    },
    {
      name: 'Sequelize.literal',
      code: `const { Sequelize } = require('sequelize');
app.get('/users', async (req, res) => {
  res.json(await User.findAll({ where: Sequelize.literal('age > ' + req.query.age) }));
});`,
      expected: [`${SQL}:3`],
    },
    {
      name: 'TypeORM query builder where with interpolation',
      path: 'src/users.ts',
      code: `import { AppDataSource } from './data-source';
app.get('/users', async (req, res) => {
  const users = await AppDataSource.getRepository(User).createQueryBuilder('u').where(\`u.name = '\${req.query.name}'\`).getMany();
  res.json(users);
});`,
      expected: [`${SQL}:3`],
    },
    {
      name: 'TypeORM query builder where with a named parameter (safe)',
      path: 'src/users.ts',
      code: `import { AppDataSource } from './data-source';
app.get('/users', async (req, res) => {
  const users = await AppDataSource.getRepository(User).createQueryBuilder('u').where('u.name = :name', { name: req.query.name }).getMany();
  res.json(users);
});`,
      expected: [],
    },
    {
      name: 'TypeORM DataSource.query',
      path: 'src/users.ts',
      code: `import { AppDataSource } from './data-source';
app.get('/users', async (req, res) => {
  res.json(await AppDataSource.query('SELECT * FROM users WHERE name = ' + req.query.name));
});`,
      expected: [`${SQL}:3`],
    },
    {
      name: 'Prisma $queryRawUnsafe',
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
app.get('/users', async (req, res) => {
  res.json(await prisma.$queryRawUnsafe(\`SELECT * FROM "User" WHERE email = '\${req.query.email}'\`));
});`,
      expected: [`${SQL}:4`],
    },
    {
      name: 'Prisma $executeRawUnsafe',
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
app.post('/logout', async (req, res) => {
  await prisma.$executeRawUnsafe('DELETE FROM "Session" WHERE id = ' + req.body.id);
  res.end();
});`,
      expected: [`${SQL}:4`],
    },
    {
      name: 'Prisma tagged $queryRaw (safe)',
      code: `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
app.get('/users', async (req, res) => {
  res.json(await prisma.$queryRaw\`SELECT * FROM "User" WHERE email = \${req.query.email}\`);
});`,
      expected: [],
    },
  ],
  'nosql-injection': [
    {
      name: 'mongoose Model.findOne with body fields',
      code: `const User = require('./models/user');
app.post('/login', async (req, res) => {
  const user = await User.findOne({ email: req.body.email, password: req.body.password });
  res.json({ ok: Boolean(user) });
});`,
      expected: [`${NOSQL}:3`],
    },
    {
      name: 'mongodb collection().find',
      code: `const { MongoClient } = require('mongodb');
const client = new MongoClient('mongodb://localhost');
app.get('/orders', async (req, res) => {
  res.json(await client.db('shop').collection('orders').find({ status: req.query.status }).toArray());
});`,
      expected: [`${NOSQL}:4`],
    },
    {
      name: 'mongodb collection variable deleteMany',
      code: `app.delete('/orders', async (req, res) => {
  res.json(await ordersCollection.deleteMany({ owner: req.query.owner }));
});`,
      expected: [`${NOSQL}:2`],
    },
    {
      name: '$where method with a string from input',
      code: `app.get('/orders', async (req, res) => {
  res.json(await Order.$where('this.total > ' + req.query.min));
});`,
      expected: [`${NOSQL}:2`],
    },
    {
      name: '_id from the route is not an operator injection (safe)',
      code: `app.get('/orders/:id', async (req, res) => {
  res.json(await Order.findOne({ _id: req.params.id }));
});`,
      expected: [],
    },
  ],
  'path-traversal': [
    {
      name: 'fs.readFile',
      code: `const fs = require('fs');
app.get('/docs', (req, res) => {
  fs.readFile('/srv/docs/' + req.query.name, 'utf8', (err, text) => res.json({ text }));
});`,
      expected: [`${PATH}:3`],
    },
    {
      name: 'fs/promises readFile',
      code: `import { readFile } from 'node:fs/promises';
app.get('/docs', async (req, res) => {
  res.json({ text: await readFile(\`/srv/docs/\${req.query.name}\`, 'utf8') });
});`,
      expected: [`${PATH}:3`],
    },
    {
      name: 'fs.promises unlink',
      code: `import { promises as fsp } from 'fs';
app.delete('/uploads', async (req, res) => {
  await fsp.unlink('/srv/uploads/' + req.query.name);
  res.end();
});`,
      expected: [`${PATH}:3`],
    },
    {
      name: 'fs.writeFileSync',
      code: `const fs = require('fs');
app.post('/save', (req, res) => {
  fs.writeFileSync(req.body.path, 'x');
  res.end();
});`,
      expected: [`${PATH}:3`],
    },
    {
      name: 'fs.renameSync destination',
      code: `const fs = require('fs');
app.post('/upload', (req, res) => {
  fs.renameSync('/tmp/upload.bin', '/srv/files/' + req.body.name);
  res.end();
});`,
      expected: [`${PATH}:3`],
    },
    {
      name: 'fs-extra outputFile',
      code: `const fse = require('fs-extra');
app.post('/upload', async (req, res) => {
  await fse.outputFile('/srv/uploads/' + req.body.name, 'content');
  res.end();
});`,
      expected: [`${PATH}:3`],
    },
    {
      name: 'res.sendFile without root',
      code: `const path = require('path');
app.get('/static', (req, res) => {
  res.sendFile(path.join(__dirname, 'public', req.query.file));
});`,
      expected: [`${PATH}:3`],
    },
    {
      name: 'res.sendFile with root (safe)',
      code: `app.get('/static', (req, res) => {
  res.sendFile(req.query.file, { root: '/srv/public' });
});`,
      expected: [],
    },
    {
      name: 'res.download',
      code: `app.get('/export', (req, res) => {
  res.download('/srv/exports/' + req.query.file);
});`,
      expected: [`${PATH}:2`],
    },
    {
      name: 'adm-zip extractEntryTo target',
      code: `const AdmZip = require('adm-zip');
app.post('/unpack', (req, res) => {
  const zip = new AdmZip('/srv/upload.zip');
  zip.extractEntryTo('report.csv', req.body.dest);
});`,
      expected: [`${PATH}:4`],
    },
    {
      name: 'send without root, and with root (safe)',
      code: `const http = require('http');
const send = require('send');
http.createServer((req, res) => {
  send(req, req.url).pipe(res);
  send(req, req.url, { root: '/srv/public' }).pipe(res);
});`,
      expected: [`${PATH}:4`],
    },
  ],
  ssrf: [
    {
      name: 'axios.get',
      code: `const axios = require('axios');
app.get('/preview', async (req, res) => {
  res.json((await axios.get(req.query.url)).data);
});`,
      expected: [`${SSRF}:3`],
    },
    {
      name: 'axios called with a config object',
      code: `import axios from 'axios';
app.get('/preview', async (req, res) => {
  res.json((await axios({ method: 'get', url: req.query.url })).data);
});`,
      expected: [`${SSRF}:3`],
    },
    {
      name: 'axios.create instance',
      code: `import axios from 'axios';
const api = axios.create({ timeout: 1000 });
app.get('/preview', async (req, res) => {
  res.json((await api.get(req.query.url)).data);
});`,
      expected: [`${SSRF}:4`],
    },
    {
      name: 'global fetch',
      code: `app.get('/preview', async (req, res) => {
  const r = await fetch(req.query.url);
  res.json(await r.json());
});`,
      expected: [`${SSRF}:2`],
    },
    {
      name: 'node-fetch',
      code: `import fetch from 'node-fetch';
app.get('/preview', async (req, res) => {
  const r = await fetch(req.query.url);
  res.json(await r.json());
});`,
      expected: [`${SSRF}:3`],
    },
    {
      name: 'got',
      code: `import got from 'got';
app.get('/preview', async (req, res) => {
  res.json(await got(req.query.url).json());
});`,
      expected: [`${SSRF}:3`],
    },
    {
      name: 'undici request',
      code: `import { request } from 'undici';
app.get('/preview', async (req, res) => {
  const { body } = await request(req.query.url);
  res.json(await body.json());
});`,
      expected: [`${SSRF}:3`],
    },
    {
      name: 'http.get',
      code: `const http = require('http');
app.get('/preview', (req, res) => {
  http.get(req.query.url, (upstream) => upstream.pipe(res));
});`,
      expected: [`${SSRF}:3`],
    },
    {
      name: 'https.request with a host option',
      code: `const https = require('https');
app.get('/health', (req, res) => {
  https.request({ host: req.query.host, path: '/health' }, (upstream) => upstream.pipe(res)).end();
});`,
      expected: [`${SSRF}:3`],
    },
    {
      name: 'superagent.get',
      code: `const superagent = require('superagent');
app.get('/preview', async (req, res) => {
  res.json((await superagent.get(req.query.url)).body);
});`,
      expected: [`${SSRF}:3`],
    },
    {
      name: 'puppeteer page.goto',
      code: `const puppeteer = require('puppeteer');
app.get('/screenshot', async (req, res) => {
  const browser = await puppeteer.launch();
  const page = await browser.newPage();
  await page.goto(req.query.url);
  res.type('png').send(await page.screenshot());
});`,
      expected: [`${SSRF}:5`],
    },
  ],
  xss: [
    {
      name: 'res.send of HTML',
      code: `app.get('/hello', (req, res) => {
  res.send('<h1>Hello ' + req.query.name + '</h1>');
});`,
      expected: [`${XSS}:2`],
    },
    {
      name: 'res.send of an object and res.json (safe)',
      code: `app.get('/hello', (req, res) => {
  res.send({ greeting: 'Hello', name: req.query.name });
  res.json({ name: req.query.name });
});`,
      expected: [],
    },
    {
      name: 'res.send after res.type(text/plain) (safe)',
      code: `app.get('/hello', (req, res) => {
  res.type('text/plain').send('Hello ' + req.query.name);
});`,
      expected: [],
    },
    {
      name: 'http ServerResponse.write',
      code: `const http = require('http');
http.createServer((req, res) => {
  res.write('<p>' + req.url + '</p>');
  res.end();
});`,
      expected: [`${XSS}:3`],
    },
    {
      name: 'innerHTML, and textContent (safe)',
      code: `const params = new URLSearchParams(location.search);
document.getElementById('greeting').innerHTML = 'Hi ' + params.get('name');
document.getElementById('greeting').textContent = 'Hi ' + params.get('name');`,
      expected: [`${XSS}:2`],
    },
    {
      name: 'outerHTML',
      code: `document.querySelector('#banner').outerHTML = location.hash.slice(1);`,
      expected: [`${XSS}:1`],
    },
    {
      name: 'iframe srcdoc',
      code: `document.querySelector('iframe').srcdoc = decodeURIComponent(location.search);`,
      expected: [`${XSS}:1`],
    },
    {
      name: 'document.write',
      code: `document.write('<p>From ' + document.referrer + '</p>');`,
      expected: [`${XSS}:1`],
    },
    {
      name: 'jQuery .html(), and .text() (safe)',
      code: `$('#result').html(location.hash.slice(1));
$('#result').text(location.hash.slice(1));`,
      expected: [`${XSS}:1`],
    },
    {
      name: 'jQuery $() of a string from input',
      code: `$(location.hash);`,
      expected: [`${XSS}:1`],
    },
    {
      name: 'insertAdjacentHTML',
      code: `document.body.insertAdjacentHTML('beforeend', '<li>' + location.hash + '</li>');`,
      expected: [`${XSS}:1`],
    },
    {
      name: 'DOMParser parseFromString',
      code: `const doc = new DOMParser().parseFromString(location.hash.slice(1), 'text/html');`,
      expected: [`${XSS}:1`],
    },
    {
      name: 'Handlebars template compiled with noEscape',
      code: `const Handlebars = require('handlebars');
const template = Handlebars.compile('<p>{{bio}}</p>', { noEscape: true });
app.get('/bio', (req, res) => {
  const html = template({ bio: req.query.bio });
  res.type('text/plain').send(html);
});`,
      expected: [`${XSS}:4`],
    },
    {
      name: 'Handlebars template with escaping (safe)',
      code: `const Handlebars = require('handlebars');
const template = Handlebars.compile('<p>{{bio}}</p>');
app.get('/bio', (req, res) => {
  const html = template({ bio: req.query.bio });
  res.type('text/plain').send(html);
});`,
      expected: [],
    },
    {
      name: 'Handlebars.SafeString',
      code: `const Handlebars = require('handlebars');
function bold(req) {
  return new Handlebars.SafeString('<b>' + req.query.name + '</b>');
}`,
      expected: [`${XSS}:3`],
    },
    {
      name: 'Mustache triple braces',
      code: `const Mustache = require('mustache');
app.get('/bio', (req, res) => {
  const html = Mustache.render('<p>{{{bio}}}</p>', { bio: req.query.bio });
  res.type('text/plain').send(html);
});`,
      expected: [`${XSS}:3`],
    },
    {
      name: 'nunjucks with autoescape: false',
      code: `const nunjucks = require('nunjucks');
const env = nunjucks.configure('views', { autoescape: false });
app.get('/q', (req, res) => {
  res.type('text/plain').send(env.renderString('<p>{{ q }}</p>', { q: req.query.q }));
});`,
      expected: [`${XSS}:4`],
    },
    {
      name: 'Koa ctx.body, and a JSON body (safe)',
      code: `const Koa = require('koa');
const app = new Koa();
app.use(async (ctx) => {
  if (ctx.path === '/json') ctx.body = { title: ctx.query.title };
  else ctx.body = '<h1>' + ctx.query.title + '</h1>';
});`,
      expected: [`${XSS}:5`],
    },
    {
      name: 'hapi h.response',
      code: `server.route({
  method: 'GET',
  path: '/hello',
  handler: (request, h) => {
    return h.response('<p>' + request.query.name + '</p>');
  },
});`,
      expected: [`${XSS}:5`],
    },
    {
      name: 'new Response with a text/html content type',
      path: 'app/hello/route.js',
      code: `export async function GET(request) {
  const name = new URL(request.url).searchParams.get('name');
  return new Response('<p>' + name + '</p>', { headers: { 'Content-Type': 'text/html' } });
}`,
      expected: [`${XSS}:3`],
    },
    {
      name: 'new Response with JSON (safe)',
      path: 'app/hello/route.js',
      code: `export async function GET(request) {
  const name = new URL(request.url).searchParams.get('name');
  return new Response(JSON.stringify({ name }), { headers: { 'Content-Type': 'application/json' } });
}`,
      expected: [],
    },
  ],
  'open-redirect': [
    {
      name: 'res.redirect',
      code: `app.get('/done', (req, res) => {
  res.redirect(req.query.next);
});`,
      expected: [`${REDIRECT}:2`],
    },
    {
      name: 'res.redirect with a status',
      code: `app.get('/done', (req, res) => {
  res.redirect(302, req.query.next);
});`,
      expected: [`${REDIRECT}:2`],
    },
    {
      name: 'res.redirect to a fixed path with input after it (safe)',
      code: `app.get('/done', (req, res) => {
  res.redirect('/profile/' + req.query.user);
});`,
      expected: [],
    },
    {
      name: 'Location header with setHeader',
      code: `app.get('/done', (req, res) => {
  res.setHeader('Location', req.query.next);
  res.statusCode = 302;
  res.end();
});`,
      expected: [`${REDIRECT}:2`],
    },
    {
      name: 'Location header with res.set',
      code: `app.get('/done', (req, res) => {
  res.set('location', req.query.next).status(302).end();
});`,
      expected: [`${REDIRECT}:2`],
    },
    {
      name: 'another header (safe)',
      code: `app.get('/done', (req, res) => {
  res.setHeader('X-Request-Id', req.query.id);
  res.end();
});`,
      expected: [],
    },
    {
      name: 'writeHead with a Location field',
      code: `const http = require('http');
http.createServer((req, res) => {
  const target = new URL(req.url, 'http://localhost').searchParams.get('to');
  res.writeHead(302, { Location: target });
  res.end();
});`,
      expected: [`${REDIRECT}:4`],
    },
    {
      name: 'window.location.href assignment',
      code: `const next = new URLSearchParams(location.search).get('next');
window.location.href = next;`,
      expected: [`${REDIRECT}:2`],
    },
    {
      name: 'window.location assignment',
      code: `const next = new URLSearchParams(window.location.search).get('next');
window.location = next;`,
      expected: [`${REDIRECT}:2`],
    },
    {
      name: 'location.assign',
      code: `const next = new URLSearchParams(location.search).get('next');
location.assign(next);`,
      expected: [`${REDIRECT}:2`],
    },
    {
      name: 'NextResponse.redirect in middleware',
      path: 'middleware.js',
      code: `import { NextResponse } from 'next/server';
export function middleware(request) {
  const to = request.nextUrl.searchParams.get('to');
  return NextResponse.redirect(to);
}`,
      expected: [`${REDIRECT}:4`],
    },
    {
      name: 'next/navigation redirect',
      path: 'app/login/page.jsx',
      code: `import { redirect } from 'next/navigation';
export default function Page({ searchParams }) {
  redirect(searchParams.returnTo);
}`,
      expected: [`${REDIRECT}:3`],
    },
  ],
  'prototype-pollution': [
    {
      name: 'lodash _.set with a path from input',
      code: `const _ = require('lodash');
app.post('/prefs', (req, res) => {
  const prefs = {};
  _.set(prefs, req.body.path, req.body.value);
  res.json(prefs);
});`,
      expected: [`${PROTO}:4`],
    },
    {
      name: 'lodash _.set with constants (safe)',
      code: `const _ = require('lodash');
app.post('/prefs', (req, res) => {
  const prefs = {};
  _.set(prefs, 'theme', 'dark');
  res.json(prefs);
});`,
      expected: [],
    },
    {
      name: 'lodash merge imported by name',
      code: `import { merge } from 'lodash';
app.post('/config', (req, res) => {
  res.json(merge({}, req.body));
});`,
      expected: [`${PROTO}:3`],
    },
    {
      name: 'deep-extend',
      code: `const deepExtend = require('deep-extend');
app.post('/config', (req, res) => {
  deepExtend(settings, req.body);
  res.end();
});`,
      expected: [`${PROTO}:3`],
    },
    {
      name: 'jQuery deep $.extend',
      code: `const data = JSON.parse(decodeURIComponent(location.hash));
$.extend(true, {}, data);`,
      expected: [`${PROTO}:2`],
    },
  ],
  'unsafe-deserialization': [
    {
      name: 'node-serialize unserialize',
      code: `const serialize = require('node-serialize');
app.post('/restore', (req, res) => {
  res.json(serialize.unserialize(req.cookies.session));
});`,
      expected: [`${DESER}:3`],
    },
    {
      name: 'JSON.parse (safe)',
      code: `app.post('/restore', (req, res) => {
  res.json(JSON.parse(req.cookies.session));
});`,
      expected: [],
    },
    {
      name: 'funcster deepDeserialize',
      code: `const funcster = require('funcster');
app.post('/restore', (req, res) => {
  res.json(funcster.deepDeserialize(req.body));
});`,
      expected: [`${DESER}:3`],
    },
  ],
  'regex-injection': [
    {
      name: 'new RegExp',
      code: `app.get('/search', (req, res) => {
  const re = new RegExp(req.query.q, 'i');
  res.json(items.filter((item) => re.test(item.name)));
});`,
      expected: [`${REGEX}:2`],
    },
    {
      name: 'RegExp called without new',
      code: `app.get('/search', (req, res) => {
  const re = RegExp('^' + req.query.prefix);
  res.json(items.filter((item) => re.test(item.name)));
});`,
      expected: [`${REGEX}:2`],
    },
  ],
};

describe('sinks', () => {
  for (const [family, cases] of Object.entries(SINKS)) {
    describe(family, () => {
      it.each(cases)('$name', ({ code, path, expected }) => {
        expect(lines(code, path ?? DEFAULT_PATH)).toEqual(expected);
      });
    });
  }

  it('has a vulnerable case for every family of sinks.json', () => {
    const families = new Set([...sinksJson.sinks, ...sinksJson.propertySinks].map((sink) => sink.family));
    for (const family of families) {
      const cases = SINKS[family] ?? [];
      expect(
        cases.some((c) => c.expected.some((hit) => hit.startsWith(`sast/${family}:`))),
        family,
      ).toBe(true);
    }
  });
});

// -------------------------------------------------------------------------------------------- sources

interface SourceCase extends Case {
  /** The label the finding's message names (a group of sources.json, or a framework model). */
  label: string;
}

const EXEC = "const { exec } = require('child_process');\n";

const SOURCES: SourceCase[] = [
  // Express
  {
    label: 'HTTP request',
    name: 'express req.query',
    code: `${EXEC}app.get('/a', (req, res) => { exec(req.query.cmd); });`,
    expected: [`${CMD}:2`],
  },
  {
    label: 'HTTP request',
    name: 'express req.body',
    code: `${EXEC}app.post('/a', (req, res) => { exec(req.body.cmd); });`,
    expected: [`${CMD}:2`],
  },
  {
    label: 'HTTP request',
    name: 'express req.params',
    code: `${EXEC}app.get('/a/:cmd', (req, res) => { exec(req.params.cmd); });`,
    expected: [`${CMD}:2`],
  },
  {
    label: 'HTTP request',
    name: 'express req.headers',
    code: `${EXEC}app.get('/a', (req, res) => { exec(req.headers['x-cmd']); });`,
    expected: [`${CMD}:2`],
  },
  {
    label: 'HTTP request',
    name: 'express req.cookies',
    code: `${EXEC}app.get('/a', (req, res) => { exec(req.cookies.cmd); });`,
    expected: [`${CMD}:2`],
  },
  {
    label: 'HTTP request',
    name: 'express req.get()',
    code: `${EXEC}app.get('/a', (req, res) => { exec(req.get('X-Cmd')); });`,
    expected: [`${CMD}:2`],
  },
  {
    label: 'HTTP request',
    name: 'express router with request/response parameter names',
    code: `${EXEC}const router = express.Router();
router.post('/run', function (request, response) { exec(request.body.cmd); });`,
    expected: [`${CMD}:3`],
  },
  {
    label: 'HTTP request',
    name: 'req.method is not input (safe)',
    code: `${EXEC}app.get('/a', (req, res) => { exec('echo ' + req.method); });`,
    expected: [],
  },
  // Fastify, hapi, node:http
  {
    label: 'HTTP request',
    name: 'fastify request.query',
    code: `${EXEC}fastify.get('/a', async (request, reply) => { exec(request.query.cmd); });`,
    expected: [`${CMD}:2`],
  },
  {
    label: 'HTTP request',
    name: 'fastify FastifyRequest type',
    path: 'src/app.ts',
    code: `import type { FastifyRequest } from 'fastify';
import { exec } from 'node:child_process';
export async function run(r: FastifyRequest<{ Body: { cmd: string } }>) { exec(r.body.cmd); }`,
    expected: [`${CMD}:3`],
  },
  {
    label: 'HTTP request',
    name: 'hapi request.payload',
    code: `${EXEC}server.route({ method: 'POST', path: '/a', handler: (request, h) => { exec(request.payload.cmd); return h.response('ok'); } });`,
    expected: [`${CMD}:2`],
  },
  {
    label: 'HTTP request',
    name: 'http.createServer req.url',
    code: `${EXEC}const http = require('http');
http.createServer((req, res) => { exec('echo ' + req.url); res.end(); });`,
    expected: [`${CMD}:3`],
  },
  {
    label: 'HTTP request body',
    name: "http request 'data' event",
    code: `${EXEC}const http = require('http');
http.createServer((req, res) => {
  req.on('data', (chunk) => exec('echo ' + chunk));
});`,
    expected: [`${CMD}:4`],
  },
  // Next.js
  {
    label: 'HTTP request',
    name: 'Next.js pages API req.query',
    path: 'pages/api/run.js',
    code: `${EXEC}export default function handler(req, res) { exec(req.query.cmd); }`,
    expected: [`${CMD}:2`],
  },
  {
    label: 'HTTP request',
    name: 'Next.js NextApiRequest type',
    path: 'pages/api/run.ts',
    code: `import type { NextApiRequest, NextApiResponse } from 'next';
import { exec } from 'node:child_process';
export default function handler(q: NextApiRequest, s: NextApiResponse) { exec(String(q.query.cmd)); }`,
    expected: [`${CMD}:3`],
  },
  {
    label: 'HTTP request',
    name: 'Next.js route handler request.json()',
    path: 'app/api/run/route.ts',
    code: `import { exec } from 'node:child_process';
export async function POST(request: Request) {
  const body = await request.json();
  exec(body.cmd);
}`,
    expected: [`${CMD}:4`],
  },
  {
    label: 'Next.js route parameters',
    name: 'Next.js route handler params',
    path: 'app/files/[name]/route.ts',
    code: `import { readFile } from 'node:fs/promises';
export async function GET(request: Request, { params }: { params: { name: string } }) {
  return new Response(await readFile('/srv/files/' + params.name));
}`,
    expected: [`${PATH}:3`],
  },
  {
    label: 'Next.js route parameters',
    name: 'Next.js page searchParams prop',
    path: 'app/search/page.jsx',
    code: `export default function Page({ searchParams }) {
  return <div dangerouslySetInnerHTML={{ __html: searchParams.q }} />;
}`,
    expected: [`${XSS}:2`],
  },
  {
    label: 'Next.js route parameters',
    name: 'next/navigation useSearchParams',
    path: 'app/search/results.jsx',
    code: `'use client';
import { useSearchParams } from 'next/navigation';
export default function Results() {
  const params = useSearchParams();
  return <div dangerouslySetInnerHTML={{ __html: params.get('q') }} />;
}`,
    expected: [`${XSS}:5`],
  },
  {
    label: 'Next.js route parameters',
    name: 'next/router useRouter().query',
    path: 'src/components/Results.jsx',
    code: `import { useRouter } from 'next/router';
export default function Results() {
  const router = useRouter();
  return <div dangerouslySetInnerHTML={{ __html: router.query.q }} />;
}`,
    expected: [`${XSS}:4`],
  },
  // Koa
  {
    label: 'Koa context',
    name: 'koa ctx.query',
    code: `${EXEC}router.get('/a', async (ctx) => { exec(ctx.query.cmd); });`,
    expected: [`${CMD}:2`],
  },
  {
    label: 'Koa context',
    name: 'koa ctx.request.body',
    code: `${EXEC}router.post('/a', async (ctx) => { exec(ctx.request.body.cmd); });`,
    expected: [`${CMD}:2`],
  },
  {
    label: 'Koa context',
    name: 'koa ctx.params',
    code: `${EXEC}router.get('/a/:cmd', async (ctx) => { exec(ctx.params.cmd); });`,
    expected: [`${CMD}:2`],
  },
  {
    label: 'Koa context',
    name: 'koa Context type',
    path: 'src/app.ts',
    code: `import { exec } from 'node:child_process';
import type { Context } from 'koa';
export async function handler(c: Context) { exec(c.query.cmd); }`,
    expected: [`${CMD}:3`],
  },
  // NestJS
  {
    label: '@Body() parameter',
    name: 'NestJS @Body()',
    path: 'src/jobs.controller.ts',
    code: `import { Body, Controller, Post } from '@nestjs/common';
import { exec } from 'node:child_process';
@Controller('jobs')
export class JobsController {
  @Post()
  create(@Body() dto: { cmd: string }) {
    exec(dto.cmd);
  }
}`,
    expected: [`${CMD}:7`],
  },
  {
    label: '@Query() parameter',
    name: 'NestJS @Query()',
    path: 'src/jobs.controller.ts',
    code: `import { Controller, Get, Query } from '@nestjs/common';
import { exec } from 'node:child_process';
@Controller('jobs')
export class JobsController {
  @Get()
  list(@Query('filter') filter: string) {
    exec('grep ' + filter + ' /var/log/jobs.log');
  }
}`,
    expected: [`${CMD}:7`],
  },
  {
    label: '@Headers() parameter',
    name: 'NestJS @Headers()',
    path: 'src/jobs.controller.ts',
    code: `import { Controller, Get, Headers } from '@nestjs/common';
import { exec } from 'node:child_process';
@Controller('jobs')
export class JobsController {
  @Get()
  list(@Headers('x-cmd') cmd: string) {
    exec(cmd);
  }
}`,
    expected: [`${CMD}:7`],
  },
  {
    label: 'HTTP request',
    name: 'NestJS @Req()',
    path: 'src/jobs.controller.ts',
    code: `import { Controller, Get, Req } from '@nestjs/common';
import { exec } from 'node:child_process';
@Controller('jobs')
export class JobsController {
  @Get()
  list(@Req() r: any) {
    exec(r.query.cmd);
  }
}`,
    expected: [`${CMD}:7`],
  },
  {
    label: '@Query() parameter',
    name: 'NestJS @Query() typed number (safe)',
    path: 'src/jobs.controller.ts',
    code: `import { Controller, Get, Query } from '@nestjs/common';
@Controller('jobs')
export class JobsController {
  constructor(private readonly db: DataSource) {}
  @Get()
  list(@Query('page') page: number) {
    return this.db.query('SELECT * FROM jobs LIMIT 10 OFFSET ' + page);
  }
}`,
    expected: [],
  },
  // Server actions and forms
  {
    label: 'server action argument',
    name: "'use server' action",
    path: 'app/actions.ts',
    code: `'use server';
import { exec } from 'node:child_process';
export async function backup(name: string) {
  exec('tar czf /backups/' + name + '.tgz /data');
}`,
    expected: [`${CMD}:4`],
  },
  {
    label: 'form data',
    name: 'FormData.get',
    path: 'src/forms.ts',
    code: `import { exec } from 'node:child_process';
export function handle(formData: FormData) {
  exec('echo ' + formData.get('cmd'));
}`,
    expected: [`${CMD}:3`],
  },
  // Browser
  {
    label: 'URL of the page',
    name: 'location.hash',
    code: `eval(location.hash.slice(1));`,
    expected: [`${CODE}:1`],
  },
  {
    label: 'URL of the page',
    name: 'document.URL',
    code: `document.write(document.URL);`,
    expected: [`${XSS}:1`],
  },
  {
    label: 'URL of the page',
    name: 'document.referrer',
    code: `document.body.innerHTML = document.referrer;`,
    expected: [`${XSS}:1`],
  },
  { label: 'URL of the page', name: 'window.name', code: `eval(window.name);`, expected: [`${CODE}:1`] },
  {
    label: 'message from another window',
    name: "addEventListener('message')",
    code: `window.addEventListener('message', (event) => {
  document.getElementById('out').innerHTML = event.data.html;
});`,
    expected: [`${XSS}:2`],
  },
  {
    label: 'message from another window',
    name: 'MessageEvent type',
    path: 'src/app.ts',
    code: `function onMessage(e: MessageEvent) {
  document.getElementById('out')!.innerHTML = e.data;
}
window.addEventListener('message', onMessage);`,
    expected: [`${XSS}:2`],
  },
  {
    label: 'message from another window',
    name: 'other events are not messages (safe)',
    code: `window.addEventListener('resize', (event) => {
  document.getElementById('out').innerHTML = event.data;
});`,
    expected: [],
  },
  {
    label: 'route parameters',
    name: 'react-router useParams',
    path: 'src/User.jsx',
    code: `import { useParams } from 'react-router-dom';
export function User() {
  const { id } = useParams();
  return <div dangerouslySetInnerHTML={{ __html: id }} />;
}`,
    expected: [`${XSS}:4`],
  },
  {
    label: 'route parameters',
    name: 'vue-router useRoute',
    code: `import { useRoute } from 'vue-router';
const route = useRoute();
document.getElementById('title').innerHTML = route.params.name;`,
    expected: [`${XSS}:3`],
  },
  {
    label: 'route parameters',
    name: 'SvelteKit $page store',
    code: `import { page } from '$app/stores';
document.body.innerHTML = $page.url.searchParams.get('q');`,
    expected: [`${XSS}:2`],
  },
  // Archives
  {
    label: 'archive entry name',
    name: "yauzl on('entry')",
    code: `const fs = require('fs');
const yauzl = require('yauzl');
yauzl.open('upload.zip', (err, zipfile) => {
  zipfile.on('entry', (item) => {
    fs.writeFileSync('/srv/out/' + item.fileName, '');
  });
});`,
    expected: [`${PATH}:5`],
  },
  {
    label: 'archive entry name',
    name: 'tar list callback',
    code: `const fs = require('fs');
const tar = require('tar');
tar.list({ file: 'upload.tar' }, (item) => {
  fs.writeFileSync('/srv/out/' + item.path, '');
});`,
    expected: [`${PATH}:4`],
  },
  {
    label: 'archive entry name',
    name: 'adm-zip entries in a for-of loop',
    code: `const fs = require('fs');
const AdmZip = require('adm-zip');
const zip = new AdmZip('upload.zip');
for (const entry of zip.getEntries()) {
  fs.writeFileSync('/srv/out/' + entry.entryName, entry.getData());
}`,
    expected: [`${PATH}:5`],
  },
  // WebSockets
  {
    label: 'WebSocket message',
    name: "ws on('message')",
    code: `const { exec } = require('child_process');
const { WebSocketServer } = require('ws');
const wss = new WebSocketServer({ port: 8080 });
wss.on('connection', (ws) => {
  ws.on('message', (data) => {
    exec('echo ' + data);
  });
});`,
    expected: [`${CMD}:6`],
  },
  {
    label: 'WebSocket message',
    name: 'socket.io custom event',
    code: `const { exec } = require('child_process');
io.on('connection', (socket) => {
  socket.on('run', (payload) => {
    exec(payload.cmd);
  });
});`,
    expected: [`${CMD}:4`],
  },
  {
    label: 'WebSocket message',
    name: "socket.io 'disconnect' reason (safe)",
    code: `const { exec } = require('child_process');
io.on('connection', (socket) => {
  socket.on('disconnect', (reason) => {
    exec('logger ' + reason);
  });
});`,
    expected: [],
  },
];

describe('sources', () => {
  it.each(SOURCES)('$label: $name', ({ code, path, expected, label }) => {
    const file = path ?? DEFAULT_PATH;
    expect(lines(code, file)).toEqual(expected);
    if (expected.length > 0) {
      const [finding] = scan({ [file]: code }).findings;
      expect(finding!.message).toContain(`: ${label} (`);
    }
  });

  it('has a vulnerable case for every source group of sources.json', () => {
    for (const group of sourcesJson.sources) {
      expect(
        SOURCES.some((c) => c.label === group.label && c.expected.length > 0),
        group.label,
      ).toBe(true);
    }
  });
});

// ----------------------------------------------------------------------------------------- sanitisers

interface SanitizerCase {
  /** The qualified name (or method) of sanitizers.json the case exercises. */
  sanitizer: string;
  path?: string;
  /** The snippet; `INPUT` stands for the untrusted expression. */
  code: string;
  input: string;
  /** The untrusted expression wrapped in the sanitiser; `INPUT` stands for it. */
  wrapped: string;
  /** The finding without the sanitiser. */
  expected: string;
}

const fill = (code: string, input: string): string => code.split('INPUT').join(input);

const SANITIZERS: SanitizerCase[] = [
  {
    sanitizer: 'escape-html',
    code: `const escapeHtml = require('escape-html');
app.get('/hello', (req, res) => {
  res.send('<p>' + INPUT + '</p>');
});`,
    input: 'req.query.name',
    wrapped: 'escapeHtml(INPUT)',
    expected: `${XSS}:3`,
  },
  {
    sanitizer: 'he.encode',
    code: `const he = require('he');
app.get('/hello', (req, res) => {
  res.send(\`<p>\${INPUT}</p>\`);
});`,
    input: 'req.query.name',
    wrapped: 'he.encode(INPUT)',
    expected: `${XSS}:3`,
  },
  {
    sanitizer: 'DOMPurify.sanitize',
    code: `import DOMPurify from 'dompurify';
document.getElementById('comment').innerHTML = INPUT;`,
    input: 'location.hash.slice(1)',
    wrapped: 'DOMPurify.sanitize(INPUT)',
    expected: `${XSS}:2`,
  },
  {
    sanitizer: 'sanitize-html',
    code: `const sanitizeHtml = require('sanitize-html');
app.post('/bio', (req, res) => {
  res.send(INPUT);
});`,
    input: 'req.body.bio',
    wrapped: 'sanitizeHtml(INPUT)',
    expected: `${XSS}:3`,
  },
  {
    sanitizer: 'escapeHtml',
    code: `const utils = require('./utils');
app.get('/hello', (req, res) => {
  res.send('<p>' + INPUT + '</p>');
});`,
    input: 'req.query.name',
    wrapped: 'utils.escapeHtml(INPUT)',
    expected: `${XSS}:3`,
  },
  {
    sanitizer: 'encodeURIComponent',
    code: `const axios = require('axios');
app.get('/search', async (req, res) => {
  res.json((await axios.get(SEARCH_BASE + INPUT)).data);
});`,
    input: 'req.query.q',
    wrapped: 'encodeURIComponent(INPUT)',
    expected: `${SSRF}:3`,
  },
  {
    sanitizer: 'encodeURIComponent',
    code: `const { exec } = require('child_process');
app.get('/search', (req, res) => {
  exec('curl https://search.example.com/?q=' + INPUT);
});`,
    input: 'req.query.q',
    wrapped: 'encodeURIComponent(INPUT)',
    expected: `${CMD}:3`,
  },
  {
    sanitizer: 'path.basename',
    code: `const fs = require('fs');
const path = require('path');
app.get('/file', (req, res) => {
  fs.createReadStream(path.join('/srv/files', INPUT)).pipe(res);
});`,
    input: 'req.query.name',
    wrapped: 'path.basename(INPUT)',
    expected: `${PATH}:4`,
  },
  {
    sanitizer: 'sanitize-filename',
    code: `const fs = require('fs');
const sanitize = require('sanitize-filename');
app.get('/file', (req, res) => {
  fs.createReadStream('/srv/files/' + INPUT).pipe(res);
});`,
    input: 'req.query.name',
    wrapped: 'sanitize(INPUT)',
    expected: `${PATH}:4`,
  },
  {
    sanitizer: 'mysql.escape',
    code: `const mysql = require('mysql');
const connection = mysql.createConnection({ host: 'db' });
app.get('/orders', (req, res) => {
  connection.query('SELECT * FROM orders WHERE status = ' + INPUT, (err, rows) => res.json(rows));
});`,
    input: 'req.query.status',
    wrapped: 'mysql.escape(INPUT)',
    expected: `${SQL}:4`,
  },
  {
    sanitizer: 'sqlstring.escape',
    code: `const SqlString = require('sqlstring');
app.get('/orders', async (req, res) => {
  res.json(await db.query('SELECT * FROM orders WHERE status = ' + INPUT));
});`,
    input: 'req.query.status',
    wrapped: 'SqlString.escape(INPUT)',
    expected: `${SQL}:3`,
  },
  {
    sanitizer: 'escape',
    code: `const mysql = require('mysql2');
const pool = mysql.createPool({ host: 'db' });
app.get('/orders', (req, res) => {
  pool.query('SELECT * FROM orders WHERE status = ' + INPUT, (err, rows) => res.json(rows));
});`,
    input: 'req.query.status',
    wrapped: 'pool.escape(INPUT)',
    expected: `${SQL}:4`,
  },
  {
    sanitizer: 'shell-quote.quote',
    code: `const { quote } = require('shell-quote');
const { exec } = require('child_process');
app.get('/grep', (req, res) => {
  exec('grep ' + INPUT + ' /var/log/app.log');
});`,
    input: 'req.query.pattern',
    wrapped: 'quote([INPUT])',
    expected: `${CMD}:4`,
  },
  {
    sanitizer: 'lodash.escapeRegExp',
    code: `const _ = require('lodash');
app.get('/search', (req, res) => {
  const re = new RegExp(INPUT, 'i');
  res.json(items.filter((item) => re.test(item)));
});`,
    input: 'req.query.q',
    wrapped: '_.escapeRegExp(INPUT)',
    expected: `${REGEX}:3`,
  },
  {
    sanitizer: 'escape-string-regexp',
    code: `import escapeStringRegexp from 'escape-string-regexp';
app.get('/search', (req, res) => {
  const re = new RegExp(INPUT, 'i');
  res.json(items.filter((item) => re.test(item)));
});`,
    input: 'req.query.q',
    wrapped: 'escapeStringRegexp(INPUT)',
    expected: `${REGEX}:3`,
  },
  {
    sanitizer: 'Number',
    code: `app.get('/posts', async (req, res) => {
  res.json(await db.query('SELECT * FROM posts LIMIT ' + INPUT));
});`,
    input: 'req.query.limit',
    wrapped: 'Number(INPUT)',
    expected: `${SQL}:2`,
  },
  {
    sanitizer: 'parseInt',
    code: `const { exec } = require('child_process');
app.get('/kill', (req, res) => {
  exec('kill -9 ' + INPUT);
});`,
    input: 'req.query.pid',
    wrapped: 'parseInt(INPUT, 10)',
    expected: `${CMD}:3`,
  },
  {
    sanitizer: 'getTime',
    code: `app.get('/events', async (req, res) => {
  res.json(await db.query('SELECT * FROM events WHERE ts > ' + INPUT));
});`,
    input: 'req.query.since',
    wrapped: 'new Date(INPUT).getTime()',
    expected: `${SQL}:2`,
  },
  {
    sanitizer: 'String',
    code: `app.post('/login', async (req, res) => {
  res.json(await User.findOne({ email: INPUT }));
});`,
    input: 'req.body.email',
    wrapped: 'String(INPUT)',
    expected: `${NOSQL}:2`,
  },
  {
    sanitizer: 'safeParse',
    code: `import { z } from 'zod';
const Login = z.object({ email: z.string() });
app.post('/login', async (req, res) => {
  res.json(await User.findOne(INPUT));
});`,
    input: 'req.body',
    wrapped: 'Login.safeParse(INPUT).data',
    expected: `${NOSQL}:4`,
  },
  {
    sanitizer: 'toString',
    code: `app.post('/login', async (req, res) => {
  res.json(await User.findOne({ email: INPUT }));
});`,
    input: 'req.body.email',
    wrapped: 'INPUT.toString()',
    expected: `${NOSQL}:2`,
  },
];

/** A sanitiser for one family leaves the others reported. */
const OTHER_FAMILY: Case[] = [
  {
    name: 'path.basename does not escape HTML',
    code: `const path = require('path');
app.get('/file', (req, res) => {
  res.send('<p>' + path.basename(req.query.name) + '</p>');
});`,
    expected: [`${XSS}:3`],
  },
  {
    name: 'encodeURIComponent does not make SQL safe',
    code: `app.get('/search', async (req, res) => {
  res.json(await db.query("SELECT * FROM t WHERE q = '" + encodeURIComponent(req.query.q) + "'"));
});`,
    expected: [`${SQL}:2`],
  },
  {
    name: 'mysql.escape does not quote for a shell',
    code: `const mysql = require('mysql');
const { exec } = require('child_process');
app.get('/echo', (req, res) => {
  exec('echo ' + mysql.escape(req.query.text));
});`,
    expected: [`${CMD}:4`],
  },
  {
    name: 'String() does not make SQL safe',
    code: `app.get('/users', async (req, res) => {
  res.json(await db.query("SELECT * FROM users WHERE name = '" + String(req.query.name) + "'"));
});`,
    expected: [`${SQL}:2`],
  },
  {
    name: 'escape-html does not make a file path safe',
    code: `const fs = require('fs');
const escapeHtml = require('escape-html');
app.get('/file', (req, res) => {
  fs.createReadStream('/srv/files/' + escapeHtml(req.query.name)).pipe(res);
});`,
    expected: [`${PATH}:4`],
  },
];

describe('sanitisers', () => {
  it.each(SANITIZERS)('$sanitizer against $expected', ({ code, path, input, wrapped, expected }) => {
    const file = path ?? DEFAULT_PATH;
    expect(lines(fill(code, input), file)).toEqual([expected]);
    expect(lines(fill(code, fill(wrapped, input)), file)).toEqual([]);
  });

  it.each(OTHER_FAMILY)('$name', ({ code, expected }) => {
    expect(lines(code)).toEqual(expected);
  });

  it('has a case for every sanitiser group of sanitizers.json', () => {
    const used = new Set(SANITIZERS.map((c) => c.sanitizer));
    const groups: { callee?: string[]; method?: string[] }[] = sanitizersJson.sanitizers;
    groups.forEach((group, index) => {
      const names = [...(group.callee ?? []), ...(group.method ?? [])].flatMap(expandBraces);
      expect(
        names.some((name) => used.has(name)),
        `group ${index}: ${names.slice(0, 3).join(', ')}`,
      ).toBe(true);
    });
  });
});
