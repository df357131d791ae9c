/**
 * Hard-coded secrets in pipeline variables: a secret-like name (`*_PASSWORD`, `*_TOKEN`, `API_KEY`) with a
 * literal value that looks like a credential rather than a reference, placeholder or test default.
 */

/** Last name parts that mean "this holds a secret". */
const SECRET_WORDS = new Set([
  'password',
  'passwd',
  'pwd',
  'pass',
  'passphrase',
  'secret',
  'token',
  'pat',
  'credential',
  'credentials',
]);

/** Joined name endings that mean the same (`API_KEY` → `apikey`). */
const SECRET_ENDINGS = [
  'apikey',
  'accesskey',
  'privatekey',
  'secretkey',
  'signingkey',
  'encryptionkey',
  'masterkey',
  'clientsecret',
  'authtoken',
  'webhookurl',
];

/** Whether a variable or input name says it holds a secret. */
export function isSecretName(name: string): boolean {
  const parts = name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((p) => p !== '');
  const last = parts[parts.length - 1];
  if (last === undefined) return false;
  if (SECRET_WORDS.has(last)) return true;
  const joined = parts.join('');
  return SECRET_ENDINGS.some((ending) => joined.endsWith(ending));
}

/** Prefixes of well-known token formats: always a real credential when they appear as a literal. */
const TOKEN_PREFIXES = [
  'ghp_',
  'gho_',
  'ghs_',
  'ghu_',
  'github_pat_',
  'glpat-',
  'xoxb-',
  'xoxp-',
  'akia',
  'sk_live_',
  'npm_',
  'pypi-',
];

const PLACEHOLDER_WORDS = [
  'changeme',
  'change_me',
  'change-me',
  'example',
  'placeholder',
  'dummy',
  'fake',
  'sample',
  'xxxx',
  'redacted',
  'test',
  'secret',
  'password',
  'token',
  'none',
  'null',
  'undefined',
];

/**
 * Whether a literal value looks like a real credential: a string of 8 or more characters without spaces, not
 * a reference (`$VAR`, `${{ ... }}`), path, URL without credentials, or an obvious placeholder or test
 * default, and not just letters (`postgres`, `Password`).
 */
export function looksLikeSecretValue(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const text = value.trim();
  const lower = text.toLowerCase();
  if (TOKEN_PREFIXES.some((prefix) => lower.startsWith(prefix)))
    return text.length >= 16 && !text.includes('$') && !lower.includes('xxxx') && !lower.includes('example');
  if (text.length < 8 || text.length > 4096) return false;
  if (text.includes('$') || text.includes(' ') || text.includes('\n') || text.includes('{{')) return false;
  if (text.startsWith('/') || text.startsWith('./') || text.startsWith('~') || text.startsWith('<'))
    return false;
  if (lower.startsWith('http://') || lower.startsWith('https://')) {
    const at = text.indexOf('@');
    const colon = text.indexOf(':', lower.indexOf('//') + 2);
    return at > 0 && colon > 0 && colon < at;
  }
  if (PLACEHOLDER_WORDS.some((word) => lower.includes(word))) return false;
  let letters = 0;
  for (const c of lower) if (c >= 'a' && c <= 'z') letters++;
  return letters < text.length;
}

/** Env names of test database services (`POSTGRES_PASSWORD`): throwaway credentials when the job has services. */
const SERVICE_PREFIXES = [
  'postgres',
  'pg',
  'mysql',
  'mariadb',
  'mongo',
  'redis',
  'rabbitmq',
  'mssql',
  'sa_password',
  'db_',
  'database_',
  'elastic',
  'minio',
];

export function isServiceCredentialName(name: string): boolean {
  const lower = name.toLowerCase();
  return SERVICE_PREFIXES.some((prefix) => lower.startsWith(prefix));
}
