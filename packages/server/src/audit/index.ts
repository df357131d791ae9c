import type { KeyObject } from 'node:crypto';
import { canonicalJson } from '../canonical-json.js';
import type { AuditCheckpoint, AuditEntry } from './chain.js';
import type { Store } from '../store.js';
import { publicKeyFromPem } from './keys.js';
import { verifyAuditRecords, type AuditVerification } from './verify.js';

/**
 * Verify the store's audit log against the server's public key (a KeyObject or SPKI PEM): detects an
 * edited, a deleted and a reordered entry, and checkpoints that were not signed by that key.
 */
export async function verifyAudit(store: Store, publicKey: KeyObject | string): Promise<AuditVerification> {
  const key = typeof publicKey === 'string' ? publicKeyFromPem(publicKey) : publicKey;
  return verifyAuditRecords(store.auditEntries(), await store.auditCheckpoints(), key);
}

/**
 * The audit log as JSON lines: one canonical JSON object per entry (`"type": "entry"`), each followed
 * by the checkpoint that seals it, if any (`"type": "checkpoint"`). `verifyAuditExport` checks such a file.
 */
export async function* exportAuditJsonl(store: Store): AsyncIterable<string> {
  const checkpoints = new Map((await store.auditCheckpoints()).map((c) => [c.seq, c]));
  for await (const entry of store.auditEntries()) {
    yield canonicalJson({ type: 'entry', ...entry }) + '\n';
    const checkpoint = checkpoints.get(entry.seq);
    if (checkpoint !== undefined) yield canonicalJson({ type: 'checkpoint', ...checkpoint }) + '\n';
  }
}

/** Verify an export written by `exportAuditJsonl` (its text), offline, against the public key. */
export async function verifyAuditExport(
  text: string,
  publicKey: KeyObject | string,
): Promise<AuditVerification> {
  const key = typeof publicKey === 'string' ? publicKeyFromPem(publicKey) : publicKey;
  const entries: AuditEntry[] = [];
  const checkpoints: AuditCheckpoint[] = [];
  for (const [index, line] of text.split('\n').entries()) {
    if (line.trim() === '') continue;
    let record: Record<string, unknown>;
    try {
      record = JSON.parse(line) as Record<string, unknown>;
    } catch {
      throw new SyntaxError(`audit export line ${index + 1} is not JSON`);
    }
    const { type, ...rest } = record;
    if (type === 'entry') entries.push(rest as unknown as AuditEntry);
    else if (type === 'checkpoint') checkpoints.push(rest as unknown as AuditCheckpoint);
    else throw new SyntaxError(`audit export line ${index + 1} has an unknown type`);
  }
  return verifyAuditRecords(entries, checkpoints, key);
}
