import type { IacCheck } from '../../../check.js';
import type { DockerDocument } from '../model.js';
import { AUTH, dockerRule } from '../meta.js';
import { reportAt } from '../query.js';

const SECRET_WORDS = ['password passwd passphrase secret token apikey credential credentials privatekey']
  .join(' ')
  .split(' ');
const SECRET_PAIRS: [string, string][] = [
  ['api', 'key'],
  ['access', 'key'],
  ['private', 'key'],
  ['secret', 'key'],
  ['auth', 'key'],
  ['encryption', 'key'],
  ['signing', 'key'],
];
/** Name parts that make the variable describe a secret rather than hold one. */
const NOT_SECRET = new Set(
  [
    'file files path dir directory url uri endpoint host hostname port name user username header',
    'length len ttl expiry expires expiration timeout type mode enabled enable disabled required',
    'policy id arn version format location store manager provider count size min max rotation prefix',
    'suffix regex pattern field param var env method scope scopes audience issuer lifetime interval',
    'algorithm alg kind source mount ref limit quota threshold level days hours minutes seconds secs',
    'ms',
  ]
    .join(' ')
    .split(' '),
);
const PLACEHOLDERS = [
  'changeme change_me change-me replaceme replace_me placeholder your_ your- < xxx *** ...',
]
  .join(' ')
  .split(' ');

/** Splits `dbPassword`, `DB_PASSWORD`, `db-password` into lower-case parts. */
function parts(name: string): string[] {
  const spaced = name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
  return spaced.split(/[^a-z0-9]+/).filter((p) => p !== '');
}

/** Whether a variable name says it holds a secret. */
export function isSecretName(name: string): boolean {
  const p = parts(name);
  if (p.length === 0 || p.some((x) => NOT_SECRET.has(x))) return false;
  if (
    p.some(
      (x) =>
        SECRET_WORDS.includes(x) || x.endsWith('password') || x.endsWith('passwd') || x.endsWith('token'),
    )
  )
    return true;
  // `DB_PASS`, `DB_PWD` (but not `PWD`, the working directory).
  if (p.length > 1 && p.some((x) => x === 'pass' || x === 'pwd')) return true;
  for (let i = 0; i + 1 < p.length; i++)
    if (SECRET_PAIRS.some(([a, b]) => p[i] === a && p[i + 1] === b)) return true;
  return false;
}

/** Whether a value is a literal that could be a secret (not empty, a reference, a flag, a path or a placeholder). */
export function isLiteralSecret(value: string): boolean {
  const v = value.trim();
  if (v === '' || v.includes('$')) return false;
  const lower = v.toLowerCase();
  if (
    ['true', 'false', 'yes', 'no', 'on', 'off', 'none', 'null', 'nil', 'undefined', '0', '1', '-'].includes(
      lower,
    )
  )
    return false;
  if (
    v.startsWith('/') ||
    v.startsWith('./') ||
    v.startsWith('~/') ||
    lower.startsWith('file:') ||
    lower.startsWith('env:')
  )
    return false;
  if (PLACEHOLDERS.some((p) => lower.includes(p))) return false;
  if (new Set(lower).size === 1) return false;
  return true;
}

export const check: IacCheck<DockerDocument> = {
  meta: dockerRule({
    id: 'iac/docker-secret-in-env-arg',
    title: 'Secret hard-coded in ENV or ARG',
    severity: 'high',
    cwe: ['CWE-798', 'CWE-538'],
    description:
      'ENV values are stored in the image configuration and ARG values in its build history: anyone who can pull the image can read them with `docker history` or `docker inspect`. A password, token or key written there is leaked to every user of the image and stays in every copy of it.',
    help: {
      bad: 'FROM mysql:8.4\nENV MYSQL_ROOT_PASSWORD=rootpass2024\n',
      good: 'FROM mysql:8.4\nENV MYSQL_ROOT_PASSWORD_FILE=/run/secrets/mysql_root_password\n',
      fix: 'Pass build-time secrets with `RUN --mount=type=secret` and runtime secrets through the orchestrator (environment, secret files); rotate the leaked value.',
    },
    references: [
      'https://docs.docker.com/build/building/secrets/',
      'https://docs.docker.com/reference/dockerfile/#arg',
    ],
    tags: [AUTH],
    precision: 'medium',
  }),
  check(doc, report) {
    for (const instruction of doc.instructions) {
      if (instruction.keyword !== 'ENV' && instruction.keyword !== 'ARG') continue;
      const stage = doc.stages[instruction.stage];
      for (const p of instruction.properties) {
        if (p.value === null || !isSecretName(p.name) || !isLiteralSecret(p.value)) continue;
        reportAt(report, doc, stage, p, `${instruction.keyword} ${p.name} holds a hard-coded secret`);
      }
    }
  },
};
