import { child, isFunction, nameOf, type Node } from '../../frontend/ast.js';
import type { SyntacticRule } from '../rule.js';
import { callbackCall, callsTo, readsOf, siteOf } from './support/context.js';
import { terms } from './support/names.js';
import {
  calleeQualified,
  callRange,
  functionNames,
  indexFile,
  inVocabulary,
  type FileIndex,
} from './support/util.js';

/**
 * Words that make a name security-relevant. Names are split into words (camelCase, snake_case,
 * kebab-case) and adjacent words joined (`apiKey` → apikey), so `resetToken`, `SESSION_ID`, `csrf-nonce`
 * and `apiKey` match but `tokenizer`, `authorName` or `passenger` do not.
 */
const SECURITY = new Set([
  'token',
  'secret',
  'password',
  'passwd',
  'pwd',
  'passphrase',
  'passcode',
  'otp',
  'totp',
  'hotp',
  'mfa',
  'nonce',
  'salt',
  'session',
  'sid',
  'csrf',
  'xsrf',
  'apikey',
  'accesskey',
  'privatekey',
  'secretkey',
  'auth',
  'oauth',
  'credential',
  'reset',
  'verification',
  'invite',
  'invitation',
  'pin',
  'challenge',
]);

/** `code` counts only next to one of these (`smsCode`, `loginCode`), never alone (`statusCode`, `colorCode`). */
const CODE_QUALIFIERS = new Set([
  'sms',
  'email',
  'login',
  'confirm',
  'confirmation',
  'activation',
  'recovery',
  'security',
  'access',
  'magic',
  'verify',
  'otp',
  'reset',
  'verification',
  'invite',
  'auth',
  'mfa',
  'pin',
  'backup',
  'two',
  'factor',
  'one',
  'time',
]);

/** Words naming a clearly non-security use; they win over SECURITY (`sessionTimeoutJitter`). */
const VETO = new Set([
  'jitter',
  'delay',
  'backoff',
  'retry',
  'timeout',
  'interval',
  'duration',
  'sample',
  'sampling',
  'rate',
  'ratio',
  'percent',
  'probability',
  'chance',
  'weight',
  'shuffle',
  'shuffled',
  'color',
  'colour',
  'hue',
  'animation',
  'opacity',
  'position',
  'offset',
  'width',
  'height',
  'index',
  'idx',
  'mock',
  'fake',
  'dummy',
  'count',
  'total',
  'amount',
  'size',
  'length',
  'score',
  'angle',
  'radius',
  'speed',
  'scale',
  'strength',
  'placeholder',
  'example',
]);

type Verdict = { kind: 'security'; name: string } | { kind: 'veto' } | undefined;

/**
 * Judges a name. `context` holds the names of the enclosing functions and class, which can qualify a bare
 * `code` (`const code = ...` inside `requestLoginCode` or `InviteService`), never `statusCode`.
 */
function judge(name: string, context: readonly string[] = []): Verdict {
  const nameTerms = terms(name);
  if (nameTerms.some((term) => VETO.has(term))) return { kind: 'veto' };
  if (nameTerms.some((term) => inVocabulary(term, SECURITY))) return { kind: 'security', name };
  if (nameTerms.some((term) => inVocabulary(term, CODE))) {
    // `smsCode` qualifies itself; a bare `code` borrows qualifiers from its function/class names.
    const bare = nameTerms.every((term) => inVocabulary(term, CODE));
    const qualifiers = bare ? context.flatMap(terms) : nameTerms;
    if (qualifiers.some((term) => CODE_QUALIFIERS.has(term) || inVocabulary(term, SECURITY)))
      return { kind: 'security', name };
  }
  return undefined;
}

const CODE = new Set(['code']);

/** The names of the functions and class enclosing a node, innermost first. */
function enclosingNames(node: Node, index: FileIndex): string[] {
  const names: string[] = [];
  for (let current = index.parent(node); current; current = index.parent(current)) {
    if (isFunction(current)) names.push(...functionNames(current, index));
    else if (current.type === 'ClassDeclaration' || current.type === 'ClassExpression') {
      const name = nameOf(child(current, 'id'));
      if (name) names.push(name);
    }
  }
  return names;
}

