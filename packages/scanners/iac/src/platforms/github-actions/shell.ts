/**
 * Shell scripts embedded in YAML (`run:` in GitHub Actions, `script:` in GitLab CI): their lines with file
 * offsets, read from the node's source text so that block scalars (`|`, `>`) map back to the real lines.
 */
import type { YamlDocument } from '../../yaml/load.js';

/** One physical line of a script, with file offsets (end exclusive, without the newline). */
export interface ScriptLine {
  text: string;
  start: number;
  end: number;
}

/** One command line: physical lines joined where the shell (or YAML folding) joins them. */
export interface LogicalLine {
  /** The joined text (continuations and folds become spaces). */
  text: string;
  /** Offset of the first non-blank character of the first physical line. */
  start: number;
  end: number;
  lines: ScriptLine[];
}

function isBlank(text: string): boolean {
  return text.trim() === '';
}

/** The physical lines of the string node at `path` (empty when the node is not a string). */
export function scriptLines(
  file: YamlDocument,
  path: readonly (string | number)[],
): { lines: ScriptLine[]; literal: boolean } {
  if (!file.has(path)) return { lines: [], literal: false };
  const { start, end } = file.locate(path);
  const source = file.text.slice(start, end);
  const first = source[0];
  let body = 0;
  let literal = false;
  if (first === '|' || first === '>') {
    literal = first === '|';
    const newline = source.indexOf('\n');
    if (newline < 0) return { lines: [], literal };
    body = newline + 1;
  } else if (first === '"' || first === "'") body = 1;
  const lines: ScriptLine[] = [];
  let lineStart = body;
  while (lineStart <= source.length) {
    let lineEnd = source.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = source.length;
    let text = source.slice(lineStart, lineEnd);
    if (text.endsWith('\r')) text = text.slice(0, -1);
    if ((first === '"' || first === "'") && lineEnd === source.length && text.endsWith(first))
      text = text.slice(0, -1);
    const indent = text.length - text.trimStart().length;
    if (!isBlank(text))
      lines.push({
        text: text.trim(),
        start: start + lineStart + indent,
        end: start + lineStart + text.trimEnd().length,
      });
    else lines.push({ text: '', start: start + lineStart, end: start + lineStart });
    if (lineEnd >= source.length) break;
    lineStart = lineEnd + 1;
  }
  return { lines, literal };
}

/** Whether a shell line continues on the next: a trailing `\`, or a trailing `|`, `&&`, `||`. */
function continues(text: string): boolean {
  const code = stripComment(text).trimEnd();
  return code.endsWith('\\') || code.endsWith('|') || code.endsWith('&&');
}

/**
 * Command lines of the script at `path`. Literal blocks (`|`) keep their lines, joining `\` continuations;
 * folded and flow scalars join each paragraph into one line, as YAML does.
 */
export function logicalLines(file: YamlDocument, path: readonly (string | number)[]): LogicalLine[] {
  const { lines, literal } = scriptLines(file, path);
  const out: LogicalLine[] = [];
  let current: ScriptLine[] = [];
  const flush = (): void => {
    const first = current[0];
    const last = current[current.length - 1];
    if (first && last) {
      const text = current
        .map((l) => {
          if (!literal) return l.text;
          const code = current.length > 1 ? stripComment(l.text).trimEnd() : l.text;
          return code.endsWith('\\') ? code.slice(0, -1) : code;
        })
        .join(' ')
        .trim();
      out.push({ text, start: first.start, end: last.end, lines: current });
    }
    current = [];
  };
  for (const line of lines) {
    if (line.text === '') {
      flush();
      continue;
    }
    current.push(line);
    if (literal && !continues(line.text)) flush();
  }
  flush();
  return out;
}

/** The text with the inside of each `${{ ... }}` replaced by `_` (same length), so `||` in it splits nothing. */
export function maskExpressions(text: string): string {
  let out = '';
  let from = 0;
  for (;;) {
    const open = text.indexOf('${{', from);
    const close = open < 0 ? -1 : text.indexOf('}}', open + 3);
    if (close < 0) return out + text.slice(from);
    out += text.slice(from, open + 3) + '_'.repeat(close - open - 3) + '}}';
    from = close + 2;
  }
}

/** The text without a trailing shell comment (` # ...` outside quotes); `''` for a comment line. */
export function stripComment(text: string): string {
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = '';
      else if (c === '\\' && quote === '"') i++;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '\\') i++;
    else if (c === '#' && (i === 0 || text[i - 1] === ' ' || text[i - 1] === '\t')) return text.slice(0, i);
  }
  return text;
}

/**
 * Splits a command line into simple commands at `|`, `||`, `&&`, `;` and `&` outside quotes. Each part
 * records the operator that precedes it (`''` for the first).
 */
