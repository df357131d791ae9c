/**
 * Loads the taint models (`src/models/*.json`: sources, sinks, sanitizers, callbacks) into lookup tables.
 * Names use brace expansion (`fs.{readFile,writeFile}`); everything is data, so adding a library is a
 * JSON edit and a test.
 */
import callbacksJson from '../models/callbacks.json' with { type: 'json' };
import sanitizersJson from '../models/sanitizers.json' with { type: 'json' };
import sinksJson from '../models/sinks.json' with { type: 'json' };
import sourcesJson from '../models/sources.json' with { type: 'json' };

export type ReceiverKind =
  | 'any'
  | 'db'
  | 'sqlite'
  | 'querybuilder'
  | 'nosql'
  | 'response'
  | 'request'
  | 'koa'
  | 'jquery'
  | 'page'
  | 'httpclient'
  | 'express'
  | 'hapi'
  | 'socket';

export interface SinkCondition {
  /** Some object argument after the first has this property set to a value other than false/undefined. */
  option?: string;
  optionTrue?: string[];
  /** Some object argument sets one of these properties to the literal `false`. */
  optionFalse?: string[];
  /** No object argument has this property. */
  noOption?: string;
  /** Argument `[index, values]` is a string constant among `values` (case-insensitive). */
  argIn?: [number, string[]];
  argNotIn?: [number, string[]];
  /** Argument at this index is not a function. */
  notFunction?: number;
  /** Property `[name, qualified names]` of an options object refers to one of these names. */
  optionName?: [string, string[]];
  argCount?: number;
  moduleVersion?: string;
  notJsonResponse?: boolean;
  /** Argument at this index is not a regular expression (literal or `RegExp(...)`): the sink compiles strings. */
  argNotRegExp?: number;
  /** The source text of argument `[index, text]` contains `text` (case-insensitive): `text/html` headers. */
  argTextIncludes?: [number, string];
}

export interface SinkModel {
  family: string;
  callee?: string[];
  method?: string[];
  receiver?: ReceiverKind;
  args: number[] | 'all';
  deep?: boolean;
  field?: string;
  skipFields?: string[];
  when?: SinkCondition;
}

export interface CallbackModel {
  callee?: string[];
  method?: string[];
  receiver?: ReceiverKind;
  when?: SinkCondition;
  callbackArg: number | 'last';
  params?: string[][];
  sources?: string[];
}

export interface FactoryModel {
  callee: string[];
  when?: SinkCondition;
  /** The name the returned value gets (a sink model refers to it). */
  returns: string;
}

export interface Models {
  factoriesByCallee: Map<string, FactoryModel[]>;
  /** Qualified name → source label and the families it matters for (bit mask). */
  sources: Map<string, { label: string; families: number }>;
  paramByName: Map<string, string>;
  paramByType: Map<string, string>;
  decoratorSource: Set<string>;
  decoratorRequest: Set<string>;
  decoratorResponse: Set<string>;
  sinksByCallee: Map<string, SinkModel[]>;
  sinksByMethod: Map<string, SinkModel[]>;
  propertySinks: Map<string, string>;
  nameSinks: Map<string, string>;
  /** Qualified name → bit mask of families (all bits for "all"). */
  sanitizerByCallee: Map<string, number>;
  sanitizerByMethod: Map<string, number>;
  cleanCallee: Set<string>;
  cleanMethod: Set<string>;
  guardAllowlist: Set<string>;
  guardPrefix: Set<string>;
  guardPrefixBits: number;
  callbacksByCallee: Map<string, CallbackModel[]>;
  callbacksByMethod: Map<string, CallbackModel[]>;
  /** Every model name and each of its dotted prefixes: names outside this set are not tracked. */
  prefixes: Set<string>;
}

/** The vulnerability families of the taint rules, in bit order. */
export const TAINT_FAMILIES = [
  'command-injection',
  'code-injection',
  'sql-injection',
  'nosql-injection',
  'path-traversal',
  'ssrf',
  'xss',
  'open-redirect',
  'prototype-pollution',
  'unsafe-deserialization',
  'regex-injection',
] as const;
export type TaintFamily = (typeof TAINT_FAMILIES)[number];

