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
  };
}

/** Exit codes, documented in docs/cli.md. */
export const EXIT = { ok: 0, policyFailed: 1, error: 2 } as const;
