/**
 * Static evaluation of HCL expressions: literals, templates, operators, conditionals, `for` expressions,
 * splats and Terraform's common functions. Names (`var.x`, `local.y`, `aws_s3_bucket.b.bucket`) are resolved
 * by the caller's `Scope`. Whatever cannot be known statically is `UNKNOWN`; evaluation never throws.
 */
import { createHash } from 'node:crypto';
import type { Expr, Step, TemplatePart } from './hcl/ast.js';
import { UNKNOWN, type TfValue } from './model.js';

/** An evaluation error (wrong type, missing key): `try()` skips it; elsewhere it reads as UNKNOWN. */
export const ERROR: unique symbol = Symbol('error');

/**
 * An object whose keys are resolved on demand (a resource, `var`, `local`): reading a key that it does not
 * know gives UNKNOWN rather than an error; using the object itself as a value gives UNKNOWN.
 */
export class OpenObject {
  constructor(
    readonly get: (key: string) => Value,
    /** Indexing with a number or key (a resource with `count`/`for_each`); defaults to `get`. */
    readonly at?: (key: string | number) => Value,
  ) {}
}

export type Value = TfValue | typeof ERROR | OpenObject;

/** Names visible to an expression: iterator variables first, then the scope's roots. */
export interface Scope {
  /** The value of a root name (`var`, `local`, `aws_s3_bucket`, `each`, `count`, `data`, `module`, `path`). */
  root(name: string): Value;
  /** Records an address the expression refers to. */
  reference?(address: string): void;
}

export interface Vars {
  name: string;
  value: Value;
  next: Vars | undefined;
}

type Obj = { [key: string]: TfValue };

export function isObject(value: unknown): value is Obj {
  return (
    value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof OpenObject)
  );
}

/**
 * A new object value. Object values have no prototype, so keys such as `constructor` or `__proto__` are
 * ordinary keys (`key in value` is true only for real keys).
 */
export function newObject(): Obj {
  return Object.create(null) as Obj;
}

/** Sets a key on an object value (also safe on an object with a prototype, for `__proto__`). */
export function setKey(target: Obj, key: string, value: TfValue): void {
  if (key === '__proto__')
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

export function getKey(target: Obj, key: string): TfValue | undefined {
  return Object.hasOwn(target, key) ? target[key] : undefined;
}

/** A value as stored in the model: errors and open objects become UNKNOWN (also inside collections). */
export function finalize(value: Value): TfValue {
  if (value === ERROR || value instanceof OpenObject) return UNKNOWN;
  if (Array.isArray(value)) {
    let changed = false;
    const out = value.map((item) => {
      const f = finalize(item);
      if (f !== item) changed = true;
      return f;
    });
    return changed ? out : value;
  }
  return value;
}

/** Whether a value is, or contains, UNKNOWN (or an error / open object). */
export function hasUnknown(value: Value): boolean {
  if (value === UNKNOWN || value === ERROR || value instanceof OpenObject) return true;
  if (Array.isArray(value)) return value.some(hasUnknown);
  if (isObject(value)) {
    for (const key in value) if (hasUnknown(value[key]!)) return true;
  }
  return false;
}

function isUnknownish(value: Value): boolean {
  return value === UNKNOWN || value instanceof OpenObject;
}

export function deepEqual(a: TfValue, b: TfValue): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i]!, b[i]!)) return false;
    return true;
  }
  if (isObject(a)) {
    if (!isObject(b)) return false;
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    for (const key of ka) if (!Object.hasOwn(b, key) || !deepEqual(a[key]!, b[key]!)) return false;
    return true;
  }
  return false;
}

/**
 * Combines the values one attribute takes in several instances (`count`/`for_each`): equal parts stay,
 * differing parts become UNKNOWN.
 */
export function mergeValues(a: TfValue, b: TfValue): TfValue {
  if (deepEqual(a, b)) return a;
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length)
    return a.map((item, i) => mergeValues(item, b[i]!));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    if (ka.length === kb.length && ka.every((key) => Object.hasOwn(b, key))) {
      const out = newObject();
      for (const key of ka) setKey(out, key, mergeValues(a[key]!, b[key]!));
      return out;
    }
  }
  return UNKNOWN;
}

// ---- conversions ----

export function formatNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return n.toFixed(0);
  return String(n);
}

/** A primitive as a string (Terraform's automatic conversion); ERROR for null and collections. */
export function toStr(value: Value): string | typeof UNKNOWN | typeof ERROR {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (isUnknownish(value)) return UNKNOWN;
  return ERROR;
}

export function toNum(value: Value): number | typeof UNKNOWN | typeof ERROR {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') {
    const trimmed = value.trim();
    if (trimmed === '' || trimmed !== value) return ERROR;
    const n = Number(trimmed);
    return Number.isNaN(n) ? ERROR : n;
  }
  if (isUnknownish(value)) return UNKNOWN;
  return ERROR;
}

