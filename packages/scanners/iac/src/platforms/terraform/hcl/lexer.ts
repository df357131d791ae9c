/**
 * HCL native syntax scanner. Produces the whole token stream up front into typed arrays (type, start, end),
 * tracking the nesting of templates: inside a quoted string or heredoc it emits literal chunks, and `${` /
 * `%{` switch back to expression tokens until the matching `}`.
 */

export const enum T {
  EOF,
  Newline,
  Ident,
  Number,
  /** `"` opening a quoted template. */
  OQuote,
  /** `"` closing a quoted template. */
  CQuote,
  /** Literal text inside a quoted template (raw, escapes not yet applied). */
  QuotedLit,
  /** `<<EOF` / `<<-EOF` including the newline after the delimiter. */
  OHeredoc,
  /** The closing delimiter line of a heredoc (delimiter only). */
  CHeredoc,
  /** Literal text inside a heredoc (raw). */
  StringLit,
  /** `${` or `${~`. */
  TemplateInterp,
  /** `%{` or `%{~`. */
  TemplateControl,
  /** `}` or `~}` closing an interpolation or directive. */
  TemplateSeqEnd,
  LBrace,
  RBrace,
  LBrack,
  RBrack,
  LParen,
  RParen,
  Comma,
  Dot,
  Ellipsis,
  Equal,
  Colon,
  DoubleColon,
  Question,
  Bang,
  Plus,
  Minus,
  Star,
  Slash,
  Percent,
  EqualOp,
  NotEqual,
  Lt,
  Gt,
  Le,
  Ge,
  And,
  Or,
  FatArrow,
  Invalid,
}

export interface Tokens {
  count: number;
  types: Uint8Array;
  starts: Uint32Array;
  ends: Uint32Array;
  /** Messages of `Invalid` tokens, by token index. */
  invalid: Map<number, string>;
}

const enum Mode {
  Expr,
  Quoted,
  Heredoc,
}

interface Frame {
  mode: Mode;
  /** Open `{` count (expression frames). */
  braces: number;
  /** Heredoc delimiter. */
  delim: string;
  /** Heredoc: the next character starts a line. */
  lineStart: boolean;
  /** Where the frame was opened (for messages about unclosed templates). */
  open: number;
}

function isIdentStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c > 127;
}

