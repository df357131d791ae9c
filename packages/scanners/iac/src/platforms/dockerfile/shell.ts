/**
 * A small POSIX shell lexer for RUN scripts: splits a script into simple commands (words with quotes removed
 * and file offsets kept) joined by operators. It understands quoting, escapes, `$(...)`, `${...}`, backquotes,
 * redirections (dropped from the words), here-documents inside the script, comments, `if/then/do` prefixes,
 * and nested `sh -c '...'` scripts. It never throws: odd input gives odd but harmless words.
 */
import type { MappedText, ShellCommand, ShellWord } from './model.js';

const PREFIX_WORDS = new Set(
  ['! { } ( ) then do else elif if while until time fi done esac'].join(' ').split(' '),
);
const SHELLS = new Set(['sh', 'bash', 'dash', 'zsh', 'ash', 'ksh', 'mksh']);
const MAX_DEPTH = 3;
const REDIRECTIONS = ['<<<', '<<-', '<<', '<&', '<>', '&>>', '&>', '>>', '>&', '>|', '<', '>'];

function isNameStart(c: string): boolean {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c === '_';
}

function isNameChar(c: string): boolean {
  return isNameStart(c) || (c >= '0' && c <= '9');
}

/** Whether `value` starts with `NAME=`. */
export function isAssignment(value: string): boolean {
  const eq = value.indexOf('=');
  if (eq <= 0 || !isNameStart(value.charAt(0))) return false;
  for (let i = 1; i < eq; i++) if (!isNameChar(value.charAt(i))) return false;
  return true;
}

class Lexer {
  private readonly text: string;
  private readonly map: number[];
  private i = 0;
  private readonly commands: ShellCommand[] = [];
  private words: ShellWord[] = [];
  private assignments: ShellWord[] = [];
  private before: string | null = null;
  // Current word.
  private value = '';
  private valueMap: number[] = [];
  private started = false;
  private quoted = false;
  private expansion = false;
  /** Length of the value when the first quote was met (-1: none). */
  private quoteAt = -1;
  private lastRaw = -1;
  private firstRaw = -1;
  // Redirections and here-documents.
  private redirectTarget = false;
  private heredocTarget: '' | '<<' | '<<-' = '';
  private heredocs: { delimiter: string; stripTabs: boolean }[] = [];

  constructor(
    source: MappedText,
    private readonly depth: number,
  ) {
    this.text = source.text;
    this.map = source.map;
  }

  private offset(index: number): number {
    return this.map[index] ?? this.map[this.map.length - 1] ?? 0;
  }

  private add(ch: string, index: number): void {
    if (!this.started) this.firstRaw = index;
    this.started = true;
    this.value += ch;
    this.valueMap.push(this.offset(index));
    this.lastRaw = index;
  }

  /** Adds `text[from, to)` as written. */
  private addRaw(from: number, to: number): void {
    for (let k = from; k < to && k < this.text.length; k++) this.add(this.text.charAt(k), k);
  }

  private finishWord(): void {
    if (!this.started) return;
    const word: ShellWord = {
      value: this.value,
      map: [...this.valueMap, this.offset(this.lastRaw) + 1],
      start: this.offset(this.firstRaw),
      end: this.offset(this.lastRaw) + 1,
      expansion: this.expansion,
      quoted: this.quoted,
    };
    this.value = '';
    this.valueMap = [];
    this.started = false;
    const quoteAt = this.quoteAt;
    this.quoted = false;
    this.quoteAt = -1;
    this.expansion = false;
    if (this.redirectTarget) {
      this.redirectTarget = false;
      if (this.heredocTarget !== '')
        this.heredocs.push({ delimiter: word.value, stripTabs: this.heredocTarget === '<<-' });
      this.heredocTarget = '';
      return;
    }
    if (this.words.length === 0) {
      if (isAssignment(word.value) && (quoteAt < 0 || quoteAt > word.value.indexOf('='))) {
        this.assignments.push(word);
        return;
      }
      if (!word.quoted && PREFIX_WORDS.has(word.value)) return;
    }
    this.words.push(word);
  }

  private endCommand(op: string | null): void {
    this.finishWord();
    if (this.words.length > 0 || this.assignments.length > 0) {
      this.commands.push({
        assignments: this.assignments,
        words: this.words,
        before: this.before,
        after: op,
        depth: this.depth,
      });
      this.words = [];
      this.assignments = [];
      this.before = op;
    } else if (op !== null && !(this.before === '|' || this.before === '&&' || this.before === '||')) {
      this.before = op;
    }
  }

  /** Index after the closing `close` matching the opening at `from` (which holds `open`). */
  private balanced(from: number, open: string, close: string): number {
    let level = 0;
    let k = from;
    const n = this.text.length;
    while (k < n) {
      const c = this.text.charAt(k);
      if (c === '\\') {
        k += 2;
        continue;
      }
      if (c === "'" && open === '(') {
        const endQuote = this.text.indexOf("'", k + 1);
        k = endQuote < 0 ? n : endQuote + 1;
        continue;
      }
      if (c === open) level++;
      else if (c === close) {
        level--;
        if (level === 0) return k + 1;
      }
      k++;
    }
    return n;
  }