export function toBool(value: Value): boolean | typeof UNKNOWN | typeof ERROR {
  if (typeof value === 'boolean') return value;
  if (value === 'true') return true;
  if (value === 'false') return false;
  if (isUnknownish(value)) return UNKNOWN;
  return ERROR;
}

/** A collection's elements (`for`, splat, functions): list items, set items, or map values with keys. */
function entries(value: Value): [TfValue, TfValue][] | typeof UNKNOWN | typeof ERROR {
  if (Array.isArray(value)) return value.map((item, i) => [i, item]);
  if (isObject(value)) return Object.keys(value).map((key) => [key, value[key]!]);
  if (isUnknownish(value)) return UNKNOWN;
  return ERROR;
}

/** Budget of loop iterations and calls per evaluator, so hostile input cannot run away. */
const BUDGET = 2_000_000;
const MAX_LIST = 4096;

export class Evaluator {
  private budget = BUDGET;

  constructor(private readonly scope: Scope) {}

  /** Evaluates to a model value (errors and open objects become UNKNOWN). */
  value(expr: Expr, vars?: Vars): TfValue {
    return finalize(this.eval(expr, vars));
  }

  /** Evaluates with an extra iterator variable in scope. */
  with(name: string, value: Value, vars?: Vars): Vars {
    return { name, value, next: vars };
  }

  eval(expr: Expr, vars?: Vars): Value {
    switch (expr.type) {
      case 'literal':
        return expr.value;
      case 'template':
        return this.template(expr.parts, vars);
      case 'variable':
        return this.lookup(expr.name, vars);
      case 'getattr':
        return this.getattr(this.eval(expr.object, vars), expr.name);
      case 'index':
        return this.index(this.eval(expr.object, vars), this.eval(expr.key, vars));
      case 'splat':
        return this.splat(this.eval(expr.object, vars), expr.steps, vars);
      case 'paren':
        return this.eval(expr.expr, vars);
      case 'tuple': {
        const out: TfValue[] = [];
        for (const item of expr.items) {
          const v = this.eval(item, vars);
          out.push(v === ERROR ? UNKNOWN : finalize(v));
        }
        return out;
      }
      case 'object': {
        const out = newObject();
        for (const item of expr.items) {
          const key = toStr(this.eval(item.key, vars));
          if (key === ERROR) return ERROR;
          if (key === UNKNOWN) return UNKNOWN;
          setKey(out, key, finalize(this.eval(item.value, vars)));
        }
        return out;
      }
      case 'unary': {
        const operand = this.eval(expr.operand, vars);
        if (expr.op === '!') {
          const b = toBool(operand);
          return typeof b === 'boolean' ? !b : b;
        }
        const n = toNum(operand);
        return typeof n === 'number' ? -n : n;
      }
      case 'binary':
        return this.binary(expr.op, expr.left, expr.right, vars);
      case 'conditional': {
        const cond = toBool(this.eval(expr.cond, vars));
        if (cond === true) return this.eval(expr.then, vars);
        if (cond === false) return this.eval(expr.else, vars);
        if (cond === ERROR) return ERROR;
        const a = finalize(this.eval(expr.then, vars));
        const b = finalize(this.eval(expr.else, vars));
        return !hasUnknown(a) && deepEqual(a, b) ? a : UNKNOWN;
      }
      case 'for':
        return this.forExpr(expr, vars);
      case 'call':
        return this.call(expr.name, expr.args, expr.expand, vars);
    }
  }

  private lookup(name: string, vars: Vars | undefined): Value {
    for (let v = vars; v; v = v.next) if (v.name === name) return v.value;
    return this.scope.root(name);
  }

  getattr(object: Value, name: string): Value {
    if (object instanceof OpenObject) return object.get(name);
    if (object === UNKNOWN || object === ERROR) return object;
    if (isObject(object)) {
      const value = getKey(object, name);
      return value === undefined ? ERROR : value;
    }
    return ERROR;
  }

  index(object: Value, key: Value): Value {
    if (key === ERROR || object === ERROR) return ERROR;
    if (object instanceof OpenObject) {
      if (key === UNKNOWN) return UNKNOWN;
      const k = typeof key === 'number' ? key : toStr(key);
      if (typeof k !== 'string' && typeof k !== 'number') return UNKNOWN;
      return object.at ? object.at(k) : object.get(String(k));
    }
    if (object === UNKNOWN || key === UNKNOWN || key instanceof OpenObject) return UNKNOWN;
    if (Array.isArray(object)) {
      const n = toNum(key);
      if (typeof n !== 'number') return n;
      if (!Number.isInteger(n) || n < 0 || n >= object.length) return ERROR;
      return object[n]!;
    }
    if (isObject(object)) {
      const k = toStr(key);
      if (typeof k !== 'string') return k;
      const value = getKey(object, k);
      return value === undefined ? ERROR : value;
    }
    return ERROR;
  }

