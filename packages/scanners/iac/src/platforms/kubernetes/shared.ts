/**
 * Container knowledge shared by the Kubernetes and docker-compose platforms: image references, secret-like
 * names and values, sensitive host paths and dangerous Linux capabilities. No regular expressions: plain
 * string methods only.
 */

// ---------------------------------------------------------------------------------------------------------
// Images

export interface ImageRef {
  /** Repository with registry, without tag or digest. */
  repository: string;
  tag: string | undefined;
  digest: string | undefined;
}

/** Parses `registry:5000/org/app:1.2@sha256:...`; undefined for empty or unresolved (`${TAG}`, `{{ }}`) images. */
export function parseImage(image: string): ImageRef | undefined {
  const text = image.trim();
  if (text === '' || text.includes('$') || text.includes('{{') || text.includes(' ')) return undefined;
  const at = text.indexOf('@');
  const digest = at === -1 ? undefined : text.slice(at + 1);
  const rest = at === -1 ? text : text.slice(0, at);
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > slash) return { repository: rest.slice(0, colon), tag: rest.slice(colon + 1), digest };
  return { repository: rest, tag: undefined, digest };
}

/** Whether the image floats: tagged `latest` or not tagged at all, and not pinned by digest. */
export function isMutableImage(ref: ImageRef): boolean {
  return ref.digest === undefined && (ref.tag === undefined || ref.tag.toLowerCase() === 'latest');
}

// ---------------------------------------------------------------------------------------------------------
// Secrets

const SECRET_SUFFIXES = [
  'PASSWORD',
  'PASSWD',
  'PASSPHRASE',
  'SECRET',
  'TOKEN',
  'APIKEY',
  'SECRETKEY',
  'ACCESSKEY',
  'PRIVATEKEY',
];
const KEY_QUALIFIERS = new Set([
  'API',
  'ACCESS',
  'SECRET',
  'PRIVATE',
  'ENCRYPTION',
  'ENCRYPT',
  'SIGNING',
  'MASTER',
  'AUTH',
  'CLIENT',
  'LICENSE',
  'HMAC',
  'SESSION',
  'JWT',
  'CRYPTO',
  'APP',
]);

/** Splits `dbPassword`, `DB_PASSWORD`, `db.password`, `db-password` into upper-case words. */
export function nameWords(name: string): string[] {
  const words: string[] = [];
  let current = '';
  for (let i = 0; i < name.length; i++) {
    const ch = name.charAt(i);
    const isSeparator = ch === '_' || ch === '-' || ch === '.' || ch === ' ' || ch === '/';
    if (isSeparator) {
      if (current) words.push(current);
      current = '';
      continue;
    }
    const prev = i > 0 ? name.charAt(i - 1) : '';
    const boundary = current !== '' && ch >= 'A' && ch <= 'Z' && prev >= 'a' && prev <= 'z';
    if (boundary) {
      words.push(current);
      current = '';
    }
    current += ch;
  }
  if (current) words.push(current);
  return words.map((w) => w.toUpperCase());
}

/**
 * Whether a variable or key name says it holds a secret: it ends with PASSWORD, SECRET, TOKEN, API_KEY,
 * ACCESS_KEY, PRIVATE_KEY, ... (`DB_PASSWORD`, `clientSecret`, `GITHUB_TOKEN`, `AWS_SECRET_ACCESS_KEY`), but
 * not PASSWORD_FILE, TOKEN_URL, SECRET_NAME, KEY_PATH (the last word decides).
 */
export function isSecretName(name: string): boolean {
  const words = nameWords(name);
  const last = words[words.length - 1];
  if (last === undefined) return false;
  const previous = words[words.length - 2];
  if (SECRET_SUFFIXES.some((suffix) => last.endsWith(suffix))) return true;
  if (last === 'KEY' && previous !== undefined && KEY_QUALIFIERS.has(previous)) return true;
  if ((last === 'PASS' || last === 'PWD') && previous !== undefined) return true;
  if (last === 'BASE' && previous === 'KEY' && words[words.length - 3] === 'SECRET') return true; // SECRET_KEY_BASE
  return false;
}

const PLACEHOLDERS = new Set([
  'true',
  'false',
  'yes',
  'no',
  'on',
  'off',
  'null',
  'nil',
  'none',
  'undefined',
  'redacted',
  'placeholder',
  'todo',
  'tbd',
  'replace_me',
  'replaceme',
  'dummy',
  'xxx',
]);

/**
 * Whether a literal value could be a real secret: not empty, not a reference (`${VAR}`, `$(VAR)`, `{{ }}`),
 * not a placeholder (`<password>`, `xxxx`, `***`, `true`), not a file path.
 */
export function isLiteralSecretValue(value: unknown): boolean {
  if (typeof value !== 'string' && typeof value !== 'number') return false;
  const text = String(value).trim();
  if (text.length < 3) return false;
  if (!text.split('').some((ch) => ch !== text.charAt(0))) return false; // xxxx, ****, ....
  if (text.includes('${') || text.includes('$(') || text.includes('{{')) return false;
  if (text.startsWith('$') && !text.includes(' ')) return false; // $VAR
  if (text.startsWith('<') && text.endsWith('>')) return false;
  if (text.startsWith('/') || text.startsWith('./') || text.startsWith('file:')) return false;
  return !PLACEHOLDERS.has(text.toLowerCase());
}