export const ALL_FAMILIES = (1 << TAINT_FAMILIES.length) - 1;

export function familyBit(family: string): number {
  const index = (TAINT_FAMILIES as readonly string[]).indexOf(family);
  if (index === -1) throw new Error(`unknown taint family ${family}`);
  return 1 << index;
}

function familyBits(families: string | string[]): number {
  if (families === 'all') return ALL_FAMILIES;
  return (Array.isArray(families) ? families : [families]).reduce((bits, f) => bits | familyBit(f), 0);
}

/** `a.{b,c}.d` → `a.b.d`, `a.c.d` (nested groups allowed, no regex). */
export function expandBraces(pattern: string): string[] {
  const open = pattern.indexOf('{');
  if (open === -1) return [pattern];
  let depth = 0;
  let close = -1;
  for (let i = open; i < pattern.length; i++) {
    if (pattern[i] === '{') depth++;
    else if (pattern[i] === '}' && --depth === 0) {
      close = i;
      break;
    }
  }
  if (close === -1) return [pattern];
  const parts: string[] = [];
  let from = open + 1;
  depth = 0;
  for (let i = open + 1; i < close; i++) {
    if (pattern[i] === '{') depth++;
    else if (pattern[i] === '}') depth--;
    else if (pattern[i] === ',' && depth === 0) {
      parts.push(pattern.slice(from, i));
      from = i + 1;
    }
  }
  parts.push(pattern.slice(from, close));
  const head = pattern.slice(0, open);
  const tail = pattern.slice(close + 1);
  return parts.flatMap((part) => expandBraces(head + part + tail));
}

function addAll<T>(map: Map<string, T[]>, keys: readonly string[] | undefined, value: T): void {
  for (const pattern of keys ?? [])
    for (const key of expandBraces(pattern)) {
      const list = map.get(key);
      if (list) list.push(value);
      else map.set(key, [value]);
    }
}

function addPrefixes(prefixes: Set<string>, name: string): void {
  // `util.promisify(child_process.exec)` keeps its inner name whole.
  let depth = 0;
  for (let i = 0; i < name.length; i++) {
    const c = name[i];
    if (c === '(') {
      if (depth === 0 && i > 0) prefixes.add(name.slice(0, i));
      depth++;
    } else if (c === ')') depth--;
    else if (c === '.' && depth === 0) {
      const prefix = name.slice(0, i);
      prefixes.add(prefix);
      if (prefix.endsWith('()')) prefixes.add(prefix.slice(0, -2));
    }
  }
  prefixes.add(name);
  if (name.endsWith('()')) prefixes.add(name.slice(0, -2));
}

let cached: Models | undefined;