function isIdentPart(c: number): boolean {
  return (
    (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45 || c > 127
  );
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Scans `src` into tokens. Never throws: problems become `Invalid` tokens with a message. */
export function tokenize(src: string): Tokens {
  let capacity = Math.max(64, src.length >> 2);
  let types = new Uint8Array(capacity);
  let starts = new Uint32Array(capacity);
  let ends = new Uint32Array(capacity);
  let count = 0;
  const invalid = new Map<number, string>();

  const push = (type: T, start: number, end: number): void => {
    if (count === capacity) {
      capacity *= 2;
      const t = new Uint8Array(capacity);
      t.set(types);
      types = t;
      const s = new Uint32Array(capacity);
      s.set(starts);
      starts = s;
      const e = new Uint32Array(capacity);
      e.set(ends);
      ends = e;
    }
    types[count] = type;
    starts[count] = start;
    ends[count] = end;
    count++;
  };
  const bad = (start: number, end: number, message: string): void => {
    invalid.set(count, message);
    push(T.Invalid, start, end);
  };

  const n = src.length;
  const stack: Frame[] = [{ mode: Mode.Expr, braces: 0, delim: '', lineStart: false, open: 0 }];
  let i = 0;

  while (i < n) {
    const frame = stack[stack.length - 1]!;
    if (frame.mode === Mode.Expr) {
      const c = src.charCodeAt(i);
      // whitespace
      if (c === 32 || c === 9 || c === 13 || c === 0xfeff || c === 0xa0) {
        i++;
        continue;
      }
      if (c === 10) {
        push(T.Newline, i, i + 1);
        i++;
        continue;
      }
      if (isIdentStart(c)) {
        const start = i;
        i++;
        while (i < n && isIdentPart(src.charCodeAt(i))) i++;
        push(T.Ident, start, i);
        continue;
      }
      if (isDigit(c)) {
        const start = i;
        while (i < n && isDigit(src.charCodeAt(i))) i++;
        // After a `.` only an integer (legacy index `a.0.b`).
        const afterDot = count > 0 && types[count - 1] === T.Dot;
        if (!afterDot) {
          if (src.charCodeAt(i) === 46 && isDigit(src.charCodeAt(i + 1))) {
            i++;
            while (i < n && isDigit(src.charCodeAt(i))) i++;
          }
          const e = src.charCodeAt(i);
          if (e === 101 || e === 69) {
            let j = i + 1;
            const sign = src.charCodeAt(j);
            if (sign === 43 || sign === 45) j++;
            if (isDigit(src.charCodeAt(j))) {
              i = j;
              while (i < n && isDigit(src.charCodeAt(i))) i++;
            }
          }
        }
        push(T.Number, start, i);
        continue;
      }
      const d = i + 1 < n ? src.charCodeAt(i + 1) : 0;
      switch (c) {
        case 35: // #
          while (i < n && src.charCodeAt(i) !== 10) i++;
          continue;
        case 47: // /
          if (d === 47) {
            while (i < n && src.charCodeAt(i) !== 10) i++;
            continue;
          }
          if (d === 42) {
            const close = src.indexOf('*/', i + 2);
            if (close < 0) {
              bad(i, n, 'unterminated comment (/* without */)');
              i = n;
            } else i = close + 2;
            continue;
          }
          push(T.Slash, i, i + 1);
          i++;
          continue;
        case 123: // {
          frame.braces++;
          push(T.LBrace, i, i + 1);
          i++;
          continue;
        case 125: // }
          if (frame.braces > 0 || stack.length === 1) {
            if (frame.braces > 0) frame.braces--;
            push(T.RBrace, i, i + 1);
          } else {
            push(T.TemplateSeqEnd, i, i + 1);
            stack.pop();
          }
          i++;
          continue;
        case 126: // ~
          if (d === 125 && frame.braces === 0 && stack.length > 1) {
            push(T.TemplateSeqEnd, i, i + 2);
            stack.pop();
            i += 2;
            continue;
          }
          bad(i, i + 1, "unexpected '~'");
          i++;
          continue;
        case 34: // "
          push(T.OQuote, i, i + 1);
          stack.push({ mode: Mode.Quoted, braces: 0, delim: '', lineStart: false, open: i });
          i++;
          continue;
        case 91:
          push(T.LBrack, i, i + 1);
          i++;
          continue;
        case 93:
          push(T.RBrack, i, i + 1);
          i++;
          continue;
        case 40:
          push(T.LParen, i, i + 1);
          i++;
          continue;
        case 41:
          push(T.RParen, i, i + 1);
          i++;
          continue;
        case 44:
          push(T.Comma, i, i + 1);
          i++;
          continue;
        case 46: // .
          if (d === 46 && src.charCodeAt(i + 2) === 46) {
            push(T.Ellipsis, i, i + 3);
            i += 3;
          } else {
            push(T.Dot, i, i + 1);
            i++;
          }
          continue;
        case 61: // =
          if (d === 61) {
            push(T.EqualOp, i, i + 2);
            i += 2;
          } else if (d === 62) {
            push(T.FatArrow, i, i + 2);
            i += 2;
          } else {
            push(T.Equal, i, i + 1);
            i++;
          }
          continue;
        case 58: // :
          if (d === 58) {
            push(T.DoubleColon, i, i + 2);
            i += 2;
          } else {
            push(T.Colon, i, i + 1);
            i++;
          }
          continue;
        case 63:
          push(T.Question, i, i + 1);
          i++;
          continue;
        case 33: // !
          if (d === 61) {
            push(T.NotEqual, i, i + 2);
            i += 2;
          } else {
            push(T.Bang, i, i + 1);
            i++;
          }
          continue;
        case 43:
          push(T.Plus, i, i + 1);
          i++;
          continue;
        case 45:
          push(T.Minus, i, i + 1);
          i++;
          continue;
        case 42:
          push(T.Star, i, i + 1);
          i++;
          continue;
        case 37:
          push(T.Percent, i, i + 1);
          i++;
          continue;
        case 60: // <
          if (d === 60) {
            // heredoc: <<ID or <<-ID followed by a newline
            let j = i + 2;
            if (src.charCodeAt(j) === 45) j++;
            const idStart = j;
            if (isIdentStart(src.charCodeAt(j))) {
              j++;
              while (j < n && isIdentPart(src.charCodeAt(j))) j++;
            }
            const delim = src.slice(idStart, j);
            let k = j;
            if (src.charCodeAt(k) === 13) k++;
            if (delim.length > 0 && (src.charCodeAt(k) === 10 || k >= n)) {
              push(T.OHeredoc, i, Math.min(k + 1, n));
              stack.push({ mode: Mode.Heredoc, braces: 0, delim, lineStart: true, open: i });
              i = Math.min(k + 1, n);
              continue;
            }
            bad(i, j, 'invalid heredoc: expected <<ID or <<-ID followed by a newline');
            i = j;
            continue;
          }
          if (d === 61) {
            push(T.Le, i, i + 2);
            i += 2;
          } else {
            push(T.Lt, i, i + 1);
            i++;
          }
          continue;
        case 62: // >
          if (d === 61) {
            push(T.Ge, i, i + 2);
            i += 2;
          } else {
            push(T.Gt, i, i + 1);
            i++;
          }
          continue;
        case 38: // &
          if (d === 38) {
            push(T.And, i, i + 2);
            i += 2;
          } else {
            bad(i, i + 1, "unexpected '&' (did you mean '&&'?)");
            i++;
          }
          continue;
        case 124: // |
          if (d === 124) {
            push(T.Or, i, i + 2);
            i += 2;
          } else {
            bad(i, i + 1, "unexpected '|' (did you mean '||'?)");
            i++;
          }
          continue;
        default: {
          bad(i, i + 1, `unexpected character '${String.fromCodePoint(src.codePointAt(i) ?? c)}'`);
          i += c >= 0xd800 && c <= 0xdbff ? 2 : 1;
          continue;
        }
      }
    } else if (frame.mode === Mode.Quoted) {
      const start = i;
      while (i < n) {
        const c = src.charCodeAt(i);
        if (c === 34 || c === 10) break;
        if (c === 92) {
          if (src.charCodeAt(i + 1) === 10) {
            i++;
            break;
          }
          i += 2;
          continue;
        }
        if (c === 36 || c === 37) {
          const d = src.charCodeAt(i + 1);
          if (d === 123) break;
          if (d === c && src.charCodeAt(i + 2) === 123) {
            i += 3; // $${ and %%{ are literal
            continue;
          }
        }
        i++;
      }
      if (i > n) i = n;
      if (i > start) push(T.QuotedLit, start, i);
      if (i >= n || src.charCodeAt(i) === 10) {
        bad(i, i, 'unterminated string (a quoted string cannot span lines; use a heredoc)');
        stack.pop();
        continue;
      }
      const c = src.charCodeAt(i);
      if (c === 34) {
        push(T.CQuote, i, i + 1);
        stack.pop();
        i++;
        continue;
      }
      const strip = src.charCodeAt(i + 2) === 126 ? 1 : 0;
      push(c === 36 ? T.TemplateInterp : T.TemplateControl, i, i + 2 + strip);
      stack.push({ mode: Mode.Expr, braces: 0, delim: '', lineStart: false, open: i });
      i += 2 + strip;
    } else {
      // heredoc
      if (frame.lineStart) {
        let j = i;
        while (j < n && (src.charCodeAt(j) === 32 || src.charCodeAt(j) === 9)) j++;
        if (src.startsWith(frame.delim, j)) {
          let k = j + frame.delim.length;
          // Trailing blanks after the closing delimiter are tolerated.
          while (src.charCodeAt(k) === 32 || src.charCodeAt(k) === 9 || src.charCodeAt(k) === 13) k++;
          if (k >= n || src.charCodeAt(k) === 10) {
            push(T.CHeredoc, j, j + frame.delim.length);
            stack.pop();
            i = j + frame.delim.length;
            continue;
          }
        }
        frame.lineStart = false;
      }
      const start = i;
      while (i < n) {
        const c = src.charCodeAt(i);
        if (c === 10) {
          i++;
          frame.lineStart = true;
          break;
        }
        if (c === 36 || c === 37) {
          const d = src.charCodeAt(i + 1);
          if (d === 123) break;
          if (d === c && src.charCodeAt(i + 2) === 123) {
            i += 3;
            continue;
          }
        }
        i++;
      }
      if (i > start) push(T.StringLit, start, i);
      if (i >= n) break;
      if (frame.lineStart) continue;
      const c = src.charCodeAt(i);
      const strip = src.charCodeAt(i + 2) === 126 ? 1 : 0;
      push(c === 36 ? T.TemplateInterp : T.TemplateControl, i, i + 2 + strip);
      stack.push({ mode: Mode.Expr, braces: 0, delim: '', lineStart: false, open: i });
      i += 2 + strip;
    }
  }
  // Unclosed templates at the end of the input.
  for (let k = stack.length - 1; k > 0; k--) {
    const frame = stack[k]!;
    if (frame.mode === Mode.Heredoc)
      bad(frame.open, n, `unterminated heredoc: no closing line '${frame.delim}'`);
    else if (frame.mode === Mode.Quoted) bad(frame.open, n, 'unterminated string');
    else bad(frame.open, n, 'unterminated template interpolation (missing })');
  }
  push(T.EOF, n, n);
  return { count, types, starts, ends, invalid };
}
