/**
 * The taint engine's flow features, one small case each: a vulnerable snippet with the rule and 1-based
 * line of the sink, and (where it makes sense) a near-identical safe variant with no finding.
 */
import { describe, expect, it } from 'vitest';
import { hits, lines, scan } from '../support/taint.js';

const CP = "const { exec } = require('child_process');\n";

describe('intra-procedural flow', () => {
  it('follows data straight from a source to a sink', () => {
    expect(
      lines(`${CP}app.get('/run', (req, res) => {
  exec(req.query.cmd);
});`),
    ).toEqual(['sast/command-injection:3']);
    expect(
      lines(`${CP}app.get('/run', (req, res) => {
  exec('uptime');
});`),
    ).toEqual([]);
  });

  it('follows a variable through reassignment, and forgets it when overwritten with a constant', () => {
    expect(
      lines(`${CP}app.get('/ls', (req, res) => {
  let dir = '/tmp';
  dir = req.query.dir;
  exec('ls ' + dir);
});`),
    ).toEqual(['sast/command-injection:5']);
    expect(
      lines(`${CP}app.get('/ls', (req, res) => {
  let dir = req.query.dir;
  dir = '/tmp';
  exec('ls ' + dir);
});`),
    ).toEqual([]);
  });

  it('applies a strong update when a variable is reassigned through a sanitiser', () => {
    expect(
      lines(`app.get('/order', async (req, res) => {
  let id = req.query.id;
  const rows = await db.query('SELECT * FROM orders WHERE id = ' + id);
  res.json(rows);
});`),
    ).toEqual(['sast/sql-injection:3']);
    expect(
      lines(`app.get('/order', async (req, res) => {
  let id = req.query.id;
  id = parseInt(id, 10);
  const rows = await db.query('SELECT * FROM orders WHERE id = ' + id);
  res.json(rows);
});`),
    ).toEqual([]);
  });

  it('joins the branches of an if: a value assigned in one branch may reach the sink', () => {
    expect(
      lines(`${CP}app.post('/ping', (req, res) => {
  let host = 'localhost';
  if (req.body.remote) host = req.body.host;
  exec('ping -c 1 ' + host);
});`),
    ).toEqual(['sast/command-injection:5']);
  });

  it('propagates through template literals', () => {
    expect(
      lines(`app.get('/user', async (req, res) => {
  const sql = \`SELECT * FROM users WHERE name = '\${req.query.name}'\`;
  res.json(await pool.query(sql));
});`),
    ).toEqual(['sast/sql-injection:3']);
    expect(
      lines(`app.get('/user', async (req, res) => {
  const sql = \`SELECT * FROM users WHERE name = $1\`;
  res.json(await pool.query(sql, [req.query.name]));
});`),
    ).toEqual([]);
  });

  it('propagates through string concatenation', () => {
    expect(
      lines(`const fs = require('fs');
app.get('/doc', (req, res) => {
  const file = '/srv/docs/' + req.query.name + '.md';
  res.json({ text: fs.readFileSync(file, 'utf8') });
});`),
    ).toEqual(['sast/path-traversal:4']);
    expect(
      lines(`const fs = require('fs');
app.get('/doc', (req, res) => {
  const file = '/srv/docs/' + 'index' + '.md';
  res.json({ text: fs.readFileSync(file, 'utf8') });
});`),
    ).toEqual([]);
  });

  it('propagates through string methods (trim, toLowerCase, split, join)', () => {
    expect(
      lines(`const { execSync } = require('child_process');
app.get('/touch', (req, res) => {
  const names = req.query.files.trim().toLowerCase().split(',');
  execSync('touch ' + names.join(' '));
});`),
    ).toEqual(['sast/command-injection:4']);
    expect(
      lines(`const { execSync } = require('child_process');
app.get('/touch', (req, res) => {
  const names = 'a.txt,b.txt'.trim().toLowerCase().split(',');
  execSync('touch ' + names.join(' '));
});`),
    ).toEqual([]);
  });
});

