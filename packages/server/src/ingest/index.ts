import type { IngestResult, Store } from '../store.js';
import { parseUpload, type Upload } from './upload.js';

/**
 * Ingest one upload: validate and convert it (throws `IngestError` naming the problem), then record it
 * in one transaction. Re-uploading the same scan (project, branch, commit, tool and content) changes
 * nothing and returns the first upload's scan with `duplicate: true`.
 */
export async function ingest(store: Store, upload: Upload): Promise<IngestResult> {
  return store.recordScan(parseUpload(upload));
}

export { parseUpload, type Upload };
