import { createHash, sign, verify, type KeyObject } from 'node:crypto';
import { canonicalJson } from '../canonical-json.js';

/** The `prev_hash` of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** What an audit entry records: who did what to which target, when and why. */
export interface AuditEntryContent {
  /** Milliseconds since the Unix epoch. */
  at: number;
  /** Who: a user, a token name, or `system` for automatic transitions. */
  actor: string;
  /** What, as `<object>.<verb>`: `scan.ingested`, `finding.fixed`, `finding.triaged`, ... */
  action: string;
  /** Which object: `project:<name>`, `finding:<id>`, `scan:<id>`. */
  target: string;
  reason: string | null;
  /** Details of the action; any JSON value, or null. */
  data: unknown;
}

export interface AuditEntry extends AuditEntryContent {
  seq: number;
  prevHash: string;
  hash: string;
}

export interface AuditCheckpoint {
  /** The audit entry this checkpoint seals (and with it, through the chain, every earlier one). */
  seq: number;
  hash: string;
  at: number;
  keyId: string;
  /** Base64 Ed25519 signature of `checkpointMessage`. */
  signature: string;
}

/**
 * The hash of an entry: SHA-256 over the previous entry's hash and the canonical JSON of this entry's
 * content. The sequence number is deliberately not hashed: an entry's position is defined by the chain
 * (its `prevHash`), so that a verifier can tell an entry moved elsewhere (intact, but linked to another
 * predecessor) from an entry whose content was edited.
 */
export function entryHash(prevHash: string, content: AuditEntryContent): string {
  const body = canonicalJson({
    action: content.action,
    actor: content.actor,
    at: content.at,
    data: content.data,
    reason: content.reason,
    target: content.target,
  });
  return createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}

/** The bytes a checkpoint signs. */
export function checkpointMessage(c: Pick<AuditCheckpoint, 'seq' | 'hash' | 'at' | 'keyId'>): Buffer {
  return Buffer.from(
    canonicalJson({ at: c.at, hash: c.hash, keyId: c.keyId, seq: c.seq, type: 'rampart-audit-checkpoint' }),
  );
}

export function signCheckpoint(
  privateKey: KeyObject,
  keyId: string,
  seq: number,
  hash: string,
  at: number,
): AuditCheckpoint {
  const signature = sign(null, checkpointMessage({ seq, hash, at, keyId }), privateKey).toString('base64');
  return { seq, hash, at, keyId, signature };
}

export function checkpointSignatureValid(publicKey: KeyObject, checkpoint: AuditCheckpoint): boolean {
  try {
    return verify(
      null,
      checkpointMessage(checkpoint),
      publicKey,
      Buffer.from(checkpoint.signature, 'base64'),
    );
  } catch {
    return false;
  }
}