  private splat(object: Value, steps: Step[], vars: Vars | undefined): Value {
    if (object === ERROR) return ERROR;
    if (object === UNKNOWN || object instanceof OpenObject) return UNKNOWN;
    if (object === null) return [];
    const items = Array.isArray(object) ? object : [object];
    const out: TfValue[] = [];
    for (const item of items) {
      let current: Value = item;
      for (const step of steps) {
        current =
          step.kind === 'attr'
            ? this.getattr(current, step.name)
            : this.index(current, this.eval(step.key, vars));
      }
      if (current === ERROR) return ERROR;
      out.push(finalize(current));
    }
    return out;
  }

  private binary(op: string, leftExpr: Expr, rightExpr: Expr, vars: Vars | undefined): Value {
    if (op === '&&' || op === '||') {
      const left = toBool(this.eval(leftExpr, vars));
      if (left === ERROR) return ERROR;
      if (op === '&&' && left === false) return false;
      if (op === '||' && left === true) return true;
      const right = toBool(this.eval(rightExpr, vars));
      if (right === ERROR) return ERROR;
      if (op === '&&' && right === false) return false;
      if (op === '||' && right === true) return true;
      if (left === UNKNOWN || right === UNKNOWN) return UNKNOWN;
      return op === '&&' ? left && right : left || right;
    }
    const left = this.eval(leftExpr, vars);
    const right = this.eval(rightExpr, vars);
    if (left === ERROR || right === ERROR) return ERROR;
    if (op === '==' || op === '!=') {
      const a = finalize(left);
      const b = finalize(right);
      if (hasUnknown(a) || hasUnknown(b)) return UNKNOWN;
      const equal = deepEqual(a, b);
      return op === '==' ? equal : !equal;
    }
    const a = toNum(left);
    const b = toNum(right);
    if (a === ERROR || b === ERROR) return ERROR;
    if (a === UNKNOWN || b === UNKNOWN) return UNKNOWN;
    switch (op) {
      case '+':
        return a + b;
      case '-':
        return a - b;
      case '*':
        return a * b;
      case '/':
        return b === 0 ? ERROR : a / b;
      case '%':
        return b === 0 ? ERROR : a % b;
      case '<':
        return a < b;
      case '>':
        return a > b;
      case '<=':
        return a <= b;
      case '>=':
        return a >= b;
    }
    return UNKNOWN;
  }

  private spend(n = 1): boolean {
    this.budget -= n;
    return this.budget >= 0;
  }

  private forExpr(expr: Extract<Expr, { type: 'for' }>, vars: Vars | undefined): Value {
    const collection = entries(this.eval(expr.collection, vars));
    if (collection === UNKNOWN || collection === ERROR) return collection;
    if (!this.spend(collection.length)) return UNKNOWN;
    const list: TfValue[] = [];
    const object = newObject();
    const groups = new Map<string, TfValue[]>();
    for (const [key, value] of collection) {
      let scope = this.with(expr.valueVar, value, vars);
      if (expr.keyVar !== undefined) scope = this.with(expr.keyVar, key, scope);
      if (expr.cond) {
        const keep = toBool(this.eval(expr.cond, scope));
        if (keep === UNKNOWN || keep === ERROR) return keep;
        if (!keep) continue;
      }
      const item = finalize(this.eval(expr.value, scope));
      if (!expr.key) {
        list.push(item);
        continue;
      }
      const k = toStr(this.eval(expr.key, scope));
      if (k === UNKNOWN || k === ERROR) return k;
      if (expr.grouping) {
        let group = groups.get(k);
        if (!group) {
          group = [];
          groups.set(k, group);
        }
        group.push(item);
      } else {
        if (Object.hasOwn(object, k)) return ERROR; // duplicate key without `...`
        setKey(object, k, item);
      }
    }
    if (!expr.key) return list;
    if (expr.grouping) for (const [k, group] of groups) setKey(object, k, group);
    return object;
  }

  private template(parts: TemplatePart[], vars: Vars | undefined): Value {
    // A template that is a single interpolation yields the value itself, not a string.
    if (parts.length === 1 && parts[0]!.kind === 'interp') return this.eval(parts[0]!.expr, vars);
    let out = '';
    let unknown = false;
    for (const part of parts) {
      const piece = this.templatePart(part, vars);
      if (piece === ERROR) return ERROR;
      if (piece === UNKNOWN) unknown = true;
      else out += piece;
    }
    return unknown ? UNKNOWN : out;
  }