describe('destructuring and objects', () => {
  it('reads a field through object destructuring', () => {
    expect(
      lines(`${CP}app.post('/ping', (req, res) => {
  const { host } = req.body;
  exec('ping -c 1 ' + host);
});`),
    ).toEqual(['sast/command-injection:4']);
    expect(
      lines(`${CP}app.post('/ping', (req, res) => {
  const { host } = { host: 'localhost', requested: req.body.host };
  exec('ping -c 1 ' + host);
});`),
    ).toEqual([]);
  });

  it('reads a field through nested destructuring', () => {
    expect(
      lines(`${CP}app.post('/ping', (req, res) => {
  const { target: { host } } = req.body;
  exec('ping -c 1 ' + host);
});`),
    ).toEqual(['sast/command-injection:4']);
    expect(
      lines(`${CP}app.post('/ping', (req, res) => {
  const settings = { target: { host: 'localhost' }, requested: req.body.host };
  const { target: { host } } = settings;
  exec('ping -c 1 ' + host);
});`),
    ).toEqual([]);
  });

  it('keeps the taint of the remaining fields in a rest element', () => {
    expect(
      lines(`${CP}app.post('/ping', (req, res) => {
  const { id, ...options } = req.body;
  exec('ping -c 1 ' + options.host);
});`),
    ).toEqual(['sast/command-injection:4']);
  });

  it('joins a default value with the destructured field', () => {
    expect(
      lines(`${CP}app.get('/ping', (req, res) => {
  const { host = 'localhost' } = req.query;
  exec('ping -c 1 ' + host);
});`),
    ).toEqual(['sast/command-injection:4']);
    expect(
      lines(`${CP}app.get('/ping', (req, res) => {
  const { host = 'localhost' } = {};
  exec('ping -c 1 ' + host);
});`),
    ).toEqual([]);
  });

  it('reads elements through array destructuring', () => {
    expect(
      lines(`${CP}app.post('/ping', (req, res) => {
  const [primary, fallback] = req.body.hosts;
  exec('ping -c 1 ' + fallback);
});`),
    ).toEqual(['sast/command-injection:4']);
    expect(
      lines(`${CP}app.post('/ping', (req, res) => {
  const [primary, fallback] = ['10.0.0.1', '10.0.0.2'];
  exec('ping -c 1 ' + fallback);
});`),
    ).toEqual([]);
  });

  it('reads a field of an object literal built by spreading tainted data', () => {
    expect(
      lines(`${CP}app.post('/ping', (req, res) => {
  const options = { ...req.body, count: 1 };
  exec('ping -c 1 ' + options.host);
});`),
    ).toEqual(['sast/command-injection:4']);
    expect(
      lines(`${CP}app.post('/ping', (req, res) => {
  const options = { ...req.body, host: 'localhost' };
  exec('ping -c 1 ' + options.host);
});`),
    ).toEqual([]);
  });
});

describe('arrays, closures and callbacks', () => {
  it('follows data pushed into an array and joined', () => {
    expect(
      lines(`${CP}app.post('/ping', (req, res) => {
  const args = ['ping', '-c', '1'];
  args.push(req.body.host);
  exec(args.join(' '));
});`),
    ).toEqual(['sast/command-injection:5']);
    expect(
      lines(`${CP}app.post('/ping', (req, res) => {
  const args = ['ping', '-c', '1'];
  args.push('localhost');
  exec(args.join(' '));
});`),
    ).toEqual([]);
  });

  it('takes the result of .map from what the callback returns', () => {
    expect(
      lines(`${CP}app.post('/touch', (req, res) => {
  const names = req.body.names.map((name) => name.trim());
  exec('touch ' + names.join(' '));
});`),
    ).toEqual(['sast/command-injection:4']);
    expect(
      lines(`${CP}app.post('/touch', (req, res) => {
  const ids = req.body.names.map((name) => parseInt(name, 10));
  exec('touch ' + ids.join(' '));
});`),
    ).toEqual([]);
  });

  it('lets a closure read a tainted variable of the enclosing function', () => {
    expect(
      lines(`${CP}app.post('/ping', (req, res) => {
  const host = req.body.host;
  const run = () => exec('ping -c 1 ' + host);
  run();
});`),
    ).toEqual(['sast/command-injection:4']);
    expect(
      lines(`${CP}app.post('/ping', (req, res) => {
  const host = 'localhost';
  const run = () => exec('ping -c 1 ' + host);
  run();
});`),
    ).toEqual([]);
  });

  it('passes the value of a promise to a .then callback', () => {
    expect(
      lines(`${CP}app.post('/ping', (req, res) => {
  Promise.resolve(req.body.host).then((host) => {
    exec('ping -c 1 ' + host);
  });
});`),
    ).toEqual(['sast/command-injection:4']);
    expect(
      lines(`${CP}app.post('/ping', (req, res) => {
  Promise.resolve('localhost').then((host) => {
    exec('ping -c 1 ' + host);
  });
});`),
    ).toEqual([]);
  });

  it('passes array elements to a .forEach callback', () => {
    expect(
      lines(`${CP}app.post('/ping', (req, res) => {
  req.body.hosts.forEach((host) => {
    exec('ping -c 1 ' + host);
  });
});`),
    ).toEqual(['sast/command-injection:4']);
    expect(
      lines(`${CP}app.post('/ping', (req, res) => {
  ['10.0.0.1', '10.0.0.2'].forEach((host) => {
    exec('ping -c 1 ' + host);
  });
});`),
    ).toEqual([]);
  });

  it('passes array elements to a .map callback holding the sink', () => {
    expect(
      lines(`${CP}app.post('/ping', (req, res) => {
  req.body.hosts.map((host) => exec('ping -c 1 ' + host));
});`),
    ).toEqual(['sast/command-injection:3']);
    expect(
      lines(`${CP}app.post('/ping', (req, res) => {
  req.body.hosts.map((host) => exec('ping -c 1 ' + Number(host)));
});`),
    ).toEqual([]);
  });

  it('follows data through async functions and await', () => {
    expect(
      lines(`${CP}async function lookupHost(req) {
  return req.body.host;
}
app.post('/ping', async (req, res) => {
  const host = await lookupHost(req);
  exec('ping -c 1 ' + host);
});`),
    ).toEqual(['sast/command-injection:7']);
    expect(
      lines(`${CP}async function lookupHost(req) {
  return 'localhost';
}
app.post('/ping', async (req, res) => {
  const host = await lookupHost(req);
  exec('ping -c 1 ' + host);
});`),
    ).toEqual([]);
  });

  it('follows a value resolved by a new Promise', () => {
    expect(
      lines(`${CP}app.post('/ping', async (req, res) => {
  const host = await new Promise((resolve) => resolve(req.body.host));
  exec('ping -c 1 ' + host);
});`),
    ).toEqual(['sast/command-injection:4']);
    expect(
      lines(`${CP}app.post('/ping', async (req, res) => {
  const host = await new Promise((resolve) => resolve('localhost'));
  exec('ping -c 1 ' + host);
});`),
    ).toEqual([]);
  });
});