  /** Reads a `$...` expansion at `i` into the word. */
  private dollar(): void {
    const next = this.text.charAt(this.i + 1);
    if (next === '(') {
      const end = this.balanced(this.i + 1, '(', ')');
      this.addRaw(this.i, end);
      this.expansion = true;
      this.i = end;
    } else if (next === '{') {
      const end = this.balanced(this.i + 1, '{', '}');
      this.addRaw(this.i, end);
      this.expansion = true;
      this.i = end;
    } else if (isNameStart(next)) {
      let k = this.i + 1;
      while (k < this.text.length && isNameChar(this.text.charAt(k))) k++;
      this.addRaw(this.i, k);
      this.expansion = true;
      this.i = k;
    } else if (next !== '' && '0123456789@*#?$!-'.includes(next)) {
      this.addRaw(this.i, this.i + 2);
      this.expansion = true;
      this.i += 2;
    } else {
      this.add('$', this.i);
      this.i++;
    }
  }

  private backquote(): void {
    let k = this.i + 1;
    while (k < this.text.length && this.text.charAt(k) !== '`') k += this.text.charAt(k) === '\\' ? 2 : 1;
    const end = Math.min(k + 1, this.text.length);
    this.addRaw(this.i, end);
    this.expansion = true;
    this.i = end;
  }

  private markQuoted(): void {
    if (!this.quoted) this.quoteAt = this.value.length;
    this.quoted = true;
  }

  private doubleQuoted(): void {
    this.markQuoted();
    if (!this.started) this.firstRaw = this.i;
    this.started = true;
    this.lastRaw = this.i;
    this.i++;
    const n = this.text.length;
    while (this.i < n) {
      const c = this.text.charAt(this.i);
      if (c === '"') {
        this.lastRaw = this.i;
        this.i++;
        return;
      }
      if (c === '\\') {
        const d = this.text.charAt(this.i + 1);
        if (d === '\n') this.i += 2;
        else if (d !== '' && '$`"\\'.includes(d)) {
          this.add(d, this.i + 1);
          this.i += 2;
        } else {
          this.add(c, this.i);
          this.i++;
        }
      } else if (c === '$') this.dollar();
      else if (c === '`') this.backquote();
      else {
        this.add(c, this.i);
        this.i++;
      }
    }
  }

  private singleQuoted(): void {
    this.markQuoted();
    if (!this.started) this.firstRaw = this.i;
    this.started = true;
    const endQuote = this.text.indexOf("'", this.i + 1);
    const end = endQuote < 0 ? this.text.length : endQuote;
    this.addRaw(this.i + 1, end);
    this.lastRaw = Math.min(end, this.text.length - 1);
    this.i = end + 1;
  }

  /** Skips the bodies of here-documents started on the line that just ended (`i` is after the newline). */
  private skipHeredocBodies(): void {
    for (const { delimiter, stripTabs } of this.heredocs) {
      const n = this.text.length;
      while (this.i < n) {
        const eol = this.text.indexOf('\n', this.i);
        const lineEnd = eol < 0 ? n : eol;
        let line = this.text.slice(this.i, lineEnd);
        if (line.endsWith('\r')) line = line.slice(0, -1);
        if (stripTabs) line = line.replace(/^\t+/, '');
        this.i = eol < 0 ? n : eol + 1;
        if (line === delimiter) break;
      }
    }
    this.heredocs = [];
  }

  private redirect(): void {
    // A word of digits right before `<`/`>` is a file descriptor.
    if (this.started && !this.quoted && /^[0-9]+$/.test(this.value)) {
      this.value = '';
      this.valueMap = [];
      this.started = false;
    } else this.finishWord();
    const t = this.text;
    const op = REDIRECTIONS.find((r) => t.startsWith(r, this.i)) ?? t.charAt(this.i);
    this.i += op.length;
    if (op.endsWith('&')) {
      // `2>&1`, `>&-`: the target is part of the operator.
      let m = this.i;
      while (m < t.length && ((t.charAt(m) >= '0' && t.charAt(m) <= '9') || t.charAt(m) === '-')) m++;
      if (m > this.i) {
        this.i = m;
        return;
      }
    }
    this.redirectTarget = true;
    if (op === '<<' || op === '<<-') this.heredocTarget = op;
  }

