/**
 * Cases the engine once got wrong, one test each (found while writing the flow and model tests).
 */
import { describe, expect, it } from 'vitest';
import { hits, lines, scan } from '../support/taint.js';

describe('engine regressions', () => {
  it('keys from Object.keys(input) are input', () => {
    expect(
      lines(`app.post('/s', (req, res) => {
  for (const key of Object.keys(req.body.patch)) settings[req.body.section][key] = req.body.patch[key];
});`),
    ).toEqual(['sast/prototype-pollution:2']);
  });

  it('String.raw passes data through', () => {
    expect(
      lines(`app.get('/u', (req, res) => {
  db.query(String.raw\`SELECT * FROM t WHERE id = \${req.query.id}\`);
});`),
    ).toEqual(['sast/sql-injection:2']);
  });

  it('util.promisify(exec) is still exec', () => {
    expect(
      lines(`import { exec } from 'node:child_process';
import { promisify } from 'node:util';
const run = promisify(exec);
app.get('/du', async (req, res) => {
  await run('du -sh ' + req.query.dir);
});`),
    ).toEqual(['sast/command-injection:5']);
  });

  it('$where at the end of a model query chain', () => {
    expect(
      lines(`app.get('/o', (req, res) => {
  Order.find().$where('this.total > ' + req.query.min);
});`),
    ).toEqual(['sast/nosql-injection:2']);
  });

  it('per-method lodash imports', () => {
    expect(
      lines(`import merge from 'lodash/merge';
app.post('/p', (req, res) => {
  merge(prefs, req.body);
});`),
    ).toEqual(['sast/prototype-pollution:3']);
  });

  it('js-yaml with the full schema', () => {
    expect(
      lines(`const yaml = require('js-yaml');
app.post('/y', (req, res) => {
  yaml.load(req.body.doc, { schema: yaml.DEFAULT_FULL_SCHEMA });
});`),
    ).toEqual(['sast/unsafe-deserialization:3']);
  });

  it('JSON.parse makes a string an object again', () => {
    expect(
      lines(`app.get('/o', async (req, res) => {
  res.json(await Order.find(JSON.parse(req.query.filter.trim())));
});`),
    ).toEqual(['sast/nosql-injection:2']);
  });

  it('startsWith("/") alone does not make a redirect relative; with !startsWith("//") it does', () => {
    const redirect = (check: string) =>
      lines(`app.get('/r', (req, res) => {
  const to = String(req.query.to);
  if (${check}) return res.redirect('/');
  res.redirect(to);
});`);
    expect(redirect("!to.startsWith('/')")).toEqual(['sast/open-redirect:4']);
    expect(redirect("!to.startsWith('/') || to.startsWith('//')")).toEqual([]);
  });

  it('a literal path prefix is not a containment check', () => {
    expect(
      lines(`const fs = require('fs');
app.get('/f', (req, res) => {
  const name = String(req.query.name);
  if (!name.startsWith('reports/')) return res.sendStatus(400);
  res.send(fs.readFileSync('/srv/' + name));
});`),
    ).toEqual(['sast/path-traversal:5']);
  });

  it('tar-stream entry headers and adm-zip entries are archive names', () => {
    expect(
      lines(`const fs = require('fs');
extract.on('entry', (header, stream, next) => {
  stream.pipe(fs.createWriteStream('/srv/out/' + header.name));
});`),
    ).toEqual(['sast/path-traversal:3']);
    expect(
      lines(`const fs = require('fs');
const AdmZip = require('adm-zip');
new AdmZip(file).getEntries().forEach((item) => fs.writeFileSync('/srv/out/' + item.entryName, item.getData()));`),
    ).toEqual(['sast/path-traversal:3']);
  });

  it('Express route handlers get request and response whatever their parameter names', () => {
    expect(
      lines(`const express = require('express');
const { exec } = require('child_process');
const app = express();
app.get('/a', (incoming, out) => exec(incoming.query.cmd));`),
    ).toEqual(['sast/command-injection:4']);
  });

  it('WebSocket connection callbacks hand out sockets whose messages are input', () => {
    expect(
      lines(`const { exec } = require('child_process');
wss.on('connection', (client) => {
  client.on('message', (msg) => exec('say ' + msg));
});`),
    ).toEqual(['sast/command-injection:3']);
  });

  it('a constant relative URL on the request origin is not an open redirect', () => {
    expect(
      lines(`import { NextResponse } from 'next/server';
export function middleware(request) {
  return NextResponse.redirect(new URL('/login', request.url));
}`),
    ).toEqual([]);
  });

  it('file contents are not the request that named the file', () => {
    expect(
      lines(`const fs = require('fs');
app.get('/f', (req, res) => {
  res.send(fs.readFileSync('/srv/files/' + req.query.name));
});`),
    ).toEqual(['sast/path-traversal:3']);
  });

  it('a destructured parameter keeps the fields of the caller apart', () => {
    const code = (call: string) => `const { exec } = require('child_process');
function ping({ host }) {
  exec('ping ' + host);
}
app.post('/p', (req, res) => {
  ${call};
});`;
    expect(lines(code("ping({ host: 'localhost', note: req.body.note })"))).toEqual([]);
    expect(lines(code('ping({ host: req.body.host })'))).toEqual(['sast/command-injection:3']);
    expect(lines(code('ping(req.body)'))).toEqual(['sast/command-injection:3']);
  });

  it('a file skipped for time has no findings', () => {
    const body = Array.from(
      { length: 3000 },
      (_, i) => `export function f${i}(req, res) { require('child_process').exec(req.query.c${i}); }`,
    ).join('\n');
    const analysis = scan({ 'src/big.js': body }, { timeoutMs: 1 });
    expect(analysis.notes.map((n) => n.code)).toContain('skipped-timeout');
    expect(analysis.findings.length).toBeLessThan(3000);
  });

  it('NestJS services injected through constructor parameters', () => {
    expect(
      hits({
        'src/audit.service.ts': `import { Injectable } from '@nestjs/common';
@Injectable()
export class AuditService {
  constructor(private readonly sequelize: Sequelize) {}
  byActor(actor: string) {
    return this.sequelize.query(\`SELECT * FROM audit WHERE actor = '\${actor}'\`);
  }
}`,
        'src/audit.controller.ts': `import { Controller, Get, Param } from '@nestjs/common';
import { AuditService } from './audit.service';
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}
  @Get(':actor')
  find(@Param('actor') actor: string) {
    return this.audit.byActor(actor);
  }
}`,
      }),
    ).toEqual(['sast/sql-injection src/audit.service.ts:6']);
  });
});