export function splitCommands(text: string): { text: string; before: string }[] {
  const out: { text: string; before: string }[] = [];
  let quote = '';
  let depth = 0;
  let from = 0;
  let before = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = '';
      else if (c === '\\' && quote === '"') i++;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '\\') i++;
    else if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if (depth === 0 && (c === '|' || c === '&' || c === ';')) {
      const next = text[i + 1];
      // `>&2`, `2>&1`, `&>`: redirections, not separators.
      if (c === '&' && (text[i - 1] === '>' || text[i - 1] === '<' || next === '>')) continue;
      let op: string = c;
      if ((c === '|' || c === '&') && next === c) op = c + c;
      out.push({ text: text.slice(from, i).trim(), before });
      before = op;
      i += op.length - 1;
      from = i + 1;
    }
  }
  out.push({ text: text.slice(from).trim(), before });
  return out.filter((part) => part.text !== '');
}

/** Words of a simple command (whitespace separated; quotes kept). */
export function words(command: string): string[] {
  return command.split(/\s+/).filter((w) => w !== '');
}

/**
 * The program a simple command runs: skips `sudo` and its options, `env`, `exec`, `time`, `command` and
 * `NAME=value` assignments, strips a directory (`/bin/bash` → `bash`), lowercases.
 */
export function commandName(command: string): { name: string; rest: string[] } {
  const list = words(command.replace(/^[({]+/, ''));
  let i = 0;
  while (i < list.length) {
    const word = list[i] ?? '';
    const lower = word.toLowerCase();
    if (
      lower === 'sudo' ||
      lower === 'env' ||
      lower === 'exec' ||
      lower === 'time' ||
      lower === 'command' ||
      lower === 'nohup'
    ) {
      i++;
      while (i < list.length && (list[i] ?? '').startsWith('-')) {
        const option = list[i] ?? '';
        i++;
        // `sudo -u user`, `sudo -g group`: options with a value.
        if (lower === 'sudo' && (option === '-u' || option === '-g')) i++;
      }
      continue;
    }
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(word)) {
      i++;
      continue;
    }
    break;
  }
  const word = list[i] ?? '';
  const unquoted = word.replace(/^["']/, '').replace(/["']$/, '');
  const name = unquoted.slice(unquoted.lastIndexOf('/') + 1).toLowerCase();
  return { name, rest: list.slice(i + 1) };
}

const DOWNLOADERS = new Set(['curl', 'wget', 'iwr', 'invoke-webrequest', 'irm', 'invoke-restmethod']);
const INTERPRETERS = new Set([
  'sh',
  'bash',
  'zsh',
  'dash',
  'ksh',
  'fish',
  'python',
  'python2',
  'python3',
  'perl',
  'ruby',
  'node',
  'php',
  'pwsh',
  'powershell',
  'iex',
  'invoke-expression',
  'source',
  '.',
]);

/** Whether `text` has `open` directly followed by a download command (`$(curl`, `<( wget`). */
function opensDownload(text: string, open: string): boolean {
  for (let i = text.indexOf(open); i >= 0; i = text.indexOf(open, i + 1)) {
    const inner = text.slice(i + open.length).trimStart();
    const name = (inner.split(/[\s)]/)[0] ?? '').replace(/^["']/, '');
    if (DOWNLOADERS.has(name.slice(name.lastIndexOf('/') + 1))) return true;
    if (inner.startsWith('(new-object') || inner.startsWith('new-object')) {
      if (inner.includes('downloadstring')) return true;
    }
  }
  return false;
}

/** Whether a simple command prints a download to stdout (`curl …`, `(New-Object Net.WebClient).DownloadString(…)`). */
function downloads(command: string): boolean {
  return DOWNLOADERS.has(commandName(command).name) || command.toLowerCase().includes('.downloadstring(');
}

/** A command that runs the output of a download it makes itself: `bash <(curl …)`, `sh -c "$(curl …)"`. */
function runsInlineDownload(command: string, name: string): boolean {
  const lower = command.toLowerCase();
  if (name === 'eval' || name === 'iex' || name === 'invoke-expression')
    return opensDownload(lower, '$(') || opensDownload(lower, '`') || opensDownload(lower, '(');
  if (!INTERPRETERS.has(name)) return false;
  if (opensDownload(lower, '<(')) return true;
  const list = words(lower);
  const flag = list.findIndex((w) => w === '-c' || w === '-command');
  if (flag < 0) return false;
  const script = list.slice(flag + 1).join(' ');
  return opensDownload(script, '$(') || opensDownload(script, '`');
}

/**
 * Whether a command line downloads a script and runs it unverified: `curl … | sh`, `wget -O- … | sudo bash`,
 * `bash <(curl …)`, `sh -c "$(curl …)"`, `iwr … | iex`.
 */
export function pipesDownloadToShell(line: string): boolean {
  const commands = splitCommands(stripComment(maskExpressions(line)));
  for (let i = 0; i < commands.length; i++) {
    const command = commands[i];
    if (!command) continue;
    const { name } = commandName(command.text);
    const previous = commands[i - 1];
    if (INTERPRETERS.has(name) && command.before === '|' && previous && downloads(previous.text)) return true;
    if (runsInlineDownload(command.text, name)) return true;
  }
  return false;
}