  private templatePart(part: TemplatePart, vars: Vars | undefined): string | typeof UNKNOWN | typeof ERROR {
    switch (part.kind) {
      case 'text':
        return part.value;
      case 'interp':
        return toStr(this.eval(part.expr, vars));
      case 'if': {
        const cond = toBool(this.eval(part.cond, vars));
        if (cond === UNKNOWN || cond === ERROR) return cond;
        const chosen = cond ? part.then : (part.else ?? []);
        return this.joinParts(chosen, vars);
      }
      case 'for': {
        const collection = entries(this.eval(part.collection, vars));
        if (collection === UNKNOWN || collection === ERROR) return collection;
        if (!this.spend(collection.length)) return UNKNOWN;
        let out = '';
        for (const [key, value] of collection) {
          let scope = this.with(part.valueVar, value, vars);
          if (part.keyVar !== undefined) scope = this.with(part.keyVar, key, scope);
          const piece = this.joinParts(part.body, scope);
          if (piece === UNKNOWN || piece === ERROR) return piece;
          out += piece;
        }
        return out;
      }
    }
  }

  private joinParts(parts: TemplatePart[], vars: Vars | undefined): string | typeof UNKNOWN | typeof ERROR {
    let out = '';
    for (const part of parts) {
      const piece = this.templatePart(part, vars);
      if (piece === UNKNOWN || piece === ERROR) return piece;
      out += piece;
    }
    return out;
  }

  // ---- functions ----

  private call(name: string, argExprs: Expr[], expand: boolean, vars: Vars | undefined): Value {
    if (!this.spend()) return UNKNOWN;
    // `try` and `can` look at errors of their arguments, so they evaluate them one at a time.
    if (name === 'try') {
      for (const arg of argExprs) {
        const value = this.eval(arg, vars);
        if (value === ERROR) continue;
        return value;
      }
      return ERROR;
    }
    if (name === 'can') {
      if (argExprs.length !== 1) return ERROR;
      const value = this.eval(argExprs[0]!, vars);
      if (value === ERROR) return false;
      return hasUnknown(value) ? UNKNOWN : true;
    }
    const args: Value[] = argExprs.map((arg) => this.eval(arg, vars));
    if (expand) {
      const last = args.pop();
      if (last === undefined) return ERROR;
      if (last === ERROR) return ERROR;
      if (!Array.isArray(last)) return last === UNKNOWN || last instanceof OpenObject ? UNKNOWN : ERROR;
      args.push(...last);
    }
    if (args.includes(ERROR)) return ERROR;
    const fn = FUNCTIONS[name];
    if (!fn) return UNKNOWN;
    try {
      const result = fn(args.map(finalize));
      return result;
    } catch {
      return UNKNOWN;
    }
  }
}

// ---- the function library ----

type Fn = (args: TfValue[]) => Value;

const U: typeof UNKNOWN = UNKNOWN;

function str(value: TfValue | undefined): string | typeof UNKNOWN | typeof ERROR {
  return value === undefined ? ERROR : toStr(value);
}

/** Applies `f` to string arguments; UNKNOWN / ERROR when one is not a known string. */
function strings(args: TfValue[], count: number, f: (...s: string[]) => Value): Value {
  if (args.length !== count) return ERROR;
  const out: string[] = [];
  for (const arg of args) {
    const s = str(arg);
    if (s === UNKNOWN || s === ERROR) return s;
    out.push(s);
  }
  return f(...out);
}

function list(value: TfValue | undefined): TfValue[] | typeof UNKNOWN | typeof ERROR {
  if (value === UNKNOWN) return UNKNOWN;
  if (Array.isArray(value)) return value;
  return ERROR;
}

function collectionValues(value: TfValue | undefined): TfValue[] | typeof UNKNOWN | typeof ERROR {
  if (value === UNKNOWN) return UNKNOWN;
  if (Array.isArray(value)) return value;
  if (isObject(value)) return Object.keys(value).map((key) => value[key]!);
  return ERROR;
}

function distinct(items: TfValue[]): TfValue[] {
  const out: TfValue[] = [];
  for (const item of items) if (!out.some((seen) => deepEqual(seen, item))) out.push(item);
  return out;
}

function jsonEncode(value: TfValue): string | typeof UNKNOWN {
  if (hasUnknown(value)) return UNKNOWN;
  const encode = (v: TfValue): string => {
    if (v === null) return 'null';
    if (typeof v === 'string') return JSON.stringify(v);
    if (typeof v === 'number') return Number.isFinite(v) ? formatNumber(v) : 'null';
    if (typeof v === 'boolean') return v ? 'true' : 'false';
    if (Array.isArray(v)) return `[${v.map(encode).join(',')}]`;
    if (isObject(v))
      return `{${Object.keys(v)
        .sort()
        .map((key) => `${JSON.stringify(key)}:${encode(v[key]!)}`)
        .join(',')}}`;
    return 'null';
  };
  return encode(value);
}

