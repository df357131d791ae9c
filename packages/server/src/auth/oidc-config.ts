import { ServerError } from '../errors.js';

/**
 * OIDC single sign-on settings, as given to `createServer` (and, through the CLI, by flags and
 * `RAMPART_OIDC_*` variables). Absent settings leave OIDC off; present ones are checked all at once at
 * start by `checkOidcOptions`, so that a typo is reported before anyone tries to sign in.
 */
export interface OidcOptions {
  /** The provider's issuer URL; its metadata is read from `<issuer>/.well-known/openid-configuration`. */
  issuer: string;
  /** The client (application) registered at the provider for this server. */
  clientId: string;
  /** The client's secret. Never logged; give it through a variable or a file, not a command-line argument. */
  clientSecret: string;
  /**
   * The URL users open this server at (an origin: `https://rampart.example.com`). The redirect URI to
   * register at the provider is `<publicUrl>/api/v1/auth/oidc/callback`.
   */
  publicUrl: string;
  /** Scopes to ask for. Default `openid email profile`; `openid` is always asked for. */
  scopes?: string[];
  /** The claim that lists the user's groups. Default `groups`. */
  groupsClaim?: string;
  /** Members of any of these groups are server administrators (and stop being so when they leave). */
  adminGroups?: string[];
  /** Refuse e-mail addresses that the provider does not mark verified (`email_verified`). Default true. */
  requireVerifiedEmail?: boolean;
  /**
   * On a first OIDC sign-in, attach the account to an existing user with the same verified e-mail
   * address. Default false: the provider then decides who may take over which existing account.
   */
  linkByEmail?: boolean;
  /** The sign-in button's label on the login page. Default `Single sign-on`. */
  displayName?: string;
}

/** Checked and normalised OIDC settings. */
export interface OidcSettings {
  issuer: URL;
  clientId: string;
  clientSecret: string;
  /** The server's origin, without a trailing slash. */
  publicOrigin: string;
  redirectUri: string;
  scopes: string[];
  groupsClaim: string;
  adminGroups: ReadonlySet<string>;
  requireVerifiedEmail: boolean;
  linkByEmail: boolean;
  displayName: string;
  /** A plain-http issuer on a loopback address (development and tests only). */
  insecureIssuer: boolean;
}

/** The OIDC settings are unusable; `problems` lists every one found. */
export class OidcConfigError extends ServerError {
  constructor(readonly problems: string[]) {
    super(`invalid OIDC settings: ${problems.join('; ')}`, 500, 'oidc-config');
  }
}

export const OIDC_CALLBACK_PATH = '/api/v1/auth/oidc/callback';
export const OIDC_LOGIN_PATH = '/api/v1/auth/oidc/login';

const DEFAULT_SCOPES = ['openid', 'email', 'profile'];
/** RFC 6749 scope-token: printable ASCII but space, `"` and `\`. */
const SCOPE_TOKEN = /^[\x21\x23-\x5b\x5d-\x7e]{1,128}$/;
/** A claim name: printable ASCII without spaces (namespaced claims are URLs). */
const CLAIM_NAME = /^[\x21-\x7e]{1,200}$/;
/** Text without control characters. */
const PRINTABLE = /^\P{Cc}+$/u;

export function isLoopbackHost(hostname: string): boolean {
  return (
    hostname === 'localhost' ||
    hostname === '[::1]' ||
    /^127\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}$/.test(hostname)
  );
}

function parseUrl(text: unknown, what: string, problems: string[]): URL | undefined {
  if (typeof text !== 'string' || text.trim() === '') {
    problems.push(`${what} is missing`);
    return undefined;
  }
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    problems.push(`${what} "${text}" is not a URL`);
    return undefined;
  }
  if (url.username !== '' || url.password !== '') {
    problems.push(`${what} must not contain a user name or password`);
    return undefined;
  }
  if (url.search !== '' || url.hash !== '') {
    problems.push(`${what} must not have a query or a fragment`);
    return undefined;
  }
  if (url.protocol === 'https:') return url;
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return url;
  problems.push(`${what} must use https (plain http only on a loopback address, for development)`);
  return undefined;
}