/** Whether a value is a URL with an inline password (`postgres://app:<password>@db/app`). */
export function hasUrlCredentials(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const scheme = value.indexOf('://');
  if (scheme <= 0) return false;
  const rest = value.slice(scheme + 3);
  const authorityEnd = [rest.indexOf('/'), rest.indexOf('?'), rest.indexOf('#')].filter((i) => i !== -1);
  const authority = authorityEnd.length ? rest.slice(0, Math.min(...authorityEnd)) : rest;
  const at = authority.lastIndexOf('@');
  if (at === -1) return false;
  const userinfo = authority.slice(0, at);
  const colon = userinfo.indexOf(':');
  if (colon === -1) return false;
  const password = userinfo.slice(colon + 1);
  return isLiteralSecretValue(password) && !password.startsWith('%') && !password.startsWith('$');
}

/** Whether a value holds a private key (PEM). */
export function hasPrivateKey(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const begin = value.indexOf('-----BEGIN ');
  if (begin === -1) return false;
  const lineEnd = value.indexOf('-----', begin + 11);
  return lineEnd !== -1 && value.slice(begin + 11, lineEnd).endsWith('PRIVATE KEY');
}

// ---------------------------------------------------------------------------------------------------------
// Host paths

/** Container runtime sockets: whoever can reach one controls every container on the host. */
const RUNTIME_SOCKETS = [
  'docker.sock',
  'containerd.sock',
  'crio.sock',
  'cri-dockerd.sock',
  'podman.sock',
  'dockershim.sock',
];

/** Host paths that are sensitive as a whole (mounting them exposes the host). */
const SENSITIVE_EXACT = new Set([
  '/',
  '/bin',
  '/boot',
  '/dev',
  '/etc',
  '/home',
  '/lib',
  '/lib64',
  '/proc',
  '/root',
  '/run',
  '/sbin',
  '/sys',
  '/usr',
  '/var',
  '/var/lib',
  '/var/run',
]);

/** Host trees whose every path is sensitive (credentials, runtime state, kernel interfaces). */
const SENSITIVE_TREES = [
  '/boot',
  '/etc/kubernetes',
  '/etc/shadow',
  '/etc/sudoers',
  '/etc/ssh',
  '/etc/cni',
  '/proc',
  '/root',
  '/run/containerd',
  '/run/docker',
  '/var/lib/containerd',
  '/var/lib/docker',
  '/var/lib/etcd',
  '/var/lib/kubelet',
  '/var/run/containerd',
  '/var/run/docker',
  '/var/run/secrets',
];

export type HostPathKind = 'socket' | 'sensitive' | 'other';

/** Normalises a host path: collapses `//`, drops `/./` and trailing slashes. Undefined for non-absolute paths. */
export function normalizeHostPath(path: string): string | undefined {
  if (!path.startsWith('/')) return undefined;
  const parts = path.split('/').filter((part) => part !== '' && part !== '.');
  return `/${parts.join('/')}`;
}

export function classifyHostPath(path: string): HostPathKind | undefined {
  const normal = normalizeHostPath(path.trim());
  if (normal === undefined || !isResolvedPath(normal)) return undefined;
  const base = normal.slice(normal.lastIndexOf('/') + 1);
  if (RUNTIME_SOCKETS.includes(base)) return 'socket';
  if (SENSITIVE_EXACT.has(normal)) return 'sensitive';
  if (SENSITIVE_TREES.some((tree) => normal === tree || normal.startsWith(`${tree}/`))) return 'sensitive';
  return 'other';
}

function isResolvedPath(path: string): boolean {
  return !path.includes('$') && !path.includes('{{') && !path.includes('..');
}

// ---------------------------------------------------------------------------------------------------------
// Capabilities

/**
 * Capabilities that break container isolation or give host-level powers (outside the default set of
 * container runtimes, and forbidden by the Kubernetes Baseline Pod Security Standard).
 */
export const DANGEROUS_CAPABILITIES = new Set([
  'ALL',
  'AUDIT_CONTROL',
  'BPF',
  'DAC_READ_SEARCH',
  'LINUX_IMMUTABLE',
  'MAC_ADMIN',
  'MAC_OVERRIDE',
  'NET_ADMIN',
  'NET_RAW',
  'PERFMON',
  'SYSLOG',
  'SYS_ADMIN',
  'SYS_BOOT',
  'SYS_MODULE',
  'SYS_PTRACE',
  'SYS_RAWIO',
  'SYS_TIME',
]);

/** `cap_sys_admin`, `CAP_SYS_ADMIN`, `SYS_ADMIN` → `SYS_ADMIN`. */
export function normalizeCapability(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const upper = value.trim().toUpperCase();
  return upper.startsWith('CAP_') ? upper.slice(4) : upper;
}