describe('classes', () => {
  it('reads a field set in the constructor from a method', () => {
    expect(
      lines(`${CP}class Pinger {
  constructor(host) {
    this.host = host;
  }
  run() {
    exec('ping -c 1 ' + this.host);
  }
}
app.post('/ping', (req, res) => {
  new Pinger(req.body.host).run();
});`),
    ).toEqual(['sast/command-injection:7']);
    expect(
      lines(`${CP}class Pinger {
  constructor(host) {
    this.host = 'localhost';
    this.requested = host;
  }
  run() {
    exec('ping -c 1 ' + this.host);
  }
}
app.post('/ping', (req, res) => {
  new Pinger(req.body.host).run();
});`),
    ).toEqual([]);
  });

  it('reads a TypeScript parameter property from a method', () => {
    const code = (arg: string): string => `import { exec } from 'node:child_process';
class Pinger {
  constructor(private readonly host: string) {}
  run(): void {
    exec('ping -c 1 ' + this.host);
  }
}
export function handle(req: Request): void {
  new Pinger(${arg}).run();
}`;
    expect(lines(code('req.body.host'), 'src/pinger.ts')).toEqual(['sast/command-injection:5']);
    expect(lines(code("'localhost'"), 'src/pinger.ts')).toEqual([]);
  });

  it('applies the summary of a static method', () => {
    expect(
      lines(`${CP}class Net {
  static ping(host) {
    exec('ping -c 1 ' + host);
  }
}
app.post('/ping', (req, res) => {
  Net.ping(req.body.host);
});`),
    ).toEqual(['sast/command-injection:4']);
    expect(
      lines(`${CP}class Net {
  static ping(host) {
    exec('ping -c 1 ' + host);
  }
}
app.post('/ping', (req, res) => {
  Net.ping('localhost');
});`),
    ).toEqual([]);
  });
});