export const rule: SyntacticRule = {
  meta: {
    id: 'sast/insecure-random',
    family: 'insecure-random',
    title: 'Math.random() used for a security value',
    severity: 'medium',
    cwe: ['CWE-338', 'CWE-330'],
    description:
      '`Math.random()` is not a cryptographic generator: V8 uses xorshift128+, whose internal state can be ' +
      'recovered from a few outputs, after which every past and future value is predictable. Tokens, ' +
      'passwords, session ids, OTP codes or nonces built from it can be guessed. The rule reports a call ' +
      'when the name its value is given (variable, property, cookie name, or the function that returns ' +
      'it) says it is for security.',
    help: {
      bad: 'export function createResetToken(): string {\n  return Math.random().toString(36).slice(2);\n}\n',
      good: "import { randomBytes } from 'node:crypto';\n\nexport function createResetToken(): string {\n  return randomBytes(32).toString('base64url');\n}\n\nexport const pickTip = (tips: string[]) => tips[Math.floor(Math.random() * tips.length)];\n",
      fix: 'Use `crypto.randomBytes()`, `crypto.randomUUID()` or `crypto.randomInt()` in Node, and `crypto.getRandomValues()` in browsers.',
    },
    references: [
      'https://cheatsheetseries.owasp.org/cheatsheets/Cryptographic_Storage_Cheat_Sheet.html#secure-random-number-generation',
      'https://developer.mozilla.org/en-US/docs/Web/JavaScript/Reference/Global_Objects/Math/random',
      'https://nodejs.org/api/crypto.html#cryptorandombytessize-callback',
      'https://cwe.mitre.org/data/definitions/338.html',
    ],
    tags: ['crypto', 'owasp:A02:2021'],
    precision: 'medium',
  },
  check(file, context) {
    const index = indexFile(file.program);
    for (const call of index.ofType('CallExpression')) {
      const qualified = calleeQualified(call, context.bindings);
      if (
        qualified !== 'Math.random' &&
        qualified !== 'window.Math.random' &&
        qualified !== 'globalThis.Math.random'
      )
        continue;
      const verdict = follow(call, index, { budget: 96, seen: new Set() }, 6);
      if (verdict?.kind !== 'security') continue;
      context.report({
        ...callRange(call),
        message: `Math.random() is predictable but its value is used as '${verdict.name}': use crypto.randomBytes/randomInt/randomUUID`,
      });
    }
  },
};

interface Budget {
  budget: number;
  seen: Set<Node>;
}

/**
 * Follows a value to the names it gets: the nearest binding name decides (a veto word stops the search);
 * a local variable with a neutral name is followed to its reads; a returned value is judged by its
 * function's names and then followed to the function's call sites.
 */
function follow(expression: Node, index: FileIndex, state: Budget, depth: number): Verdict {
  if (depth < 0 || state.budget-- <= 0 || state.seen.has(expression)) return undefined;
  state.seen.add(expression);
  const site = siteOf(expression, index);
  for (const hint of site.hints) {
    const verdict = judge(hint);
    if (verdict) return verdict.kind === 'veto' ? undefined : verdict;
  }
  if (site.kind === 'name') {
    const verdict = judge(site.name, enclosingNames(site.node, index));
    if (verdict) return verdict.kind === 'veto' ? undefined : verdict;
    if (!site.local) return undefined;
    for (const read of readsOf(site.local, site.scope, index)) {
      if (read.start >= site.node.start && read.end <= site.node.end) continue;
      const found = follow(read, index, state, depth - 1);
      if (found?.kind === 'security') return found;
    }
    return undefined;
  }
  if (site.kind === 'return') {
    const through = callbackCall(site.fn, index);
    if (through) return follow(through, index, state, depth - 1);
    const names = functionNames(site.fn, index);
    for (const name of names) {
      const verdict = judge(name, enclosingNames(site.fn, index));
      if (verdict) return verdict.kind === 'veto' ? undefined : verdict;
    }
    for (const call of callsTo(names, index)) {
      const found = follow(call, index, state, depth - 1);
      if (found?.kind === 'security') return found;
    }
  }
  return undefined;
}