  run(): ShellCommand[] {
    const t = this.text;
    const n = t.length;
    while (this.i < n) {
      const c = t.charAt(this.i);
      const next = t.charAt(this.i + 1);
      if (c === ' ' || c === '\t' || c === '\r') {
        this.finishWord();
        this.i++;
      } else if (c === '\n') {
        this.endCommand(';');
        this.i++;
        if (this.heredocs.length > 0) this.skipHeredocBodies();
      } else if (c === '#' && !this.started) {
        const eol = t.indexOf('\n', this.i);
        this.i = eol < 0 ? n : eol;
      } else if (c === '\\') {
        if (next === '\n') this.i += 2;
        else if (next === '\r' && t.charAt(this.i + 2) === '\n') this.i += 3;
        else {
          this.markQuoted();
          if (next !== '') this.add(next, this.i + 1);
          this.i += 2;
        }
      } else if (c === "'") this.singleQuoted();
      else if (c === '"') this.doubleQuoted();
      else if (c === '$') this.dollar();
      else if (c === '`') this.backquote();
      else if ((c === '<' || c === '>') && next === '(') {
        const end = this.balanced(this.i + 1, '(', ')');
        this.addRaw(this.i, end);
        this.expansion = true;
        this.i = end;
      } else if (c === '<' || c === '>' || (c === '&' && next === '>')) this.redirect();
      else if (c === '&' && next === '&') {
        this.endCommand('&&');
        this.i += 2;
      } else if (c === '|' && next === '|') {
        this.endCommand('||');
        this.i += 2;
      } else if (c === '|') {
        this.endCommand('|');
        this.i += next === '&' ? 2 : 1;
      } else if (c === '&' || c === ';') {
        this.endCommand(c === '&' ? '&' : ';');
        this.i += c === ';' && next === ';' ? 2 : 1;
      } else if ((c === '(' || c === ')') && !this.started) {
        this.endCommand(';');
        this.i++;
      } else {
        this.add(c, this.i);
        this.i++;
      }
    }
    this.endCommand(null);
    return this.commands;
  }
}

/** The basename of a command word (`/usr/bin/apt-get` is `apt-get`); `''` when it holds an expansion. */
export function commandName(word: ShellWord | undefined): string {
  if (word === undefined || word.expansion) return '';
  const slash = word.value.lastIndexOf('/');
  return slash < 0 ? word.value : word.value.slice(slash + 1);
}

const WRAPPER_OPTIONS_WITH_VALUE: Record<string, readonly string[]> = {
  sudo: ['-u', '-g', '-C', '-D', '-h', '-p', '-r', '-t', '-U', '-R', '-T'],
  env: ['-u', '-C', '-S'],
  nice: ['-n'],
  doas: ['-u', '-C'],
};

/** A command with wrappers (`sudo`, `env`, `nohup`, `exec`, `command`, `time`, `nice`) removed. */
export interface Invocation {
  /** Basename of the program (`''` when unknown). */
  name: string;
  /** The program word. */
  program: ShellWord;
  args: ShellWord[];
  /** Assignments, including those given to `env`. */
  assignments: ShellWord[];
  command: ShellCommand;
}

export function invocation(command: ShellCommand): Invocation | undefined {
  const words = command.words;
  const assignments = [...command.assignments];
  let k = 0;
  for (let guard = 0; guard < 8 && k < words.length; guard++) {
    const name = commandName(words[k]);
    if (name === 'nohup' || name === 'exec' || name === 'command' || name === 'builtin' || name === 'time') {
      k++;
      continue;
    }
    const withValue = WRAPPER_OPTIONS_WITH_VALUE[name];
    if (withValue === undefined) break;
    k++;
    while (k < words.length) {
      const w = (words[k] as ShellWord).value;
      if (w === '--') {
        k++;
        break;
      }
      if (w.startsWith('-')) {
        k += withValue.includes(w) ? 2 : 1;
        continue;
      }
      if (name === 'env' && isAssignment(w)) {
        assignments.push(words[k] as ShellWord);
        k++;
        continue;
      }
      break;
    }
  }
  const program = words[k];
  if (program === undefined) return undefined;
  return { name: commandName(program), program, args: words.slice(k + 1), assignments, command };
}

/** The script given to `sh -c`, `bash -ec`, `su -c`: the word and its index in `args`. */
function inlineScript(inv: Invocation): ShellWord | undefined {
  const { name, args } = inv;
  if (name === 'su') {
    const at = args.findIndex((a) => a.value === '-c' || a.value === '--command');
    return at < 0 ? undefined : args[at + 1];
  }
  if (!SHELLS.has(name)) return undefined;
  let sawC = false;
  for (const arg of args) {
    const v = arg.value;
    if (v.startsWith('-') && !v.startsWith('--') && v.length > 1) {
      if (v.includes('c')) sawC = true;
      continue;
    }
    if (v.startsWith('--')) continue;
    return sawC ? arg : undefined;
  }
  return undefined;
}

/**
 * The simple commands of a script, followed by those of scripts nested in `sh -c '...'` (depth + 1). Each
 * script's commands are contiguous, so pipelines can be read from `before`/`after`.
 */
export function parseShell(source: MappedText, depth = 0): ShellCommand[] {
  const top = new Lexer(source, depth).run();
  return withNested(top, depth);
}

/** Adds the commands of `sh -c` scripts found in `commands`. */
export function withNested(commands: ShellCommand[], depth: number): ShellCommand[] {
  if (depth >= MAX_DEPTH) return commands;
  const out = [...commands];
  for (const command of commands) {
    const inv = invocation(command);
    const script = inv === undefined ? undefined : inlineScript(inv);
    if (script !== undefined) out.push(...parseShell({ text: script.value, map: script.map }, depth + 1));
  }
  return out;
}

/** Whether `name` is a POSIX-like shell. */
export function isShell(name: string): boolean {
  return SHELLS.has(name);
}