describe('inter-procedural flow', () => {
  it('binds a destructured parameter of a helper', () => {
    const code = (arg: string): string => `${CP}function ping({ host }) {
  exec('ping -c 1 ' + host);
}
app.post('/ping', (req, res) => {
  ping(${arg});
});`;
    expect(lines(code('req.body'))).toEqual(['sast/command-injection:3']);
    expect(lines(code("{ host: 'localhost', count: 1 }"))).toEqual([]);
  });

  it('reports a sink inside a helper called with tainted data', () => {
    expect(
      lines(`${CP}function ping(host) {
  exec('ping -c 1 ' + host);
}
app.post('/ping', (req, res) => {
  ping(req.body.host);
});`),
    ).toEqual(['sast/command-injection:3']);
    expect(
      lines(`${CP}function ping(host) {
  exec('ping -c 1 ' + host);
}
app.post('/ping', (req, res) => {
  ping('localhost');
});`),
    ).toEqual([]);
  });

  it('follows tainted data returned by a helper', () => {
    expect(
      lines(`${CP}function hostOf(req) {
  return req.body.host;
}
app.post('/ping', (req, res) => {
  exec('ping -c 1 ' + hostOf(req));
});`),
    ).toEqual(['sast/command-injection:6']);
    expect(
      lines(`${CP}function hostOf(req) {
  return parseInt(req.body.host, 10);
}
app.post('/ping', (req, res) => {
  exec('ping -c 1 ' + hostOf(req));
});`),
    ).toEqual([]);
  });

  it('follows a two-level call chain to the sink', () => {
    expect(
      lines(`${CP}function run(command) {
  exec(command);
}
function ping(host) {
  run('ping -c 1 ' + host);
}
app.post('/ping', (req, res) => {
  ping(req.body.host);
});`),
    ).toEqual(['sast/command-injection:3']);
    expect(
      lines(`${CP}function run(command) {
  exec(command);
}
function ping(host) {
  run('ping -c 1 ' + parseInt(host, 10));
}
app.post('/ping', (req, res) => {
  ping(req.body.host);
});`),
    ).toEqual([]);
  });

  it('terminates on self and mutual recursion and still reports', () => {
    expect(
      lines(`${CP}function retry(command, attempts) {
  if (attempts === 0) return;
  exec(command);
  retry(command, attempts - 1);
}
function even(n, v) { return n === 0 ? v : odd(n - 1, v); }
function odd(n, v) { return n === 0 ? v : even(n - 1, v); }
app.post('/run', (req, res) => {
  retry(req.body.command, 3);
  exec('echo ' + even(4, req.body.message));
});`),
    ).toEqual(['sast/command-injection:4', 'sast/command-injection:11']);
  });
});

