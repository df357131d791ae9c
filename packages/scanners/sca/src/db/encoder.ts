import { Worker } from 'node:worker_threads';
import type { RecordCodec } from './codec.js';

/**
 * Compresses records for a build, off the main thread when it can. Compression is the largest single
 * cost of an import (about 45 µs a record, most of it zlib's per-call overhead), while the main thread
 * parses, validates and inserts; one worker thread doing the compression brings a 200k-record import
 * from about 39 s to about half that on two cores. Batches come back in the order they were sent.
 */
export interface RecordEncoder {
  encode(texts: string[]): Promise<Buffer[]>;
  close(): Promise<void>;
}

// Plain CommonJS, evaluated in the worker: needs nothing but Node's zlib, so it runs the same from the
// TypeScript sources (tests) and from the compiled package.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { deflateRawSync } = require('node:zlib');
const dictionary = Buffer.from(workerData.dictionary);
parentPort.on('message', ({ joined, count }) => {
  // Records arrive as one transferred buffer of minified JSON joined by newlines (JSON.stringify never
  // writes a raw newline), and leave as one transferred buffer: cloning strings and zlib's results (views
  // of larger buffers, which would be copied whole) cost more than the compression saves.
  const input = Buffer.from(joined.buffer, joined.byteOffset, joined.byteLength);
  const blobs = [];
  let start = 0;
  for (let index = 0; index < count; index++) {
    let end = input.indexOf(10, start);
    if (end === -1) end = input.length;
    blobs.push(deflateRawSync(input.subarray(start, end), { dictionary }));
    start = end + 1;
  }
  const lengths = new Uint32Array(blobs.length);
  const data = new Uint8Array(blobs.reduce((sum, blob) => sum + blob.length, 0));
  let offset = 0;
  blobs.forEach((blob, index) => {
    data.set(blob, offset);
    offset += blob.length;
    lengths[index] = blob.length;
  });
  parentPort.postMessage({ data, lengths }, [data.buffer, lengths.buffer]);
});
`;

/** In-thread encoding: for small imports and when a worker cannot be started. */
class InlineEncoder implements RecordEncoder {
  constructor(private readonly codec: RecordCodec) {}
  encode(texts: string[]): Promise<Buffer[]> {
    return Promise.resolve(texts.map((text) => this.codec.encode(text)));
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}

class WorkerEncoder implements RecordEncoder {
  private readonly waiting: { resolve: (blobs: Buffer[]) => void; reject: (error: Error) => void }[] = [];
  private failure: Error | undefined;

  constructor(private readonly worker: Worker) {
    worker.on('message', ({ data, lengths }: { data: Uint8Array; lengths: Uint32Array }) => {
      const blobs: Buffer[] = [];
      let offset = data.byteOffset;
      for (const length of lengths) {
        blobs.push(Buffer.from(data.buffer, offset, length));
        offset += length;
      }
      this.waiting.shift()?.resolve(blobs);
    });
    const fail = (error: Error): void => {
      this.failure = error;
      for (const pending of this.waiting.splice(0)) pending.reject(error);
    };
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (this.waiting.length > 0) fail(new Error(`the compression worker stopped (exit code ${code})`));
    });
  }

  encode(texts: string[]): Promise<Buffer[]> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      const text = texts.join('\n');
      // A buffer of its own (never Node's shared pool, which must not be transferred away).
      const bytes = new Uint8Array(Buffer.byteLength(text));
      Buffer.from(bytes.buffer).write(text);
      this.worker.postMessage({ joined: bytes, count: texts.length }, [bytes.buffer]);
    });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}

/**
 * Starts in-thread and moves to a worker thread at the first batch of at least `minWorkerBatch`
 * records, so that small imports do not pay for starting a thread. Batches resolve in order either way
 * (callers store a batch only after the one before it).
 */
class AdaptiveEncoder implements RecordEncoder {
  private worker: RecordEncoder | undefined;
  private readonly inline: InlineEncoder;

  constructor(
    private readonly codec: RecordCodec,
    private readonly minWorkerBatch: number,
  ) {
    this.inline = new InlineEncoder(codec);
  }

  encode(texts: string[]): Promise<Buffer[]> {
    if (!this.worker && texts.length >= this.minWorkerBatch) this.worker = startWorker(this.codec);
    return (this.worker ?? this.inline).encode(texts);
  }

  async close(): Promise<void> {
    await this.worker?.close();
  }
}

function startWorker(codec: RecordCodec): RecordEncoder {
  const dictionary = codec.dictionaryForWorker;
  if (!dictionary) return new InlineEncoder(codec);
  try {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { dictionary } });
    worker.unref();
    return new WorkerEncoder(worker);
  } catch {
    return new InlineEncoder(codec);
  }
}

/** An encoder for a build: in-thread for small batches, a worker thread once batches reach `minWorkerBatch`. */
export function createEncoder(codec: RecordCodec, minWorkerBatch: number): RecordEncoder {
  return new AdaptiveEncoder(codec, minWorkerBatch);
}
