import { close, closeSync, createReadStream, fstatSync, openSync, readSync, type Dirent } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { Readable } from 'node:stream';
import { crc32, createGunzip, inflateRawSync } from 'node:zlib';
import yauzl from 'yauzl';
import { AdvisoryDbError } from './errors.js';

/**
 * Reading OSV records out of the import sources: a directory of `*.json` files, a zip with one record
 * per entry (OSV's `all.zip`), a JSONL file (optionally gzip-compressed) with one record per line, or
 * one `.json` file. Everything is streamed: one record is in memory at a time.
 */

export type SourceKind = 'directory' | 'zip' | 'jsonl' | 'jsonl.gz' | 'json';

/** One record's text, or why a record could not be read; `where` is a file or entry name. */
export type SourceItem =
  | { where: string; line?: number; text: string }
  | { where: string; line?: number; text?: undefined; error: string };

/** The largest record accepted (uncompressed). The biggest real OSV records are a few MB. */
export const MAX_RECORD_BYTES = 32 * 1024 * 1024;

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

function decode(bytes: Uint8Array): string | undefined {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

/** What kind of source a path is, from the file system and the name. */
export async function detectSource(path: string): Promise<SourceKind> {
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    throw new AdvisoryDbError(`cannot read import source ${path}: ${(error as Error).message}`, 'source', {
      cause: error,
    });
  }
  if (info.isDirectory()) return 'directory';
  const lower = path.toLowerCase();
  if (lower.endsWith('.zip')) return 'zip';
  if (lower.endsWith('.jsonl.gz') || lower.endsWith('.ndjson.gz')) return 'jsonl.gz';
  if (lower.endsWith('.jsonl') || lower.endsWith('.ndjson')) return 'jsonl';
  if (lower.endsWith('.json')) return 'json';
  throw new AdvisoryDbError(
    `cannot import ${path}: expected a directory of OSV .json files, a .zip (such as OSV's all.zip), a .jsonl or a .jsonl.gz file`,
    'source',
  );
}

/** The records of a source, in a stable order (directory entries and zip entries sorted by name). */
export function readSource(path: string, kind: SourceKind): AsyncGenerator<SourceItem> {
  switch (kind) {
    case 'directory':
      return readDirectory(path);
    case 'zip':
      return readZip(path);
    case 'jsonl':
      return readLines(createReadStream(path), path);
    case 'jsonl.gz':
      return readLines(createReadStream(path).pipe(createGunzip()), path);
    case 'json':
      return readJsonFile(path, path);
  }
}

async function* readJsonFile(file: string, where: string): AsyncGenerator<SourceItem> {
  let bytes: Buffer;
  try {
    if ((await stat(file)).size > MAX_RECORD_BYTES) {
      yield { where, error: `file is larger than ${MAX_RECORD_BYTES} bytes` };
      return;
    }
    bytes = await readFile(file);
  } catch (error) {
    yield { where, error: `cannot read the file: ${(error as Error).message}` };
    return;
  }
  const text = decode(bytes);
  yield text === undefined ? { where, error: 'file is not valid UTF-8' } : { where, text };
}

async function* readDirectory(root: string): AsyncGenerator<SourceItem> {
  const pending = [root];
  // Depth-first over sorted names; hidden entries (.git) are skipped and symbolic links not followed.
  while (pending.length > 0) {
    const dir = pending.pop()!;
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      throw new AdvisoryDbError(`cannot read directory ${dir}: ${(error as Error).message}`, 'source', {
        cause: error,
      });
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const subdirs: string[] = [];
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) subdirs.push(full);
      else if (entry.isFile() && entry.name.toLowerCase().endsWith('.json'))
        yield* readJsonFile(full, relative(root, full).split('\\').join('/'));
    }
    pending.push(...subdirs.reverse());
  }
}

/**
 * yauzl reader doing synchronous positional reads through a read-ahead window. yauzl's own file reader
 * makes a thread-pool round trip per read, two per central-directory entry, which made a 200k-entry
 * archive (the size of OSV's npm `all.zip`) take 40 s longer than the same records as JSONL; the
 * window serves the sequential directory reads from memory. Callbacks still run asynchronously.
 */
class PositionalReader extends yauzl.RandomAccessReader {
  private window = Buffer.alloc(0);
  private windowStart = 0;

  constructor(private readonly fd: number) {
    super();
  }

  override read(
    buffer: Buffer,
    offset: number,
    length: number,
    position: number,
    callback: (err: Error | null, bytesRead?: number) => void,
  ): void {
    let error: Error | null = null;
    let done = 0;
    try {
      const end = this.windowStart + this.window.length;
      if (position < this.windowStart || position + length > end) {
        const size = Math.max(length, READ_AHEAD);
        const window = Buffer.allocUnsafe(size);
        this.window = window.subarray(0, readFully(this.fd, window, 0, size, position));
        this.windowStart = position;
      }
      const from = position - this.windowStart;
      done = this.window.copy(buffer, offset, from, Math.min(from + length, this.window.length));
    } catch (caught) {
      error = caught as Error;
    }
    process.nextTick(callback, error, done);
  }

  override _readStreamForRange(start: number, end: number): Readable {
    return createReadStream('', { fd: this.fd, start, end: end - 1, autoClose: false });
  }

  override close(callback: (err: Error | null) => void): void {
    close(this.fd, callback);
  }
}

const READ_AHEAD = 256 * 1024;
const LOCAL_HEADER = 0x04034b50;

/**
 * An entry's stored bytes, read with its local header in one positional read (the local header's name
 * and extra field may differ in length from the central directory's, so a little more is read).
 */