/** The built-in models, loaded once. */
export function loadModels(): Models {
  if (cached) return cached;
  const prefixes = new Set<string>();
  const sources = new Map<string, { label: string; families: number }>();
  for (const source of sourcesJson.sources as { label: string; names: string[]; families?: string[] }[])
    for (const name of source.names.flatMap(expandBraces)) {
      sources.set(name, {
        label: source.label,
        families: source.families ? familyBits(source.families) : ALL_FAMILIES,
      });
      addPrefixes(prefixes, name);
    }
  const parameters = sourcesJson.parameters as {
    byName: Record<string, string>;
    byType: Record<string, string>;
  };
  const paramByName = new Map(Object.entries(parameters.byName).filter(([k]) => !k.startsWith('$')));
  const paramByType = new Map(Object.entries(parameters.byType).filter(([k]) => !k.startsWith('$')));
  for (const kind of [...paramByName.values(), ...paramByType.values()]) addPrefixes(prefixes, kind);

  const sinksByCallee = new Map<string, SinkModel[]>();
  const sinksByMethod = new Map<string, SinkModel[]>();
  for (const sink of sinksJson.sinks as SinkModel[]) {
    familyBit(sink.family);
    addAll(sinksByCallee, sink.callee, sink);
    addAll(sinksByMethod, sink.method, sink);
  }
  const propertySinks = new Map<string, string>();
  const nameSinks = new Map<string, string>();
  for (const sink of sinksJson.propertySinks as { family: string; property?: string[]; names?: string[] }[]) {
    for (const property of sink.property ?? []) propertySinks.set(property, sink.family);
    for (const name of sink.names ?? []) {
      nameSinks.set(name, sink.family);
      addPrefixes(prefixes, name);
    }
  }
  for (const name of sinksByCallee.keys()) addPrefixes(prefixes, name);
  // Names that conditions compare against (`schema: yaml.DEFAULT_FULL_SCHEMA`) must be tracked too.
  for (const sink of sinksJson.sinks as SinkModel[])
    for (const name of sink.when?.optionName?.[1] ?? []) addPrefixes(prefixes, name);

  const sanitizerByCallee = new Map<string, number>();
  const sanitizerByMethod = new Map<string, number>();
  for (const sanitizer of sanitizersJson.sanitizers as {
    families: string | string[];
    callee?: string[];
    method?: string[];
  }[]) {
    const bits = familyBits(sanitizer.families);
    for (const name of (sanitizer.callee ?? []).flatMap(expandBraces)) {
      sanitizerByCallee.set(name, (sanitizerByCallee.get(name) ?? 0) | bits);
      addPrefixes(prefixes, name);
    }
    for (const name of (sanitizer.method ?? []).flatMap(expandBraces))
      sanitizerByMethod.set(name, (sanitizerByMethod.get(name) ?? 0) | bits);
  }
  const cleanCallee = new Set(sanitizersJson.clean.callee.flatMap(expandBraces));
  for (const name of cleanCallee) addPrefixes(prefixes, name);
  const cleanMethod = new Set(sanitizersJson.clean.method);

  const callbacksByCallee = new Map<string, CallbackModel[]>();
  const callbacksByMethod = new Map<string, CallbackModel[]>();
  for (const callback of callbacksJson.callbacks as CallbackModel[]) {
    addAll(callbacksByCallee, callback.callee, callback);
    addAll(callbacksByMethod, callback.method, callback);
    for (const names of callback.params ?? []) for (const name of names) addPrefixes(prefixes, name);
  }
  for (const name of callbacksByCallee.keys()) addPrefixes(prefixes, name);
  for (const root of [
    'http.res',
    'http.req',
    'koa.ctx',
    'hapi.h',
    'form.data',
    'dom.message',
    'archive.entry',
    'mongo.collection',
    'mongoose.model()',
    'String.raw',
    'JSON.parse',
    'qs.parse',
    'querystring.parse',
    'URL',
    'ws.socket',
    'archive.header',
  ])
    addPrefixes(prefixes, root);

  const factoriesByCallee = new Map<string, FactoryModel[]>();
  for (const factory of (sinksJson as { factories?: FactoryModel[] }).factories ?? []) {
    addAll(factoriesByCallee, factory.callee, factory);
    addPrefixes(prefixes, factory.returns);
  }
  for (const name of factoriesByCallee.keys()) addPrefixes(prefixes, name);
  const decorators = sourcesJson.decorators;
  cached = {
    factoriesByCallee,
    sources,
    paramByName,
    paramByType,
    decoratorSource: new Set(decorators.source),
    decoratorRequest: new Set(decorators.request),
    decoratorResponse: new Set(decorators.response),
    sinksByCallee,
    sinksByMethod,
    propertySinks,
    nameSinks,
    sanitizerByCallee,
    sanitizerByMethod,
    cleanCallee,
    cleanMethod,
    guardAllowlist: new Set(sanitizersJson.guards.allowlist),
    guardPrefix: new Set(sanitizersJson.guards.prefix),
    guardPrefixBits: familyBits(sanitizersJson.guards.prefixFamilies),
    callbacksByCallee,
    callbacksByMethod,
    prefixes,
  };
  return cached;
}