describe('cross-file flow', () => {
  const net = `import { exec } from 'node:child_process';
export function ping(host) {
  exec('ping -c 1 ' + host);
}
`;

  it('follows an ESM named import', () => {
    expect(
      hits({
        'src/net.js': net,
        'src/app.js': `import { ping } from './net.js';
app.post('/ping', (req, res) => {
  ping(req.body.host);
});`,
      }),
    ).toEqual(['sast/command-injection src/net.js:3']);
    expect(
      hits({
        'src/net.js': net,
        'src/app.js': `import { ping } from './net.js';
app.post('/ping', (req, res) => {
  ping('localhost');
});`,
      }),
    ).toEqual([]);
  });

  it('follows a default import', () => {
    expect(
      hits({
        'src/net.js': `import { exec } from 'node:child_process';
const ping = (host) => {
  exec('ping -c 1 ' + host);
};
export default ping;
`,
        'src/app.js': `import ping from './net.js';
app.post('/ping', (req, res) => {
  ping(req.body.host);
});`,
      }),
    ).toEqual(['sast/command-injection src/net.js:3']);
  });

  it('follows `export * from` and `export { x as y } from` re-exports', () => {
    const app = (name: string): string => `import { ${name} } from './lib/index.js';
app.post('/ping', (req, res) => {
  ${name}(req.body.host);
});`;
    expect(
      hits({
        'src/lib/net.js': net,
        'src/lib/index.js': "export * from './net.js';\n",
        'src/app.js': app('ping'),
      }),
    ).toEqual(['sast/command-injection src/lib/net.js:3']);
    expect(
      hits({
        'src/lib/net.js': net,
        'src/lib/index.js': "export { ping as checkHost } from './net.js';\n",
        'src/app.js': app('checkHost'),
      }),
    ).toEqual(['sast/command-injection src/lib/net.js:3']);
  });

  it('follows CommonJS require and module.exports', () => {
    expect(
      hits({
        'src/net.js': `const { exec } = require('child_process');
function ping(host) {
  exec('ping -c 1 ' + host);
}
module.exports = { ping };
`,
        'src/app.js': `const { ping } = require('./net');
app.post('/ping', (req, res) => {
  ping(req.body.host);
});`,
      }),
    ).toEqual(['sast/command-injection src/net.js:3']);
    expect(
      hits({
        'src/net.js': `const { exec } = require('child_process');
module.exports = function ping(host) {
  exec('ping -c 1 ' + host);
};
`,
        'src/app.js': `const ping = require('./net');
app.post('/ping', (req, res) => {
  ping(req.body.host);
});`,
      }),
    ).toEqual(['sast/command-injection src/net.js:3']);
  });

  it('follows a namespace import and a dynamic import()', () => {
    expect(
      hits({
        'src/net.js': net,
        'src/app.js': `import * as net from './net.js';
app.post('/ping', (req, res) => {
  net.ping(req.body.host);
});`,
      }),
    ).toEqual(['sast/command-injection src/net.js:3']);
    expect(
      hits({
        'src/net.js': net,
        'src/app.js': `app.post('/ping', async (req, res) => {
  const { ping } = await import('./net.js');
  ping(req.body.host);
});`,
      }),
    ).toEqual(['sast/command-injection src/net.js:3']);
  });

  it('follows tainted data returned by a function of another file', () => {
    const app = (helper: string): string => `import { exec } from 'node:child_process';
import { ${helper} } from './input.js';
app.post('/ping', (req, res) => {
  exec('ping -c 1 ' + ${helper}(req));
});`;
    const input = `export function hostOf(req) {
  return req.body.host;
}
export function portOf(req) {
  return Number(req.body.port);
}
`;
    expect(hits({ 'src/input.js': input, 'src/app.js': app('hostOf') })).toEqual([
      'sast/command-injection src/app.js:4',
    ]);
    expect(hits({ 'src/input.js': input, 'src/app.js': app('portOf') })).toEqual([]);
  });

  it('follows a class of another file through its constructor', () => {
    expect(
      hits({
        'src/pinger.js': `import { exec } from 'node:child_process';
export default class Pinger {
  constructor(host) {
    this.host = host;
  }
  run() {
    exec('ping -c 1 ' + this.host);
  }
}
`,
        'src/app.js': `import Pinger from './pinger.js';
app.post('/ping', (req, res) => {
  new Pinger(req.body.host).run();
});`,
      }),
    ).toEqual(['sast/command-injection src/pinger.js:7']);
  });

  it('follows CommonJS `exports.x =`', () => {
    expect(
      hits({
        'src/net.js': `const { exec } = require('child_process');
exports.ping = (host) => {
  exec('ping -c 1 ' + host);
};
`,
        'src/app.js': `const net = require('./net');
app.post('/ping', (req, res) => {
  net.ping(req.body.host);
});`,
      }),
    ).toEqual(['sast/command-injection src/net.js:3']);
  });

  const tsNet = `import { exec } from 'node:child_process';
export function ping(host: string): void {
  exec('ping -c 1 ' + host);
}
`;

  it('maps a TypeScript import of `./util.js` to `./util.ts`', () => {
    expect(
      hits({
        'src/util.ts': tsNet,
        'src/app.ts': `import { ping } from './util.js';
app.post('/ping', (req, res) => {
  ping(req.body.host);
});`,
      }),
    ).toEqual(['sast/command-injection src/util.ts:3']);
  });

  it('resolves a directory import to its index file', () => {
    expect(
      hits({
        'src/net/index.ts': tsNet,
        'src/app.ts': `import { ping } from './net';
app.post('/ping', (req, res) => {
  ping(req.body.host);
});`,
      }),
    ).toEqual(['sast/command-injection src/net/index.ts:3']);
  });

  it('resolves a tsconfig `paths` alias only when the tsconfig is given', () => {
    const files = {
      'src/lib/net.ts': tsNet,
      'src/app.ts': `import { ping } from '@lib/net';
app.post('/ping', (req, res) => {
  ping(req.body.host);
});`,
    };
    const tsconfig = `{
  // JSONC: comments and trailing commas
  "compilerOptions": { "baseUrl": ".", "paths": { "@lib/*": ["src/lib/*"] } },
}`;
    expect(hits(files, { configs: { 'tsconfig.json': tsconfig } })).toEqual([
      'sast/command-injection src/lib/net.ts:3',
    ]);
    expect(hits(files)).toEqual([]);
  });

  it('resolves a workspace package by its package.json name', () => {
    const files = {
      'packages/net/src/index.ts': tsNet,
      'packages/api/src/app.ts': `import { ping } from '@acme/net';
app.post('/ping', (req, res) => {
  ping(req.body.host);
});`,
    };
    const manifest = JSON.stringify({ name: '@acme/net', main: 'dist/index.js' });
    expect(hits(files, { configs: { 'packages/net/package.json': manifest } })).toEqual([
      'sast/command-injection packages/net/src/index.ts:3',
    ]);
    expect(hits(files)).toEqual([]);
  });
});

