import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from '@rampart/core';
import type { OidcOptions } from '@rampart/server';
import type { CliIo } from '../io.js';

/**
 * OIDC single sign-on settings of `rampart server`, from flags, then `RAMPART_OIDC_*` variables. The
 * client secret comes only from `RAMPART_OIDC_CLIENT_SECRET` or the file named by
 * `RAMPART_OIDC_CLIENT_SECRET_FILE`: a command-line argument is visible to every user in the process list.
 */
export interface OidcFlags {
  oidcIssuer?: string;
  oidcClientId?: string;
  /** Refused: only here to say where the secret goes instead. */
  oidcClientSecret?: string;
  publicUrl?: string;
  oidcScopes?: string;
  oidcAdminGroups?: string;
  oidcGroupsClaim?: string;
  oidcLinkByEmail?: boolean;
  oidcAllowUnverifiedEmail?: boolean;
  oidcName?: string;
}

/** `a, b c` -> `['a', 'b', 'c']` (scopes are also separated by spaces). */
function list(text: string | undefined, separators: RegExp): string[] | undefined {
  if (text === undefined) return undefined;
  return text
    .split(separators)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function flag(value: boolean | undefined, variable: string | undefined, name: string): boolean | undefined {
  if (value === true) return true;
  if (variable === undefined || variable === '') return undefined;
  if (/^(true|1|yes)$/i.test(variable)) return true;
  if (/^(false|0|no)$/i.test(variable)) return false;
  throw new UsageError(`${name} must be true or false, not "${variable}"`);
}

function clientSecret(io: CliIo): string {
  const direct = io.env.RAMPART_OIDC_CLIENT_SECRET;
  const file = io.env.RAMPART_OIDC_CLIENT_SECRET_FILE;
  if (direct !== undefined && direct !== '' && file !== undefined && file !== '')
    throw new UsageError('set RAMPART_OIDC_CLIENT_SECRET or RAMPART_OIDC_CLIENT_SECRET_FILE, not both');
  if (file !== undefined && file !== '') {
    let text: string;
    try {
      text = readFileSync(resolve(io.cwd, file), 'utf8');
    } catch (error) {
      throw new UsageError(
        `cannot read the OIDC client secret file ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
      );
    }
    // Files written by `echo` or secret managers end with a newline that is not part of the secret.
    let end = text.length;
    while (end > 0 && (text[end - 1] === '\n' || text[end - 1] === '\r')) end--;
    return text.slice(0, end);
  }
  return direct ?? '';
}

/** The OIDC settings, or undefined when no issuer is set (OIDC off). */
export function oidcOptions(io: CliIo, flags: OidcFlags): OidcOptions | undefined {
  if (flags.oidcClientSecret !== undefined)
    throw new UsageError(
      'give the OIDC client secret in RAMPART_OIDC_CLIENT_SECRET or RAMPART_OIDC_CLIENT_SECRET_FILE: ' +
        'command-line arguments are visible to other users',
    );
  const env = io.env;
  const issuer = flags.oidcIssuer ?? env.RAMPART_OIDC_ISSUER ?? '';
  const clientId = flags.oidcClientId ?? env.RAMPART_OIDC_CLIENT_ID ?? '';
  if (issuer === '') {
    if (clientId !== '' || flags.oidcAdminGroups !== undefined || flags.oidcLinkByEmail === true)
      throw new UsageError(
        'OIDC settings were given without an issuer: set --oidc-issuer or RAMPART_OIDC_ISSUER',
      );
    return undefined;
  }
  const scopes = list(flags.oidcScopes ?? env.RAMPART_OIDC_SCOPES, /[\s,]+/);
  const adminGroups = list(flags.oidcAdminGroups ?? env.RAMPART_OIDC_ADMIN_GROUPS, /,/);
  const groupsClaim = flags.oidcGroupsClaim ?? env.RAMPART_OIDC_GROUPS_CLAIM;
  const displayName = flags.oidcName ?? env.RAMPART_OIDC_NAME;
  const linkByEmail = flag(
    flags.oidcLinkByEmail,
    env.RAMPART_OIDC_LINK_BY_EMAIL,
    'RAMPART_OIDC_LINK_BY_EMAIL',
  );
  const allowUnverified = flag(
    flags.oidcAllowUnverifiedEmail,
    env.RAMPART_OIDC_ALLOW_UNVERIFIED_EMAIL,
    'RAMPART_OIDC_ALLOW_UNVERIFIED_EMAIL',
  );
  return {
    issuer,
    clientId,
    clientSecret: clientSecret(io),
    publicUrl: flags.publicUrl ?? env.RAMPART_PUBLIC_URL ?? '',
    ...(scopes !== undefined ? { scopes } : {}),
    ...(adminGroups !== undefined ? { adminGroups } : {}),
    ...(groupsClaim !== undefined ? { groupsClaim } : {}),
    ...(displayName !== undefined ? { displayName } : {}),
    ...(linkByEmail !== undefined ? { linkByEmail } : {}),
    ...(allowUnverified !== undefined ? { requireVerifiedEmail: !allowUnverified } : {}),
  };
}

/**
 * Check the settings and reach the provider before the server starts, so that a typo or an unreachable
 * provider stops the start with a plain message rather than failing the first sign-in.
 */
export async function checkOidcAtStart(options: OidcOptions): Promise<void> {
  const { checkOidcOptions, OidcRelyingParty, ServerError } = await import('@rampart/server');
  try {
    await new OidcRelyingParty(checkOidcOptions(options)).discover();
  } catch (error) {
    if (error instanceof ServerError) throw new UsageError(error.message);
    throw error;
  }
}
