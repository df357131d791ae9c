import { randomBytes } from 'node:crypto';
import { ConflictError, ForbiddenError, ServerError } from '../errors.js';
import type { Store } from '../store.js';
import { normaliseEmail } from './accounts.js';
import type { OidcClaims } from './oidc.js';
import type { OidcSettings } from './oidc-config.js';
import { hashPassword } from './password.js';

/**
 * Users of OIDC sign-ins. An account at the provider is named by its (issuer, subject) pair, linked to
 * one user. The first sign-in creates the user from the provider's verified e-mail address, with no
 * project roles (an administrator grants them), or links it to an existing user with that address when
 * `linkByEmail` allows it. Membership of an `adminGroups` group makes the user an administrator for as
 * long as it lasts. Every creation, link and change of admin rights is audited in the same transaction.
 */

export type OidcSignInOutcome = 'signed-in' | 'created' | 'linked';

/** Who the audit log names for what the provider asserted (creation, links, admin rights). */
function providerActor(issuer: string): string {
  return `oidc:${issuer}`;
}

function verifiedEmail(claims: OidcClaims, settings: OidcSettings): string {
  if (claims.email === undefined)
    throw new ForbiddenError(
      'the OpenID provider sent no e-mail address: the client must be allowed the "email" scope',
    );
  if (settings.requireVerifiedEmail && !claims.emailVerified)
    throw new ServerError(
      'the OpenID provider does not mark this e-mail address as verified (email_verified)',
      403,
      'oidc-email-unverified',
    );
  try {
    return normaliseEmail(claims.email);
  } catch {
    throw new ForbiddenError('the e-mail address the OpenID provider sent is not usable');
  }
}

function disabled(): ServerError {
  return new ServerError('this account is disabled: ask an administrator', 403, 'account-disabled');
}

/**
 * Find, link or create the user of an OIDC sign-in and bring their admin rights in line with their
 * groups. Returns the user's id; throws a 403 for a disabled user, a missing or unverified e-mail
 * address, or (409) an existing user with that address when linking is off.
 */
export async function userOfOidcSignIn(
  store: Store,
  settings: OidcSettings,
  claims: OidcClaims,
): Promise<{ userId: number; outcome: OidcSignInOutcome }> {
  // Writers are serialised (the audit chain has one writer at a time), so of two first sign-ins of one
  // account at once, the second finds the first's rows inside its transaction and just signs in.
  const inAdminGroup = claims.groups.some((group) => settings.adminGroups.has(group));
  const actor = providerActor(claims.issuer);
  const known = await store.reader
    .selectFrom('user_identities')
    .select('user_id')
    .where('issuer', '=', claims.issuer)
    .where('subject', '=', claims.subject)
    .executeTakeFirst();
  // A new user gets a password nobody knows (scrypt of 32 random bytes): password sign-in stays
  // impossible, and takes as long as for any other account. Hashed before the transaction opens.
  const unusablePassword =
    known === undefined ? await hashPassword(randomBytes(32).toString('base64url')) : undefined;
  return store.transact(async (trx, audit, at) => {
    const identity = await trx
      .selectFrom('user_identities as i')
      .innerJoin('users as u', 'u.id', 'i.user_id')
      .select(['u.id', 'u.email', 'u.admin', 'u.disabled_at', 'i.admin_from_groups'])
      .where('i.issuer', '=', claims.issuer)
      .where('i.subject', '=', claims.subject)
      .executeTakeFirst();
    let user: { id: number; email: string; admin: boolean; adminFromGroups: boolean };
    let outcome: OidcSignInOutcome;
    if (identity !== undefined) {
      if (identity.disabled_at !== null) throw disabled();
      await trx
        .updateTable('user_identities')
        .set({ last_sign_in_at: at })
        .where('issuer', '=', claims.issuer)
        .where('subject', '=', claims.subject)
        .execute();
      user = {
        id: identity.id,
        email: identity.email,
        admin: identity.admin === 1,
        adminFromGroups: identity.admin_from_groups === 1,
      };
      outcome = 'signed-in';
    } else {
      const email = verifiedEmail(claims, settings);
      const existing = await trx
        .selectFrom('users')
        .select(['id', 'admin', 'disabled_at'])
        .where('email', '=', email)
        .executeTakeFirst();
      if (existing !== undefined) {
        if (!settings.linkByEmail)
          throw new ConflictError(
            `a user ${email} exists already and is not linked to this OpenID account: an administrator ` +
              'must enable linking by e-mail address (see the server documentation)',
          );
        if (existing.disabled_at !== null) throw disabled();
        user = { id: existing.id, email, admin: existing.admin === 1, adminFromGroups: false };
        outcome = 'linked';
      } else {
        if (unusablePassword === undefined)
          // The identity was removed between the two reads: rare enough to ask for another try.
          throw new ConflictError('the sign-in changed meanwhile: try again');
        const row = await trx
          .insertInto('users')
          .values({ email, password_hash: unusablePassword, admin: 0, created_at: at, disabled_at: null })
          .returning('id')
          .executeTakeFirstOrThrow();
        user = { id: row.id, email, admin: false, adminFromGroups: false };
        outcome = 'created';
        await audit.append({
          actor,
          action: 'user.created',
          target: `user:${row.id}`,
          data: { admin: false, email, issuer: claims.issuer, subject: claims.subject, via: 'oidc' },
        });
      }
      await trx
        .insertInto('user_identities')
        .values({
          issuer: claims.issuer,
          subject: claims.subject,
          user_id: user.id,
          admin_from_groups: 0,
          created_at: at,
          last_sign_in_at: at,
        })
        .execute();
      if (outcome === 'linked')
        await audit.append({
          actor,
          action: 'user.oidc-linked',
          target: `user:${user.id}`,
          data: { email, issuer: claims.issuer, subject: claims.subject },
        });
    }

    // Admin rights from groups: granted while the user is in one; withdrawn when they leave, but only
    // when the groups granted them (an administrator made otherwise stays one).
    const grant = inAdminGroup && !user.admin;
    const withdraw = !inAdminGroup && user.adminFromGroups;
    if (grant || withdraw) {
      await trx
        .updateTable('users')
        .set({ admin: grant ? 1 : 0 })
        .where('id', '=', user.id)
        .execute();
      await trx
        .updateTable('user_identities')
        .set({ admin_from_groups: grant ? 1 : 0 })
        .where('issuer', '=', claims.issuer)
        .where('subject', '=', claims.subject)
        .execute();
      await audit.append({
        actor,
        action: grant ? 'user.admin-granted' : 'user.admin-withdrawn',
        target: `user:${user.id}`,
        data: { groups: claims.groups.filter((g) => settings.adminGroups.has(g)), via: 'oidc' },
      });
    }
    return { userId: user.id, outcome };
  });
}