describe('guards', () => {
  it('trusts a value after `if (!ALLOWED.has(x)) return`', () => {
    const code = (check: string): string => `${CP}const ALLOWED = new Set(['a.example', 'b.example']);
app.post('/ping', (req, res) => {
  const host = req.body.host;
  ${check}
  exec('ping -c 1 ' + host);
});`;
    expect(lines(code('if (!ALLOWED.has(host)) return res.status(400).end();'))).toEqual([]);
    // A check that does not leave the function proves nothing.
    expect(lines(code("if (!ALLOWED.has(host)) console.warn('unknown host');"))).toEqual([
      'sast/command-injection:6',
    ]);
  });

  it('trusts a value after a check that throws, and after `indexOf(x) === -1` returns', () => {
    const code = (check: string): string => `${CP}const ALLOWED = ['a.example', 'b.example'];
app.post('/ping', (req, res) => {
  const host = req.body.host;
  ${check}
  exec('ping -c 1 ' + host);
});`;
    expect(lines(code("if (!ALLOWED.includes(host)) throw new Error('unknown host');"))).toEqual([]);
    expect(lines(code('if (ALLOWED.indexOf(host) === -1) return res.sendStatus(400);'))).toEqual([]);
    expect(lines(code('if (ALLOWED.indexOf(host) === -1) res.status(400);'))).toEqual([
      'sast/command-injection:6',
    ]);
  });

  it('trusts a value inside `if (ALLOWED.includes(x)) { sink }` but not in the else branch', () => {
    expect(
      lines(`${CP}const ALLOWED = ['a.example', 'b.example'];
app.post('/ping', (req, res) => {
  const host = req.body.host;
  if (ALLOWED.includes(host)) {
    exec('ping -c 1 ' + host);
  }
});`),
    ).toEqual([]);
    expect(
      lines(`${CP}const ALLOWED = ['a.example', 'b.example'];
app.post('/ping', (req, res) => {
  const host = req.body.host;
  if (ALLOWED.includes(host)) {
    res.send('ok');
  } else {
    exec('ping -c 1 ' + host);
  }
});`),
    ).toEqual(['sast/command-injection:8']);
  });

  it('trusts a value checked by an anchored regular expression only', () => {
    const code = (pattern: string): string => `${CP}app.post('/ping', (req, res) => {
  const host = req.body.host;
  if (!${pattern}.test(host)) return res.sendStatus(400);
  exec('ping -c 1 ' + host);
});`;
    expect(lines(code('/^[a-z0-9.-]+$/'))).toEqual([]);
    expect(lines(code('/[a-z0-9.-]+/'))).toEqual(['sast/command-injection:5']);
  });

  it('trusts the discriminant inside `case` branches with literal tests, not in `default`', () => {
    expect(
      lines(`${CP}app.post('/build', (req, res) => {
  const mode = req.body.mode;
  switch (mode) {
    case 'debug':
    case 'release':
      exec('make ' + mode);
      break;
  }
});`),
    ).toEqual([]);
    expect(
      lines(`${CP}app.post('/build', (req, res) => {
  const mode = req.body.mode;
  switch (mode) {
    case 'debug':
      break;
    default:
      exec('make ' + mode);
  }
});`),
    ).toEqual(['sast/command-injection:8']);
  });

  it("trusts `typeof x === 'number'` but not `typeof x === 'string'` for SQL", () => {
    const code = (type: string): string => `app.get('/page', async (req, res) => {
  const offset = req.query.offset;
  if (typeof offset === '${type}') {
    res.json(await db.query('SELECT * FROM posts LIMIT 20 OFFSET ' + offset));
  }
});`;
    expect(lines(code('number'))).toEqual([]);
    expect(lines(code('string'))).toEqual(['sast/sql-injection:4']);
  });

  it('trusts a resolved path after a startsWith check against the base folder', () => {
    const code = (check: string): string => `const fs = require('fs');
const path = require('path');
const ROOT = '/srv/files';
app.get('/file', (req, res) => {
  const full = path.resolve(ROOT, req.query.name);
  ${check}
  fs.createReadStream(full).pipe(res);
});`;
    expect(lines(code('if (!full.startsWith(ROOT + path.sep)) return res.sendStatus(403);'))).toEqual([]);
    expect(lines(code('// no check'))).toEqual(['sast/path-traversal:7']);
  });

  it("trusts a key after `if (key === '__proto__') continue`", () => {
    const code = (check: string): string => `function assign(target, source) {
  for (const key in source) {
    ${check}
    target[source.section][key] = source[key];
  }
}
app.post('/settings', (req, res) => {
  assign(settings, req.body);
});`;
    expect(lines(code("if (key === '__proto__' || key === 'constructor') continue;"))).toEqual([]);
    expect(lines(code('// no check'))).toEqual(['sast/prototype-pollution:4']);
  });
});

