import type { KeyObject } from 'node:crypto';
import {
  checkpointSignatureValid,
  entryHash,
  GENESIS_HASH,
  type AuditCheckpoint,
  type AuditEntry,
} from './chain.js';
import { keyIdOf } from './keys.js';

export type AuditProblemKind =
  /** An entry's content no longer matches its hash, or a signed checkpoint no longer matches the entry. */
  | 'modified'
  /** Entries are missing: a gap in the sequence, or a checkpoint seals an entry that is gone. */
  | 'deleted'
  /** An intact entry follows another entry than the one it was written after. */
  | 'reordered'
  /** An entry does not follow its predecessor, which is nowhere in the log. */
  | 'chain-broken'
  /** A checkpoint's signature does not verify with the given public key. */
  | 'bad-signature';

export interface AuditProblem {
  kind: AuditProblemKind;
  seq: number;
  message: string;
}

export interface AuditVerification {
  ok: boolean;
  entries: number;
  checkpoints: number;
  /** The last entry sealed by a valid checkpoint (0 when none). */
  sealedThrough: number;
  /** Entries after the last valid checkpoint: their deletion could not be detected. */
  unsealed: number;
  problems: AuditProblem[];
}

/**
 * Verify an audit log: the hash chain of `entries` (in sequence order) and the Ed25519 signatures of
 * `checkpoints`. Reports every problem found, sorted by sequence number, rather than stopping at the first.
 */
export async function verifyAuditRecords(
  entries: AsyncIterable<AuditEntry> | Iterable<AuditEntry>,
  checkpoints: readonly AuditCheckpoint[],
  publicKey: KeyObject,
): Promise<AuditVerification> {
  const problems: AuditProblem[] = [];
  const hashes = new Map<number, string>();
  const allHashes = new Set<string>();
  const brokenLinks: { seq: number; prevHash: string }[] = [];
  let previous: AuditEntry | undefined;
  let count = 0;
  for await (const entry of entries) {
    count += 1;
    const expectedSeq = previous === undefined ? 1 : previous.seq + 1;
    if (entry.seq > expectedSeq) {
      const range = entry.seq - 1 === expectedSeq ? `${expectedSeq}` : `${expectedSeq} to ${entry.seq - 1}`;
      problems.push({ kind: 'deleted', seq: expectedSeq, message: `entry ${range} is missing` });
    }
    if (entryHash(entry.prevHash, entry) !== entry.hash)
      problems.push({
        kind: 'modified',
        seq: entry.seq,
        message: `entry ${entry.seq} does not match its hash`,
      });
    const expectedPrev = previous === undefined ? GENESIS_HASH : previous.hash;
    if (entry.prevHash !== expectedPrev && entry.seq === expectedSeq)
      brokenLinks.push({ seq: entry.seq, prevHash: entry.prevHash });
    hashes.set(entry.seq, entry.hash);
    allHashes.add(entry.hash);
    previous = entry;
  }
  for (const link of brokenLinks) {
    if (allHashes.has(link.prevHash) || link.prevHash === GENESIS_HASH)
      problems.push({
        kind: 'reordered',
        seq: link.seq,
        message: `entry ${link.seq} was written after another entry than entry ${link.seq - 1}: the log was reordered`,
      });
    else
      problems.push({
        kind: 'chain-broken',
        seq: link.seq,
        message: `entry ${link.seq} does not follow entry ${link.seq - 1}, and the entry it followed is gone: an entry was deleted or rewritten`,
      });
  }

  const keyId = keyIdOf(publicKey);
  let sealedThrough = 0;
  for (const checkpoint of [...checkpoints].sort((a, b) => a.seq - b.seq)) {
    if (checkpoint.keyId !== keyId || !checkpointSignatureValid(publicKey, checkpoint)) {
      problems.push({
        kind: 'bad-signature',
        seq: checkpoint.seq,
        message:
          checkpoint.keyId !== keyId
            ? `checkpoint at entry ${checkpoint.seq} was signed by key ${checkpoint.keyId}, not ${keyId}`
            : `checkpoint at entry ${checkpoint.seq} has an invalid signature`,
      });
      continue;
    }
    const hash = hashes.get(checkpoint.seq);
    if (hash === undefined) {
      problems.push({
        kind: 'deleted',
        seq: checkpoint.seq,
        message: `entry ${checkpoint.seq}, sealed by a signed checkpoint, is missing`,
      });
    } else if (hash !== checkpoint.hash) {
      problems.push({
        kind: 'modified',
        seq: checkpoint.seq,
        message: `entry ${checkpoint.seq} differs from the version sealed by a signed checkpoint`,
      });
    } else {
      sealedThrough = Math.max(sealedThrough, checkpoint.seq);
    }
  }
  problems.sort((a, b) => a.seq - b.seq || a.kind.localeCompare(b.kind));
  const lastSeq = previous?.seq ?? 0;
  return {
    ok: problems.length === 0,
    entries: count,
    checkpoints: checkpoints.length,
    sealedThrough,
    unsealed: Math.max(0, lastSeq - sealedThrough),
    problems,
  };
}