function fromJson(value: unknown): TfValue {
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return value;
  if (Array.isArray(value)) return value.map(fromJson);
  const out = newObject();
  for (const key of Object.keys(value as object))
    setKey(out, key, fromJson((value as Record<string, unknown>)[key]));
  return out;
}

/** `format`'s verbs: %s %d %v %q %t %f %e %g %x %o %b %%, with flags, width and precision. */
function format(spec: string, args: TfValue[]): Value {
  let out = '';
  let next = 0;
  let i = 0;
  while (i < spec.length) {
    const percent = spec.indexOf('%', i);
    if (percent < 0) {
      out += spec.slice(i);
      break;
    }
    out += spec.slice(i, percent);
    i = percent + 1;
    if (spec[i] === '%') {
      out += '%';
      i++;
      continue;
    }
    let flags = '';
    while (i < spec.length && '+- #0'.includes(spec[i]!)) flags += spec[i++];
    let width = '';
    while (i < spec.length && spec.charCodeAt(i) >= 48 && spec.charCodeAt(i) <= 57) width += spec[i++];
    let precision: number | undefined;
    if (spec[i] === '.') {
      i++;
      let p = '';
      while (i < spec.length && spec.charCodeAt(i) >= 48 && spec.charCodeAt(i) <= 57) p += spec[i++];
      precision = p === '' ? 0 : Number(p);
    }
    const verb = spec[i++];
    if (verb === undefined) return ERROR;
    const arg = args[next++];
    if (arg === undefined) return ERROR;
    if (hasUnknown(arg)) return U;
    let piece: string;
    switch (verb) {
      case 's': {
        const s = toStr(arg);
        if (typeof s !== 'string') return s;
        piece = precision !== undefined ? s.slice(0, precision) : s;
        break;
      }
      case 'v': {
        const s = toStr(arg);
        piece = typeof s === 'string' ? s : (jsonEncode(arg) as string);
        break;
      }
      case 'q': {
        const s = toStr(arg);
        if (typeof s !== 'string') return s;
        piece = JSON.stringify(s);
        break;
      }
      case 't': {
        const b = toBool(arg);
        if (typeof b !== 'boolean') return b;
        piece = String(b);
        break;
      }
      case 'd':
      case 'x':
      case 'X':
      case 'o':
      case 'b': {
        const n = toNum(arg);
        if (typeof n !== 'number') return n;
        if (!Number.isInteger(n)) return ERROR;
        const radix = verb === 'd' ? 10 : verb === 'o' ? 8 : verb === 'b' ? 2 : 16;
        piece = Math.abs(n).toString(radix);
        if (verb === 'X') piece = piece.toUpperCase();
        if (n < 0) piece = `-${piece}`;
        else if (flags.includes('+')) piece = `+${piece}`;
        break;
      }
      case 'f':
      case 'e':
      case 'g': {
        const n = toNum(arg);
        if (typeof n !== 'number') return n;
        piece =
          verb === 'f'
            ? n.toFixed(precision ?? 6)
            : verb === 'e'
              ? n.toExponential(precision ?? 6)
              : String(n);
        break;
      }
      default:
        return U;
    }
    const w = width === '' ? 0 : Number(width);
    if (piece.length < w) {
      if (flags.includes('-')) piece = piece.padEnd(w);
      else if (flags.includes('0') && verb !== 's') piece = piece.padStart(w, '0');
      else piece = piece.padStart(w);
    }
    out += piece;
  }
  return out;
}

function lookupKey(map: TfValue | undefined, key: TfValue | undefined, fallback: TfValue | undefined): Value {
  if (map === UNKNOWN || key === UNKNOWN) return U;
  if (!isObject(map)) return ERROR;
  const k = str(key);
  if (typeof k !== 'string') return k;
  const value = getKey(map, k);
  if (value !== undefined) return value;
  return fallback === undefined ? ERROR : fallback;
}

function numbers(args: TfValue[]): number[] | typeof UNKNOWN | typeof ERROR {
  const out: number[] = [];
  for (const arg of args) {
    const n = toNum(arg);
    if (typeof n !== 'number') return n;
    out.push(n);
  }
  return out;
}

function flatten(items: TfValue[]): TfValue[] | typeof UNKNOWN {
  const out: TfValue[] = [];
  for (const item of items) {
    if (item === UNKNOWN) return U;
    if (Array.isArray(item)) {
      const inner = flatten(item);
      if (inner === U) return U;
      out.push(...inner);
    } else out.push(item);
  }
  return out;
}