describe('URLs', () => {
  it('does not report SSRF when input follows a fixed scheme, host and path', () => {
    expect(
      lines(`const axios = require('axios');
app.get('/user', async (req, res) => {
  const r = await axios.get(\`https://api.example.com/users/\${req.query.id}\`);
  res.json(r.data);
});`),
    ).toEqual([]);
    expect(
      lines(`const axios = require('axios');
app.get('/user', async (req, res) => {
  const r = await axios.get('https://api.example.com/users/' + req.query.id);
  res.json(r.data);
});`),
    ).toEqual([]);
  });

  it('trusts a URL whose hostname was checked against an allowlist', () => {
    const code = (checked: string): string => `const axios = require('axios');
const HOSTS = new Set(['api.example.com']);
app.get('/fetch', async (req, res) => {
  const raw = req.query.url;
  if (!HOSTS.has(${checked})) return res.sendStatus(400);
  res.json((await axios.get(raw)).data);
});`;
    expect(lines(code('new URL(raw).hostname'))).toEqual([]);
    expect(lines(code('req.query.tenant'))).toEqual(['sast/ssrf:6']);
  });

  it('reports SSRF when input follows an unknown base or chooses the host', () => {
    expect(
      lines(`const axios = require('axios');
app.get('/proxy', async (req, res) => {
  const base = config.apiBase;
  const r = await axios.get(\`\${base}\${req.query.path}\`);
  res.json(r.data);
});`),
    ).toEqual(['sast/ssrf:4']);
    expect(
      lines(`const axios = require('axios');
app.get('/status', async (req, res) => {
  const r = await axios.get(\`https://\${req.query.host}/status\`);
  res.json(r.data);
});`),
    ).toEqual(['sast/ssrf:3']);
  });
});

describe('templates', () => {
  it('does not propagate through tagged templates', () => {
    expect(
      lines(`const sql = require('sql-template-strings');
app.get('/user', async (req, res) => {
  res.json(await db.query(sql\`SELECT * FROM users WHERE id = \${req.query.id}\`));
});`),
    ).toEqual([]);
    expect(
      lines(`const sql = require('sql-template-strings');
app.get('/user', async (req, res) => {
  res.json(await db.query(\`SELECT * FROM users WHERE id = \${req.query.id}\`));
});`),
    ).toEqual(['sast/sql-injection:3']);
  });
});

describe('front-end frameworks', () => {
  it('reports JSX dangerouslySetInnerHTML', () => {
    expect(
      lines(
        `export function Preview() {
  const html = decodeURIComponent(location.hash.slice(1));
  return <div dangerouslySetInnerHTML={{ __html: html }} />;
}`,
        'src/Preview.jsx',
      ),
    ).toEqual(['sast/xss:3']);
    expect(
      lines(
        `export function Preview() {
  const html = decodeURIComponent(location.hash.slice(1));
  return <div>{html}</div>;
}`,
        'src/Preview.jsx',
      ),
    ).toEqual([]);
  });

  it('follows a tainted prop into a React component of another file', () => {
    const bio = `export function Bio({ text }: { text: string }) {
  return <section dangerouslySetInnerHTML={{ __html: text }} />;
}
`;
    expect(
      hits({
        'src/Bio.tsx': bio,
        'src/Page.tsx': `import { Bio } from './Bio';
export function Page() {
  const text = new URLSearchParams(location.search).get('bio') ?? '';
  return <Bio text={text} />;
}
`,
      }),
    ).toEqual(['sast/xss src/Bio.tsx:2']);
    expect(
      hits({
        'src/Bio.tsx': bio,
        'src/Page.tsx': `import { Bio } from './Bio';
export function Page() {
  return <Bio text={'<b>Welcome</b>'} />;
}
`,
      }),
    ).toEqual([]);
  });

  it('follows data stored with a React useState setter', () => {
    const code = (value: string): string => `import { useEffect, useState } from 'react';
export function Note() {
  const [html, setHtml] = useState('');
  useEffect(() => {
    setHtml(${value});
  }, []);
  return <p dangerouslySetInnerHTML={{ __html: html }} />;
}`;
    expect(lines(code('location.hash.slice(1)'), 'src/Note.jsx')).toEqual(['sast/xss:7']);
    expect(lines(code("'<em>empty</em>'"), 'src/Note.jsx')).toEqual([]);
  });

  it('reports Vue v-html bound to route data', () => {
    const code = (init: string): string => `<template>
  <div v-html="body"></div>
</template>
<script setup>
import DOMPurify from 'dompurify';
import { useRoute } from 'vue-router';
const route = useRoute();
const body = ${init};
</script>
`;
    expect(lines(code('route.query.text'), 'src/Comment.vue')).toEqual(['sast/xss:2']);
    expect(lines(code('DOMPurify.sanitize(route.query.text)'), 'src/Comment.vue')).toEqual([]);
  });

  it('reports Svelte {@html} of page URL data', () => {
    const code = (init: string): string => `<script>
  import DOMPurify from 'dompurify';
  const body = ${init};
</script>

<div>{@html body}</div>
`;
    expect(lines(code('location.hash.slice(1)'), 'src/Comment.svelte')).toEqual(['sast/xss:6']);
    expect(lines(code('DOMPurify.sanitize(location.hash.slice(1))'), 'src/Comment.svelte')).toEqual([]);
  });
});