function readEntryData(fd: number, entry: yauzl.Entry): Buffer | string {
  const guess = 30 + entry.fileNameLength + entry.extraFieldLength + 256;
  const buffer = Buffer.allocUnsafe(guess + entry.compressedSize);
  const got = readFully(fd, buffer, 0, buffer.length, entry.relativeOffsetOfLocalHeader);
  if (got < 30 || buffer.readUInt32LE(0) !== LOCAL_HEADER) return 'entry has no valid local header';
  const start = 30 + buffer.readUInt16LE(26) + buffer.readUInt16LE(28);
  const end = start + entry.compressedSize;
  if (end <= got) return buffer.subarray(start, end);
  const data = Buffer.allocUnsafe(entry.compressedSize);
  if (readFully(fd, data, 0, data.length, entry.relativeOffsetOfLocalHeader + start) < data.length)
    return 'entry is cut short (the zip file is truncated)';
  return data;
}

function readFully(fd: number, buffer: Buffer, offset: number, length: number, position: number): number {
  let done = 0;
  while (done < length) {
    const read = readSync(fd, buffer, offset + done, length - done, position + done);
    if (read === 0) break;
    done += read;
  }
  return done;
}

async function* readZip(path: string): AsyncGenerator<SourceItem> {
  let zip: yauzl.ZipFile;
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    throw new AdvisoryDbError(`cannot read zip ${path}: ${(error as Error).message}`, 'source', {
      cause: error,
    });
  }
  try {
    zip = await yauzl.fromRandomAccessReaderPromise(new PositionalReader(fd), fstatSync(fd).size, {
      lazyEntries: true,
      autoClose: false,
      validateEntrySizes: true,
    });
  } catch (error) {
    closeSync(fd);
    throw new AdvisoryDbError(`cannot read zip ${path}: ${(error as Error).message}`, 'source', {
      cause: error,
    });
  }
  try {
    for await (const entry of zip.eachEntry()) {
      const where = entry.fileName;
      if (where.endsWith('/') || !where.toLowerCase().endsWith('.json')) continue;
      const problem = entryProblem(entry);
      if (problem) {
        yield { where, error: problem };
        continue;
      }
      // The raw bytes, inflated and checked here: yauzl's streams cost more than the records, and yauzl
      // does not verify the CRC-32.
      const raw = readEntryData(fd, entry);
      if (typeof raw === 'string') {
        yield { where, error: raw };
        continue;
      }
      let data: Buffer;
      try {
        data =
          entry.compressionMethod === 8 ? inflateRawSync(raw, { maxOutputLength: MAX_RECORD_BYTES }) : raw;
      } catch (error) {
        yield { where, error: `cannot inflate entry: ${(error as Error).message}` };
        continue;
      }
      if (data.length !== entry.uncompressedSize || crc32(data) !== entry.crc32) {
        yield { where, error: 'entry is damaged (size or CRC-32 does not match the zip directory)' };
        continue;
      }
      const text = decode(data);
      yield text === undefined ? { where, error: 'entry is not valid UTF-8' } : { where, text };
    }
  } catch (error) {
    if (error instanceof AdvisoryDbError) throw error;
    throw new AdvisoryDbError(`cannot read zip ${path}: ${(error as Error).message}`, 'source', {
      cause: error,
    });
  } finally {
    zip.close();
  }
}

function entryProblem(entry: yauzl.Entry): string | undefined {
  if (entry.isEncrypted()) return 'entry is encrypted';
  if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8)
    return `entry uses compression method ${entry.compressionMethod} (only stored and deflate are supported)`;
  if (entry.uncompressedSize > MAX_RECORD_BYTES) return `entry is larger than ${MAX_RECORD_BYTES} bytes`;
  return undefined;
}

/** Split a byte stream into lines without holding more than one line (capped) in memory. */
async function* readLines(stream: Readable, path: string): AsyncGenerator<SourceItem> {
  const where = path;
  let parts: Buffer[] = [];
  let pendingBytes = 0;
  let tooLong = false;
  let line = 0;
  const finish = (tail: Buffer): SourceItem | undefined => {
    line++;
    if (tooLong) return { where, line, error: `line is longer than ${MAX_RECORD_BYTES} bytes` };
    let bytes = parts.length === 0 ? tail : Buffer.concat([...parts, tail]);
    if (bytes.length > 0 && bytes[bytes.length - 1] === 0x0d) bytes = bytes.subarray(0, -1);
    if (bytes.length === 0) return undefined;
    const text = decode(bytes);
    if (text === undefined) return { where, line, error: 'line is not valid UTF-8' };
    return text.trim() === '' ? undefined : { where, line, text };
  };
  try {
    for await (const chunk of stream) {
      const buffer = chunk as Buffer;
      let start = 0;
      for (let nl = buffer.indexOf(0x0a); nl !== -1; nl = buffer.indexOf(0x0a, start)) {
        const item = finish(buffer.subarray(start, nl));
        if (item) yield item;
        parts = [];
        pendingBytes = 0;
        tooLong = false;
        start = nl + 1;
      }
      const rest = buffer.subarray(start);
      if (rest.length > 0 && !tooLong) {
        pendingBytes += rest.length;
        if (pendingBytes > MAX_RECORD_BYTES) {
          tooLong = true;
          parts = [];
        } else parts.push(Buffer.from(rest));
      }
    }
  } catch (error) {
    throw new AdvisoryDbError(
      `cannot read ${path} (after line ${line}): ${(error as Error).message}`,
      'source',
      {
        cause: error,
      },
    );
  }
  if (parts.length > 0 || tooLong) {
    const item = finish(Buffer.alloc(0));
    if (item) yield item;
  }
}
