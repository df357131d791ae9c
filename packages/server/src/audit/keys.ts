import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
} from 'node:crypto';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { StoreConfigError } from '../errors.js';

/** The file in the data directory that holds the server's Ed25519 signing key (PKCS#8 PEM, mode 0600). */
export const SIGNING_KEY_FILE = 'audit-signing-key.pem';

export interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** The public key as SPKI PEM: what `verifyAudit` needs. */
  publicKeyPem: string;
  /** First 16 hex digits of the SHA-256 of the public key (DER): names the key in checkpoints. */
  keyId: string;
}

export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 16);
}

function fromPrivate(privateKey: KeyObject): SigningKey {
  if (privateKey.asymmetricKeyType !== 'ed25519')
    throw new StoreConfigError(
      `the audit signing key is ${privateKey.asymmetricKeyType ?? 'unknown'}, expected ed25519`,
    );
  const publicKey = createPublicKey(privateKey);
  return {
    privateKey,
    publicKey,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    keyId: keyIdOf(publicKey),
  };
}

/**
 * Load the signing key from `<dataDir>/audit-signing-key.pem`, or create it (mode 0600) on first start.
 * Refuses a key file that others can read or write.
 */
export function loadOrCreateSigningKey(dataDir: string): SigningKey {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const path = join(dataDir, SIGNING_KEY_FILE);
  let pem: string;
  try {
    pem = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    const { privateKey } = generateKeyPairSync('ed25519');
    pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    try {
      // `wx`: never overwrite a key another process created meanwhile (then read that one).
      writeFileSync(path, pem, { mode: 0o600, flag: 'wx' });
    } catch (writeError) {
      if ((writeError as NodeJS.ErrnoException).code !== 'EEXIST') throw writeError;
      pem = readFileSync(path, 'utf8');
    }
  }
  if (process.platform !== 'win32') {
    const mode = statSync(path).mode & 0o777;
    if ((mode & 0o077) !== 0)
      throw new StoreConfigError(
        `${path} is accessible to other users (mode ${mode.toString(8)}): run \`chmod 600 ${path}\``,
      );
  }
  try {
    return fromPrivate(createPrivateKey(pem));
  } catch (error) {
    if (error instanceof StoreConfigError) throw error;
    throw new StoreConfigError(`${path} does not hold a valid private key`);
  }
}

/** A public key from SPKI PEM (what `SigningKey.publicKeyPem` holds), for verification. */
export function publicKeyFromPem(pem: string): KeyObject {
  return createPublicKey(pem);
}