function text(value: unknown, what: string, max: number, problems: string[]): string | undefined {
  if (typeof value !== 'string' || value === '') {
    problems.push(`${what} is missing`);
    return undefined;
  }
  if (value.length > max || !PRINTABLE.test(value)) {
    problems.push(`${what} must be at most ${max} printable characters`);
    return undefined;
  }
  return value;
}

/** Check OIDC settings; throws an `OidcConfigError` that names every problem. */
export function checkOidcOptions(options: OidcOptions): OidcSettings {
  const problems: string[] = [];
  const issuer = parseUrl(options.issuer, 'the OIDC issuer URL', problems);
  const publicUrl = parseUrl(options.publicUrl, 'the public URL', problems);
  if (publicUrl !== undefined && publicUrl.pathname !== '/')
    problems.push(
      `the public URL must be an origin such as https://rampart.example.com (no path: "${publicUrl.pathname}")`,
    );
  const clientId = text(options.clientId, 'the OIDC client id', 255, problems);
  const clientSecret = text(options.clientSecret, 'the OIDC client secret', 4096, problems);
  const scopes = ['openid', ...(options.scopes ?? DEFAULT_SCOPES)].filter(
    (scope, i, all) => all.indexOf(scope) === i,
  );
  for (const scope of scopes)
    if (typeof scope !== 'string' || !SCOPE_TOKEN.test(scope))
      problems.push(`the OIDC scope "${String(scope)}" is not a valid scope name`);
  const groupsClaim = options.groupsClaim ?? 'groups';
  if (typeof groupsClaim !== 'string' || !CLAIM_NAME.test(groupsClaim))
    problems.push(`the groups claim "${String(groupsClaim)}" is not a valid claim name`);
  const adminGroups = options.adminGroups ?? [];
  for (const group of adminGroups)
    if (typeof group !== 'string' || group === '' || group.length > 256 || !PRINTABLE.test(group))
      problems.push(`the admin group "${String(group)}" must be 1 to 256 printable characters`);
  const displayName = options.displayName ?? 'Single sign-on';
  if (typeof displayName !== 'string' || displayName.length > 100 || !PRINTABLE.test(displayName))
    problems.push('the display name must be 1 to 100 printable characters');
  for (const flag of ['requireVerifiedEmail', 'linkByEmail'] as const)
    if (options[flag] !== undefined && typeof options[flag] !== 'boolean')
      problems.push(`${flag} must be true or false`);
  if (problems.length > 0 || issuer === undefined || publicUrl === undefined)
    throw new OidcConfigError(problems);
  return {
    issuer,
    clientId: clientId!,
    clientSecret: clientSecret!,
    publicOrigin: publicUrl.origin,
    redirectUri: publicUrl.origin + OIDC_CALLBACK_PATH,
    scopes,
    groupsClaim,
    adminGroups: new Set(adminGroups),
    requireVerifiedEmail: options.requireVerifiedEmail ?? true,
    linkByEmail: options.linkByEmail ?? false,
    displayName,
    insecureIssuer: issuer.protocol === 'http:',
  };
}

/**
 * A `returnTo` that stays on this server: a path (`/findings?x=1`), never `//host`, `/\host`, a scheme,
 * or anything with spaces, control characters or backslashes that browsers would rewrite into another
 * origin. Returns the path, or undefined when it is refused.
 */
export function safeReturnPath(returnTo: string, publicOrigin: string): string | undefined {
  // One character class, anchored: linear time whatever the input.
  if (!/^\/(?![/\\])[A-Za-z0-9\-._~!$&'()*+,;=:@%/?#]*$/.test(returnTo)) return undefined;
  let resolved: URL;
  try {
    resolved = new URL(returnTo, publicOrigin);
  } catch {
    return undefined;
  }
  return resolved.origin === publicOrigin ? returnTo : undefined;
}
