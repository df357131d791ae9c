/** What a command may touch of the outside world; tests pass their own. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  /** Terminal width for progress lines. */
  columns: number;
  /** Reads all of standard input (for `scan --stdin`). */
  readStdin?: () => Promise<string>;
  /**
   * Reads a secret (a password): typed without echo on a terminal, else the first line of standard input.
   * Secrets never come from arguments, which other users can see in the process list.
   */
  readSecret?: (prompt: string) => Promise<string>;
}

/** Standard input larger than this is refused: a scan of piped manifests never needs more. */
export const STDIN_LIMIT = 64 * 1024 * 1024;

async function readAllStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > STDIN_LIMIT) throw new Error(`standard input is larger than ${STDIN_LIMIT / 1024 / 1024} MB`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** A line typed on the terminal without echo. */
function promptHidden(prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    process.stderr.write(prompt);
    stdin.setRawMode(true);
    stdin.resume();
    let text = '';
    const done = (error?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.removeListener('data', onData);
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(text);
    };
    const onData = (chunk: Buffer) => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\r' || char === '\n') return done();
        if (char === '\u0003') return done(new Error('cancelled'));
        if (char === '\u007f' || char === '\b') text = text.slice(0, -1);
        else text += char;
      }
    };
    stdin.on('data', onData);
  });
}

async function readSecret(prompt: string): Promise<string> {
  if (process.stdin.isTTY) return promptHidden(prompt);
  const all = await readAllStdin();
  return all.split(/\r?\n/)[0] ?? '';
}

export function processIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    stdoutIsTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    env: process.env,
    cwd: process.cwd(),
    columns: process.stderr.columns ?? 80,
    readStdin: readAllStdin,
    readSecret,
  };
}

/** Exit codes, documented in docs/cli.md. */
export const EXIT = { ok: 0, policyFailed: 1, error: 2 } as const;
