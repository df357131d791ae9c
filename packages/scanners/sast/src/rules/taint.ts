import type { SastRuleMeta } from './rule.js';

const OWASP_INJECTION = 'owasp:A03:2021';

/** One rule per taint family: untrusted input reaching a dangerous sink. Rule id = `sast/<family>`. */
export const TAINT_RULES: readonly SastRuleMeta[] = [
  {
    id: 'sast/code-injection',
    family: 'code-injection',
    title: 'Code injection: untrusted input evaluated as code',
    severity: 'critical',
    cwe: ['CWE-94', 'CWE-95'],
    description:
      'Request data reaches eval, new Function, the vm module, a string passed to setTimeout, a dynamic require or a template compiler. An attacker runs arbitrary JavaScript in the server process.',
    help: {
      bad: "app.get('/calc', (req, res) => {\n  res.send(String(eval(req.query.expr)));\n});",
      good: "app.get('/calc', (req, res) => {\n  res.send(String(Number(req.query.a) + Number(req.query.b)));\n});",
      fix: 'Never evaluate input. Parse data with JSON.parse, map names to functions with an allowlist object, and pass functions (not strings) to timers.',
    },
    references: [
      'https://owasp.org/Top10/A03_2021-Injection/',
      'https://cwe.mitre.org/data/definitions/94.html',
    ],
    tags: [OWASP_INJECTION, 'taint'],
    precision: 'high',
  },
  {
    id: 'sast/command-injection',
    family: 'command-injection',
    title: 'OS command injection',
    severity: 'critical',
    cwe: ['CWE-78'],
    description:
      'Untrusted input is part of a command run by a shell (child_process.exec, execSync, spawn with shell: true, shelljs). Shell metacharacters such as ; | && $( ) let an attacker run any command.',
    help: {
      bad: "const { exec } = require('child_process');\napp.get('/ping', (req, res) => {\n  exec('ping -c 1 ' + req.query.host, (err, out) => res.send(out));\n});",
      good: "const { execFile } = require('child_process');\napp.get('/ping', (req, res) => {\n  execFile('ping', ['-c', '1', String(req.query.host)], (err, out) => res.send(out));\n});",
      fix: 'Use execFile/spawn with an argument array and no shell, and validate the value against an allowlist.',
    },
    references: [
      'https://owasp.org/Top10/A03_2021-Injection/',
      'https://cwe.mitre.org/data/definitions/78.html',
    ],
    tags: [OWASP_INJECTION, 'taint'],
    precision: 'high',
  },
  {
    id: 'sast/nosql-injection',
    family: 'nosql-injection',
    title: 'NoSQL injection (query operators from input)',
    severity: 'high',
    cwe: ['CWE-943'],
    description:
      'A MongoDB/Mongoose filter is built from request data without forcing scalar types. A JSON body such as {"password": {"$ne": null}} turns an equality test into an operator, and $where strings run JavaScript in the database.',
    help: {
      bad: "app.post('/login', async (req, res) => {\n  const user = await User.findOne({ name: req.body.name, password: req.body.password });\n  res.json(Boolean(user));\n});",
      good: "app.post('/login', async (req, res) => {\n  const user = await User.findOne({ name: String(req.body.name) });\n  res.json(Boolean(user));\n});",
      fix: 'Cast fields to strings or numbers (String(x)), validate the body with a schema, or use mongoose sanitizeFilter; never build $where from input.',
    },
    references: [
      'https://owasp.org/Top10/A03_2021-Injection/',
      'https://cwe.mitre.org/data/definitions/943.html',
    ],
    tags: [OWASP_INJECTION, 'taint'],
    precision: 'medium',
  },
  {
    id: 'sast/open-redirect',
    family: 'open-redirect',
    title: 'Open redirect',
    severity: 'medium',
    cwe: ['CWE-601'],
    description:
      'A redirect target comes from input (res.redirect, a Location header, location.href). Attackers send victims a link to your domain that forwards them to a phishing site, or use javascript: URLs in the browser.',
    help: {
      bad: "app.get('/login/done', (req, res) => {\n  res.redirect(req.query.next);\n});",
      good: "app.get('/login/done', (req, res) => {\n  const next = String(req.query.next ?? '');\n  res.redirect(next.startsWith('/') && !next.startsWith('//') ? next : '/');\n});",
      fix: 'Redirect only to relative paths or to hosts on an allowlist checked with new URL(x).host.',
    },
    references: [
      'https://cheatsheetseries.owasp.org/cheatsheets/Unvalidated_Redirects_and_Forwards_Cheat_Sheet.html',
      'https://cwe.mitre.org/data/definitions/601.html',
    ],
    tags: ['owasp:A01:2021', 'taint'],
    precision: 'medium',
  },
  {
    id: 'sast/path-traversal',
    family: 'path-traversal',
    title: 'Path traversal',
    severity: 'high',
    cwe: ['CWE-22'],
    description:
      'A file path built from input reaches the file system (fs.readFile, createReadStream, res.sendFile, archive extraction). Sequences like ../ read or overwrite files outside the intended folder; archive entries named ../../x do the same on extraction (zip slip).',
    help: {
      bad: "app.get('/files', (req, res) => {\n  fs.createReadStream(path.join(UPLOADS, req.query.name)).pipe(res);\n});",
      good: "app.get('/files', (req, res) => {\n  fs.createReadStream(path.join(UPLOADS, path.basename(String(req.query.name)))).pipe(res);\n});",
      fix: 'Take path.basename of the name, or resolve the path and check it starts with the base folder plus a separator; use res.sendFile(name, { root }).',
    },
    references: [
      'https://owasp.org/www-community/attacks/Path_Traversal',
      'https://cwe.mitre.org/data/definitions/22.html',
    ],
    tags: ['owasp:A01:2021', 'taint'],
    precision: 'high',
  },
  {
    id: 'sast/prototype-pollution',
    family: 'prototype-pollution',
    title: 'Prototype pollution',
    severity: 'high',
    cwe: ['CWE-1321'],
    description:
      'Keys from input are used to write nested properties (obj[a][b] = v, a recursive merge, lodash set/merge). A key of __proto__ or constructor.prototype changes Object.prototype for the whole process: denial of service, privilege checks bypassed, sometimes code execution.',
    help: {
      bad: "app.post('/prefs', (req, res) => {\n  const { section, key, value } = req.body;\n  prefs[section][key] = value;\n  res.end();\n});",
      good: "app.post('/prefs', (req, res) => {\n  const { section, key, value } = req.body;\n  if (!ALLOWED_SECTIONS.has(section) || !ALLOWED_KEYS.has(key)) return res.status(400).end();\n  prefs[section][key] = value;\n  res.end();\n});",
      fix: 'Reject __proto__, constructor and prototype keys, use Map or Object.create(null) targets, and allowlist the keys you accept.',
    },
    references: [
      'https://cheatsheetseries.owasp.org/cheatsheets/Prototype_Pollution_Prevention_Cheat_Sheet.html',
      'https://cwe.mitre.org/data/definitions/1321.html',
    ],
    tags: ['owasp:A08:2021', 'taint'],
    precision: 'medium',
  },
  {
    id: 'sast/regex-injection',
    family: 'regex-injection',
    title: 'Regular expression built from input (ReDoS)',
    severity: 'medium',
    cwe: ['CWE-1333', 'CWE-730'],
    description:
      'Input is compiled with new RegExp without escaping. A crafted pattern such as (a+)+$ takes exponential time on a short string and blocks the event loop (denial of service); it also changes what the search matches.',
    help: {
      bad: "app.get('/search', (req, res) => {\n  const re = new RegExp(req.query.q, 'i');\n  res.json(items.filter((i) => re.test(i.name)));\n});",
      good: "app.get('/search', (req, res) => {\n  const re = new RegExp(escapeRegExp(String(req.query.q)), 'i');\n  res.json(items.filter((i) => re.test(i.name)));\n});",
      fix: 'Escape input with lodash escapeRegExp / escape-string-regexp, or search with String.prototype.includes.',
    },
    references: [
      'https://owasp.org/www-community/attacks/Regular_expression_Denial_of_Service_-_ReDoS',
      'https://cwe.mitre.org/data/definitions/1333.html',
    ],
    tags: [OWASP_INJECTION, 'taint'],
    precision: 'high',
  },
  {
    id: 'sast/sql-injection',
    family: 'sql-injection',
    title: 'SQL injection',
    severity: 'critical',
    cwe: ['CWE-89'],
    description:
      'A SQL string built by concatenation or a template literal with request data is sent to the database (mysql, pg, sqlite, knex raw, Sequelize, TypeORM, Prisma $queryRawUnsafe). An attacker reads or changes any data.',
    help: {
      bad: "app.get('/user', async (req, res) => {\n  const rows = await pool.query(`SELECT * FROM users WHERE id = '${req.query.id}'`);\n  res.json(rows);\n});",
      good: "app.get('/user', async (req, res) => {\n  const rows = await pool.query('SELECT * FROM users WHERE id = $1', [req.query.id]);\n  res.json(rows);\n});",
      fix: 'Use placeholders with a values array (or the ORM query builder / Prisma tagged $queryRaw); allowlist identifiers such as ORDER BY columns.',
    },
    references: [
      'https://owasp.org/Top10/A03_2021-Injection/',
      'https://cwe.mitre.org/data/definitions/89.html',
    ],
    tags: [OWASP_INJECTION, 'taint'],
    precision: 'high',
  },
  {
    id: 'sast/ssrf',
    family: 'ssrf',
    title: 'Server-side request forgery',
    severity: 'high',
    cwe: ['CWE-918'],
    description:
      'The server fetches a URL or connects to a host chosen by input (axios, fetch, got, http.request). Attackers reach internal services and cloud metadata endpoints (169.254.169.254) from your network.',
    help: {
      bad: "app.get('/preview', async (req, res) => {\n  const page = await axios.get(req.query.url);\n  res.send(page.data);\n});",
      good: "app.get('/weather', async (req, res) => {\n  const r = await axios.get(`https://api.weather.example/v1/${encodeURIComponent(String(req.query.city))}`);\n  res.json(r.data);\n});",
      fix: 'Keep the scheme and host fixed and put input only into an encoded path or query, or check new URL(x).host against an allowlist.',
    },
    references: [
      'https://owasp.org/Top10/A10_2021-Server-Side_Request_Forgery_%28SSRF%29/',
      'https://cwe.mitre.org/data/definitions/918.html',
    ],
    tags: ['owasp:A10:2021', 'taint'],
    precision: 'medium',
  },
  {
    id: 'sast/unsafe-deserialization',
    family: 'unsafe-deserialization',
    title: 'Deserialization of untrusted data',
    severity: 'critical',
    cwe: ['CWE-502'],
    description:
      'Input is deserialized by a library that can recreate functions or arbitrary types (node-serialize, js-yaml with the full schema, funcster, cryo). A crafted payload runs code during deserialization.',
    help: {
      bad: "const serialize = require('node-serialize');\napp.post('/restore', (req, res) => {\n  const state = serialize.unserialize(req.body.state);\n  res.json(state);\n});",
      good: "app.post('/restore', (req, res) => {\n  const state = JSON.parse(req.body.state);\n  res.json(state);\n});",
      fix: 'Use JSON.parse or js-yaml load with the default (safe) schema; validate the result with a schema.',
    },
    references: [
      'https://owasp.org/Top10/A08_2021-Software_and_Data_Integrity_Failures/',
      'https://cwe.mitre.org/data/definitions/502.html',
    ],
    tags: ['owasp:A08:2021', 'taint'],
    precision: 'high',
  },
  {
    id: 'sast/xss',
    family: 'xss',
    title: 'Cross-site scripting',
    severity: 'high',
    cwe: ['CWE-79'],
    description:
      'Untrusted data is written into HTML without escaping: res.send/res.write of HTML, innerHTML/outerHTML/insertAdjacentHTML/document.write, jQuery html(), React dangerouslySetInnerHTML, Vue v-html, Svelte {@html}. Attackers run script in other users\u2019 browsers.',
    help: {
      bad: "app.get('/hello', (req, res) => {\n  res.send(`<h1>Hello ${req.query.name}</h1>`);\n});",
      good: "const escapeHtml = require('escape-html');\napp.get('/hello', (req, res) => {\n  res.send(`<h1>Hello ${escapeHtml(req.query.name)}</h1>`);\n});",
      fix: 'Escape output for its HTML context (escape-html, a template engine with autoescape), use textContent instead of innerHTML, or sanitise HTML with DOMPurify.',
    },
    references: [
      'https://owasp.org/www-community/attacks/xss/',
      'https://cwe.mitre.org/data/definitions/79.html',
    ],
    tags: [OWASP_INJECTION, 'taint'],
    precision: 'high',
  },
];