const FUNCTIONS: Record<string, Fn> = {
  lower: (a) => strings(a, 1, (s) => s.toLowerCase()),
  upper: (a) => strings(a, 1, (s) => s.toUpperCase()),
  title: (a) => strings(a, 1, (s) => s.replace(/\b[a-z]/g, (c) => c.toUpperCase())),
  trimspace: (a) => strings(a, 1, (s) => s.trim()),
  chomp: (a) =>
    strings(a, 1, (s) => {
      let end = s.length;
      while (end > 0 && (s[end - 1] === '\n' || s[end - 1] === '\r')) end--;
      return s.slice(0, end);
    }),
  strrev: (a) => strings(a, 1, (s) => [...s].reverse().join('')),
  trim: (a) =>
    strings(a, 2, (s, cut) => {
      let start = 0;
      let end = s.length;
      while (start < end && cut.includes(s[start]!)) start++;
      while (end > start && cut.includes(s[end - 1]!)) end--;
      return s.slice(start, end);
    }),
  trimprefix: (a) => strings(a, 2, (s, p) => (s.startsWith(p) ? s.slice(p.length) : s)),
  trimsuffix: (a) => strings(a, 2, (s, p) => (p !== '' && s.endsWith(p) ? s.slice(0, -p.length) : s)),
  startswith: (a) => strings(a, 2, (s, p) => s.startsWith(p)),
  endswith: (a) => strings(a, 2, (s, p) => s.endsWith(p)),
  strcontains: (a) => strings(a, 2, (s, p) => s.includes(p)),
  replace: (a) =>
    strings(a, 3, (s, search, replacement) => {
      // A search string in slashes is a regular expression: not evaluated (user patterns could be slow).
      if (search.length > 1 && search.startsWith('/') && search.endsWith('/')) return U;
      return search === '' ? s : s.split(search).join(replacement);
    }),
  substr: (a) => {
    if (a.length !== 3) return ERROR;
    const s = str(a[0]);
    const n = numbers([a[1]!, a[2]!]);
    if (typeof s !== 'string') return s;
    if (!Array.isArray(n)) return n;
    const chars = [...s];
    let offset = n[0]!;
    if (offset < 0) offset = chars.length + offset;
    const length = n[1]! < 0 ? chars.length - offset : n[1]!;
    return chars.slice(offset, offset + length).join('');
  },
  split: (a) => strings(a, 2, (sep, s) => (s === '' ? [] : sep === '' ? [...s] : s.split(sep))),
  join: (a) => {
    if (a.length < 2) return ERROR;
    const sep = str(a[0]);
    if (typeof sep !== 'string') return sep;
    const parts: string[] = [];
    for (const item of a.slice(1)) {
      const items = list(item);
      if (!Array.isArray(items)) return items;
      for (const element of items) {
        const s = toStr(element);
        if (typeof s !== 'string') return s;
        parts.push(s);
      }
    }
    return parts.join(sep);
  },
  format: (a) => {
    const spec = str(a[0]);
    if (typeof spec !== 'string') return spec;
    return format(spec, a.slice(1));
  },
  indent: (a) => {
    if (a.length !== 2) return ERROR;
    const n = toNum(a[0]!);
    const s = str(a[1]);
    if (typeof n !== 'number') return n;
    if (typeof s !== 'string') return s;
    return s.split('\n').join(`\n${' '.repeat(Math.max(0, Math.min(n, 1000)))}`);
  },
  concat: (a) => {
    const out: TfValue[] = [];
    for (const arg of a) {
      const items = list(arg);
      if (!Array.isArray(items)) return items;
      out.push(...items);
    }
    return out;
  },
  merge: (a) => {
    const out = newObject();
    for (const arg of a) {
      if (arg === null) continue;
      if (arg === UNKNOWN) return U;
      if (!isObject(arg)) return ERROR;
      for (const key of Object.keys(arg)) setKey(out, key, arg[key]!);
    }
    return out;
  },
  lookup: (a) => (a.length < 2 || a.length > 3 ? ERROR : lookupKey(a[0], a[1], a[2])),
  element: (a) => {
    if (a.length !== 2) return ERROR;
    const items = list(a[0]);
    const n = toNum(a[1]!);
    if (!Array.isArray(items)) return items;
    if (typeof n !== 'number') return n;
    if (items.length === 0 || !Number.isInteger(n) || n < 0) return ERROR;
    return items[n % items.length]!;
  },
  index: (a) => {
    if (a.length !== 2) return ERROR;
    const items = list(a[0]);
    if (!Array.isArray(items)) return items;
    if (hasUnknown(items) || hasUnknown(a[1]!)) return U;
    const i = items.findIndex((item) => deepEqual(item, a[1]!));
    return i < 0 ? ERROR : i;
  },
  length: (a) => {
    if (a.length !== 1) return ERROR;
    const v = a[0]!;
    if (typeof v === 'string') return [...v].length;
    if (Array.isArray(v)) return v.length;
    if (isObject(v)) return Object.keys(v).length;
    return v === UNKNOWN ? U : ERROR;
  },
  contains: (a) => {
    if (a.length !== 2) return ERROR;
    const items = collectionValues(a[0]);
    if (!Array.isArray(items)) return items;
    if (hasUnknown(a[1]!)) return U;
    if (items.some((item) => !hasUnknown(item) && deepEqual(item, a[1]!))) return true;
    return items.some(hasUnknown) ? U : false;
  },
  coalesce: (a) => {
    for (const arg of a) {
      if (arg === UNKNOWN) return U;
      if (arg !== null && arg !== '') return arg;
    }
    return ERROR;
  },
  coalescelist: (a) => {
    for (const arg of a) {
      if (arg === UNKNOWN) return U;
      if (Array.isArray(arg) && arg.length > 0) return arg;
    }
    return ERROR;
  },
  compact: (a) => {
    const items = list(a[0]);
    if (!Array.isArray(items)) return items;
    if (items.includes(U)) return U;
    return items.filter((item) => item !== null && item !== '');
  },
  distinct: (a) => {
    const items = list(a[0]);
    if (!Array.isArray(items)) return items;
    return hasUnknown(items) ? U : distinct(items);
  },
  flatten: (a) => {
    const items = list(a[0]);
    if (!Array.isArray(items)) return items;
    return flatten(items);
  },
  reverse: (a) => {
    const items = list(a[0]);
    return Array.isArray(items) ? [...items].reverse() : items;
  },
  sort: (a) => {
    const items = list(a[0]);
    if (!Array.isArray(items)) return items;
    const out: string[] = [];
    for (const item of items) {
      const s = toStr(item);
      if (typeof s !== 'string') return s;
      out.push(s);
    }
    return out.sort();
  },
  slice: (a) => {
    if (a.length !== 3) return ERROR;
    const items = list(a[0]);
    const n = numbers([a[1]!, a[2]!]);
    if (!Array.isArray(items)) return items;
    if (!Array.isArray(n)) return n;
    if (n[0]! < 0 || n[1]! > items.length || n[0]! > n[1]!) return ERROR;
    return items.slice(n[0], n[1]);
  },
  one: (a) => {
    const items = list(a[0]);
    if (a[0] === null) return null;
    if (!Array.isArray(items)) return items;
    if (items.length === 0) return null;
    return items.length === 1 ? items[0]! : ERROR;
  },
  keys: (a) => {
    if (a[0] === UNKNOWN) return U;
    if (!isObject(a[0])) return ERROR;
    return Object.keys(a[0]).sort();
  },
  values: (a) => {
    if (a[0] === UNKNOWN) return U;
    const map = a[0];
    if (!isObject(map)) return ERROR;
    return Object.keys(map)
      .sort()
      .map((key) => map[key]!);
  },
  zipmap: (a) => {
    const ks = list(a[0]);
    const vs = list(a[1]);
    if (!Array.isArray(ks)) return ks;
    if (!Array.isArray(vs)) return vs;
    if (ks.length !== vs.length) return ERROR;
    const out = newObject();
    for (let i = 0; i < ks.length; i++) {
      const k = toStr(ks[i]!);
      if (typeof k !== 'string') return k;
      setKey(out, k, vs[i]!);
    }
    return out;
  },
  range: (a) => {
    const n = numbers(a);
    if (!Array.isArray(n)) return n;
    const [start, end, step] =
      n.length === 1 ? [0, n[0]!, 1] : [n[0]!, n[1]!, n[2] ?? (n[0]! <= n[1]! ? 1 : -1)];
    if (start === undefined || end === undefined || step === undefined || step === 0) return ERROR;
    const out: number[] = [];
    for (let v = start; step > 0 ? v < end : v > end; v += step) {
      if (out.length >= MAX_LIST) return U;
      out.push(v);
    }
    return out;
  },
  max: (a) => {
    const n = numbers(a);
    return Array.isArray(n) ? (n.length ? Math.max(...n) : ERROR) : n;
  },
  min: (a) => {
    const n = numbers(a);
    return Array.isArray(n) ? (n.length ? Math.min(...n) : ERROR) : n;
  },
  abs: (a) => {
    const n = numbers(a);
    return Array.isArray(n) ? Math.abs(n[0]!) : n;
  },
  ceil: (a) => {
    const n = numbers(a);
    return Array.isArray(n) ? Math.ceil(n[0]!) : n;
  },
  floor: (a) => {
    const n = numbers(a);
    return Array.isArray(n) ? Math.floor(n[0]!) : n;
  },
  sum: (a) => {
    const items = list(a[0]);
    if (!Array.isArray(items)) return items;
    const n = numbers(items);
    return Array.isArray(n) ? n.reduce((x, y) => x + y, 0) : n;
  },
  alltrue: (a) => {
    const items = list(a[0]);
    if (!Array.isArray(items)) return items;
    let unknown = false;
    for (const item of items) {
      const b = toBool(item);
      if (b === false) return false;
      if (b !== true) unknown = true;
    }
    return unknown ? U : true;
  },
  anytrue: (a) => {
    const items = list(a[0]);
    if (!Array.isArray(items)) return items;
    let unknown = false;
    for (const item of items) {
      const b = toBool(item);
      if (b === true) return true;
      if (b !== false) unknown = true;
    }
    return unknown ? U : false;
  },
  tostring: (a) => (a[0] === null ? null : toStr(a[0]!)),
  tonumber: (a) => (a[0] === null ? null : toNum(a[0]!)),
  tobool: (a) => (a[0] === null ? null : toBool(a[0]!)),
  tolist: (a) => {
    const items = collectionValues(a[0]);
    return Array.isArray(items) && isObject(a[0]) ? ERROR : items;
  },
  toset: (a) => {
    const items = list(a[0]);
    if (!Array.isArray(items)) return items;
    if (hasUnknown(items)) return items.length === 0 ? [] : U;
    return distinct(items);
  },
  tomap: (a) => (a[0] === UNKNOWN ? U : isObject(a[0]) ? a[0] : ERROR),
  jsonencode: (a) => (a.length === 1 ? jsonEncode(a[0]!) : ERROR),
  jsondecode: (a) =>
    strings(a, 1, (s) => {
      try {
        return fromJson(JSON.parse(s));
      } catch {
        return ERROR;
      }
    }),
  setunion: (a) => {
    const out: TfValue[] = [];
    for (const arg of a) {
      const items = list(arg);
      if (!Array.isArray(items)) return items;
      out.push(...items);
    }
    return hasUnknown(out) ? U : distinct(out);
  },
  sensitive: (a) => (a.length === 1 ? a[0]! : ERROR),
  nonsensitive: (a) => (a.length === 1 ? a[0]! : ERROR),
  base64encode: (a) => strings(a, 1, (s) => Buffer.from(s, 'utf8').toString('base64')),
  base64decode: (a) => strings(a, 1, (s) => Buffer.from(s, 'base64').toString('utf8')),
  // rampart-ignore: sast/weak-hash Terraform's md5() and sha1() are emulated so that values match what Terraform computes; no security use
  md5: (a) => strings(a, 1, (s) => createHash('md5').update(s).digest('hex')),
  // rampart-ignore: sast/weak-hash see md5 above
  sha1: (a) => strings(a, 1, (s) => createHash('sha1').update(s).digest('hex')),
  sha256: (a) => strings(a, 1, (s) => createHash('sha256').update(s).digest('hex')),
  sha512: (a) => strings(a, 1, (s) => createHash('sha512').update(s).digest('hex')),
  urlencode: (a) =>
    strings(a, 1, (s) =>
      encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`),
    ),
  setintersection: (a) => {
    const lists: TfValue[][] = [];
    for (const arg of a) {
      const items = list(arg);
      if (!Array.isArray(items)) return items;
      if (hasUnknown(items)) return U;
      lists.push(items);
    }
    const [first, ...rest] = lists;
    if (!first) return ERROR;
    return distinct(first.filter((item) => rest.every((other) => other.some((o) => deepEqual(o, item)))));
  },
  setsubtract: (a) => {
    const left = list(a[0]);
    const right = list(a[1]);
    if (!Array.isArray(left)) return left;
    if (!Array.isArray(right)) return right;
    if (hasUnknown(left) || hasUnknown(right)) return U;
    return distinct(left.filter((item) => !right.some((o) => deepEqual(o, item))));
  },
  chunklist: (a) => {
    const items = list(a[0]);
    const size = toNum(a[1] ?? null);
    if (!Array.isArray(items)) return items;
    if (typeof size !== 'number') return size;
    if (size < 0 || !Number.isInteger(size)) return ERROR;
    if (size === 0) return [items];
    const out: TfValue[] = [];
    for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
    return out;
  },
  formatlist: (a) => {
    const spec = str(a[0]);
    if (typeof spec !== 'string') return spec;
    const rest = a.slice(1);
    let length: number | undefined;
    for (const arg of rest) {
      if (arg === UNKNOWN) return U;
      if (Array.isArray(arg)) {
        if (length !== undefined && length !== arg.length) return ERROR;
        length = arg.length;
      }
    }
    if (length === undefined) return ERROR;
    const out: TfValue[] = [];
    for (let i = 0; i < length; i++) {
      const item = format(
        spec,
        rest.map((arg) => (Array.isArray(arg) ? arg[i]! : arg)),
      );
      if (item === ERROR || item === UNKNOWN || item instanceof OpenObject) return item;
      out.push(item);
    }
    return out;
  },
  // Known to exist but not evaluated statically.
  file: () => U,
  templatefile: () => U,
  timestamp: () => U,
  uuid: () => U,
};

/** Names of the functions evaluated statically (for documentation and tests). */
export const EVALUATED_FUNCTIONS: readonly string[] = Object.keys(FUNCTIONS).sort();