describe('server frameworks', () => {
  it('treats NestJS decorated parameters as input, unless a ParseIntPipe converts them', () => {
    const code = (
      param: string,
    ): string => `import { Controller, Get, Param, ParseIntPipe } from '@nestjs/common';
@Controller('users')
export class UsersController {
  constructor(private readonly db: DataSource) {}
  @Get(':id')
  find(${param} id: string) {
    return this.db.query('SELECT * FROM users WHERE id = ' + id);
  }
}`;
    expect(lines(code("@Param('id')"), 'src/users.controller.ts')).toEqual(['sast/sql-injection:7']);
    expect(lines(code("@Param('id', ParseIntPipe)"), 'src/users.controller.ts')).toEqual([]);
  });

  it('treats a Next.js route handler request as input', () => {
    const code = (url: string): string => `import { NextRequest, NextResponse } from 'next/server';
export async function GET(request: NextRequest) {
  const target = request.nextUrl.searchParams.get('url');
  const upstream = await fetch(${url});
  return NextResponse.json(await upstream.json());
}`;
    expect(lines(code('target!'), 'app/api/proxy/route.ts')).toEqual(['sast/ssrf:4']);
    expect(lines(code('`https://api.example.com/items/${target}`'), 'app/api/proxy/route.ts')).toEqual([]);
  });

  it("treats the arguments of a 'use server' action as input", () => {
    const code = (directive: string): string => `${directive}import { exec } from 'node:child_process';
export async function backup(name: string) {
  exec('tar czf /backups/' + name + '.tgz /data');
}`;
    expect(lines(code("'use server';\n"), 'app/actions.ts')).toEqual(['sast/command-injection:4']);
    expect(lines(code(''), 'app/actions.ts')).toEqual([]);
    expect(
      lines(
        `import { exec } from 'node:child_process';
export default function Page() {
  async function backup(formData: FormData) {
    'use server';
    exec('tar czf /backups/' + formData.get('name') + '.tgz /data');
  }
  return <form action={backup}><input name="name" /></form>;
}`,
        'app/page.tsx',
      ),
    ).toEqual(['sast/command-injection:5']);
  });
});

describe('traces', () => {
  it('starts at the source and ends at the sink', () => {
    const code = `${CP}app.get('/run', (req, res) => {
  const command = req.query.cmd;
  exec(command);
});`;
    const analysis = scan(code);
    const [finding] = analysis.findings;
    expect(analysis.findings).toHaveLength(1);
    const steps = finding!.steps!;
    const text = (step: (typeof steps)[number]): string => code.slice(step.start, step.end);
    expect(text(steps[0]!)).toBe('req.query');
    expect(steps[0]!.message).toMatch(/^source: /);
    expect(text(steps.at(-1)!)).toBe('exec(command)');
    expect(steps.at(-1)!.message).toMatch(/^sink: /);
    expect(steps.at(-1)!.start).toBe(finding!.start);
    expect(steps.map((step) => step.file)).toEqual(steps.map(() => 'src/app.js'));
    expect(finding!.message).toContain('HTTP request');
  });

  it('carries the path of the other file in cross-file steps', () => {
    const app = `import { ping } from './net.js';
app.post('/ping', (req, res) => {
  const host = req.body.host;
  ping(host);
});`;
    const net = `import { exec } from 'node:child_process';
export function ping(target) {
  exec('ping -c 1 ' + target);
}
`;
    const analysis = scan({ 'src/app.js': app, 'src/net.js': net });
    expect(analysis.findings).toHaveLength(1);
    const finding = analysis.findings[0]!;
    expect(finding.path).toBe('src/net.js');
    const steps = finding.steps!;
    const located = steps.map((step) => {
      const text = step.file === 'src/app.js' ? app : net;
      return `${step.file} ${text.slice(step.start, step.end)}`;
    });
    expect(located[0]).toBe('src/app.js req.body');
    expect(located).toContain('src/app.js ping(host)');
    expect(located).toContain('src/net.js target');
    expect(located.at(-1)).toBe("src/net.js exec('ping -c 1 ' + target)");
    // Steps in the calling file come before those in the callee.
    const firstNet = steps.findIndex((step) => step.file === 'src/net.js');
    expect(steps.slice(0, firstNet).every((step) => step.file === 'src/app.js')).toBe(true);
    expect(steps.slice(firstNet).every((step) => step.file === 'src/net.js')).toBe(true);
  });
});
