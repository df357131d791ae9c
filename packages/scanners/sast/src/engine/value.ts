/**
 * The abstract values of the taint engine. A value records where untrusted data in it came from
 * (taints, each with the steps it took), which library object it is (qualified names such as
 * `child_process.exec` or `http.req.query`), its object fields and array elements, the functions it may
 * be, and its constant string when known. Values are small and mostly immutable; object fields are
 * shared on purpose so that aliases see each other's writes.
 */
import type { Node } from '../frontend/ast.js';

/** One step of a dataflow trace. */
export interface Step {
  file: string;
  start: number;
  end: number;
  message: string;
}

/** Where tainted data comes from: a source of untrusted input, or a parameter of the function being summarised. */
export type Origin =
  | { kind: 'source'; label: string; file: string; start: number; end: number }
  | { kind: 'param'; index: number; fn: Node; field?: string };

export interface Taint {
  origin: Origin;
  /** Trace steps from the origin to here, bounded. */
  steps: readonly Step[];
  /** Bit set of vulnerability families this data has been made safe for (see `familyBit`). */
  sanitized: number;
}

/** A function value: its node, the file it lives in and the scope it closes over. */
export interface Closure {
  node: Node;
  /** The function this one was created in, if any. */
  parent?: Closure;
  /** The name used in traces: the declaration, method or variable name. */
  name?: string;
  file: string;
  /** The defining scope (opaque to this module). */
  env: unknown;
  /** `this` inside the function (class methods), when known. */
  thisValue?: Value;
  /** Qualified names to give each parameter (a framework model registered this function as a handler). */
  paramNames?: (readonly string[] | undefined)[];
  /** Set when a model says each parameter is untrusted input (server actions, decorated controller params). */
  paramSources?: (string | undefined)[];
  /** What the function returns is written to a sink of this family (a controller method with an HTML content type). */
  returnSink?: string;
}

export interface Value {
  taints: readonly Taint[];
  names: readonly string[];
  /** Object fields (shared, mutable), when the value is an object we track. */
  fields?: Map<string, Value>;
  /** Summary of array elements / iterated values. */
  elems?: Value;
  fns?: readonly Closure[];
  /** The constant string (or number as string) the value holds, when known. */
  str?: string;
  /** An object without a prototype (`Object.create(null)`). */
  nullProto?: boolean;
  /** Read with a computed key that came from input (`obj[userKey]`). */
  dynamicKey?: boolean;
  /** The pattern of a regular expression literal the value holds. */
  regex?: string;
  /** A state setter (React `useState`): calling it stores its argument's data in this value. */
  setter?: Value;
  /** True when the value is a number/boolean/other non-string primitive (cannot carry an injection). */
  primitive?: boolean;
}

const MAX_TAINTS = 4;
const MAX_NAMES = 6;
const MAX_STEPS = 14;

export const EMPTY: Value = Object.freeze({ taints: [], names: [] });
export const PRIMITIVE: Value = Object.freeze({ taints: [], names: [], primitive: true });

export function constant(str: string): Value {
  return { taints: [], names: [], str };
}

export function named(names: readonly string[]): Value {
  return names.length === 0 ? EMPTY : { taints: [], names };
}

export function isTainted(value: Value): boolean {
  return value.taints.length > 0;
}

export function sameOrigin(a: Origin, b: Origin): boolean {
  if (a.kind === 'param')
    return b.kind === 'param' && a.index === b.index && a.fn === b.fn && a.field === b.field;
  if (b.kind === 'param') return false;
  return a.file === b.file && a.start === b.start && a.label === b.label;
}

/** Union of taint lists, one entry per origin (the sanitised bits of duplicates are intersected). */
export function mergeTaints(a: readonly Taint[], b: readonly Taint[]): readonly Taint[] {
  if (b.length === 0) return a;
  if (a.length === 0) return b;
  const out = [...a];
  for (const taint of b) {
    const at = out.findIndex((t) => sameOrigin(t.origin, taint.origin));
    if (at === -1) {
      if (out.length < MAX_TAINTS) out.push(taint);
    } else {
      const existing = out[at]!;
      const sanitized = existing.sanitized & taint.sanitized;
      if (sanitized !== existing.sanitized) out[at] = { ...existing, sanitized };
    }
  }
  return out;
}

function mergeNames(a: readonly string[], b: readonly string[]): readonly string[] {
  if (b.length === 0) return a;
  if (a.length === 0) return b;
  const out = [...a];
  for (const name of b) if (!out.includes(name) && out.length < MAX_NAMES) out.push(name);
  return out;
}

/** The join of two values: what a variable may hold after two branches. */
export function join(a: Value, b: Value, depth = 4): Value {
  if (a === b) return a;
  if (a === EMPTY) return b;
  if (b === EMPTY) return a;
  const out: Value = {
    taints: mergeTaints(a.taints, b.taints),
    names: mergeNames(a.names, b.names),
  };
  if (a.fields || b.fields) {
    if (!a.fields) out.fields = b.fields;
    else if (!b.fields || depth === 0)
      out.fields = a.fields; // deep or cyclic objects: keep one side's fields
    else {
      const fields = new Map(a.fields);
      for (const [key, value] of b.fields) {
        const existing = fields.get(key);
        fields.set(key, existing ? join(existing, value, depth - 1) : value);
      }
      out.fields = fields;
    }
  }
  if (a.elems || b.elems)
    out.elems = a.elems && b.elems && depth > 0 ? join(a.elems, b.elems, depth - 1) : (a.elems ?? b.elems);
  if (a.fns || b.fns) {
    const fns = [...(a.fns ?? [])];
    for (const fn of b.fns ?? []) if (!fns.some((f) => f.node === fn.node)) fns.push(fn);
    out.fns = fns;
  }
  if (a.str !== undefined && a.str === b.str) out.str = a.str;
  if (a.primitive && b.primitive) out.primitive = true;
  if (a.dynamicKey || b.dynamicKey) out.dynamicKey = true;
  if (a.nullProto && b.nullProto) out.nullProto = true;
  return out;
}

export function joinAll(values: readonly Value[]): Value {
  let out = EMPTY;
  for (const value of values) out = join(out, value);
  return out;
}

/** Appends a trace step to every taint (bounded: the middle of a long trace is dropped). */
export function withStep(taints: readonly Taint[], step: Step): readonly Taint[] {
  if (taints.length === 0) return taints;
  return taints.map((taint) => ({ ...taint, steps: appendStep(taint.steps, step) }));
}

export function appendStep(steps: readonly Step[], step: Step): readonly Step[] {
  const last = steps[steps.length - 1];
  if (last && last.file === step.file && last.start === step.start && last.end === step.end) return steps;
  if (steps.length < MAX_STEPS) return [...steps, step];
  return [...steps.slice(0, 2), ...steps.slice(steps.length - (MAX_STEPS - 3)), step];
}

/** Marks every taint as sanitised for the families in `bits`. */
export function sanitize(value: Value, bits: number): Value {
  if (value.taints.length === 0 || bits === 0) return value;
  return { ...value, taints: value.taints.map((t) => ({ ...t, sanitized: t.sanitized | bits })) };
}

export function sanitizeTaints(taints: readonly Taint[], bits: number): readonly Taint[] {
  if (taints.length === 0 || bits === 0) return taints;
  return taints.map((t) => ({ ...t, sanitized: t.sanitized | bits }));
}

/**
 * Taints of a value and (bounded) everything reachable from it: fields and elements. Used where a whole
 * object flows somewhere (an argument to a summarised function, a NoSQL filter).
 */
export function deepTaints(value: Value, skipFields?: ReadonlySet<string>, depth = 3): readonly Taint[] {
  let out = value.taints;
  if (depth === 0) return out;
  if (value.fields) {
    for (const [key, field] of value.fields) {
      if (skipFields?.has(key)) continue;
      out = mergeTaints(out, deepTaints(field, undefined, depth - 1));
    }
  }
  if (value.elems) out = mergeTaints(out, deepTaints(value.elems, undefined, depth - 1));
  return out;
}

/** The same value with different taints. */
export function withTaints(value: Value, taints: readonly Taint[]): Value {
  if (taints === value.taints) return value;
  return { ...value, taints };
}

/** A fresh object value with the given fields. */
export function object(fields: Map<string, Value>, taints: readonly Taint[] = []): Value {
  return { taints, names: [], fields };
}
