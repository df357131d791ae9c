/**
 * The taint engine: an abstract interpreter over the ESTree AST. It runs each module's top level once,
 * then every function once with symbolic parameters to build a summary (what flows from each parameter
 * to the return value and to sinks). Calls apply summaries, so data is followed across functions and
 * files without re-analysing bodies. Straight-line code is flow-sensitive (a reassignment with a
 * sanitiser cleans the variable); branches join; checks such as `if (!ALLOWED.has(x)) return` refine
 * the checked value afterwards.
 */
import {
  child,
  isFunction,
  list,
  nameOf,
  propertyName,
  staticString,
  unwrap,
  type Node,
} from '../frontend/ast.js';
import { normaliseModule } from '../frontend/imports.js';
import type { ParsedFile } from '../frontend/parse.js';
import {
  ALL_FAMILIES,
  familyBit,
  type CallbackModel,
  type Models,
  type ReceiverKind,
  type SinkCondition,
  type SinkModel,
} from './models.js';
import {
  EMPTY,
  PRIMITIVE,
  appendStep,
  constant,
  deepTaints,
  join,
  joinAll,
  mergeTaints,
  named,
  sanitize,
  sanitizeTaints,
  withStep,
  withTaints,
  sameOrigin,
  type Closure,
  type Step,
  type Taint,
  type Value,
} from './value.js';

/** A sink reached by tainted data. */
export interface SinkHit {
  family: string;
  file: string;
  start: number;
  end: number;
  /** What the sink is, e.g. `child_process.exec()`. */
  label: string;
}

export interface TaintFinding {
  sink: SinkHit;
  source: { label: string; file: string; start: number; end: number };
  steps: readonly Step[];
}

interface ParamHit {
  /** The function whose parameter it is (an enclosing function's, for hits inside callbacks). */
  fn: Node;
  index: number;
  /** The property of an object parameter the data came from (`function f({ host })`). */
  field?: string;
  sink: SinkHit;
  steps: readonly Step[];
  sanitized: number;
}

interface Summary {
  ret: Value;
  hits: ParamHit[];
}

export interface ModuleHost {
  /** The project file an import specifier of `from` resolves to, if any. */
  resolve(from: string, specifier: string): string | undefined;
  parsed(path: string): ParsedFile | undefined;
  report(finding: TaintFinding): void;
  /** True for a file whose analysis was abandoned (time budget): its functions are not analysed further. */
  skipped(path: string): boolean;
  /** Called often; throws to abort an analysis that ran over its time budget. */
  tick(file: string): void;
}

interface Binding {
  value: Value;
  depth: number;
  /** The initialiser of a `const`/`let` declaration (for checks that look at a constant's definition). */
  init?: { text: string; start: number; end: number };
}

class Scope {
  readonly vars = new Map<string, Binding>();
  refinements: Map<string, number> | undefined;
  constructor(
    readonly parent: Scope | undefined,
    readonly depth: number,
  ) {}

  lookup(name: string): Binding | undefined {
    return this.vars.get(name) ?? this.parent?.lookup(name);
  }

  refinement(key: string): number {
    return (this.refinements?.get(key) ?? 0) | (this.parent?.refinement(key) ?? 0);
  }

  refine(key: string, bits: number): void {
    if (bits === 0) return;
    this.refinements ??= new Map();
    this.refinements.set(key, (this.refinements.get(key) ?? 0) | bits);
  }
}

interface Frame {
  file: FileState;
  closure: Closure | undefined;
  thisValue: Value;
  returns: Value;
  hits: ParamHit[];
  /** Nesting of branches: assignments to variables declared outside the current branch join. */
  branch: number;
  /** Inline executions (constructors) in progress, to bound recursion. */
  inlineDepth: number;
  /** The handler set a content type other than HTML (`res.type('text/plain')`). */
  plainResponse?: boolean;
}

interface FileState {
  path: string;
  parsed: ParsedFile;
  scope: Scope;
  module: Value;
  state: 'running' | 'done';
  useServer: boolean;
  routeFile: boolean;
}

interface Refinement {
  whenTrue: Map<string, number>;
  whenFalse: Map<string, number>;
}

const HTTP_METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);
const DB_WORDS = [
  'db',
  'sql',
  'pool',
  'conn',
  'client',
  'knex',
  'sequelize',
  'database',
  'repo',
  'manager',
  'prisma',
  'trx',
  'datasource',
  'postgres',
  'mysql',
  'sqlite',
  'queryrunner',
  'pgp',
];
const HTTP_CLIENT_WORDS = ['http', 'axios', 'wreck', 'fetcher', 'restclient', 'apiclient'];
const SQLITE_WORDS = ['db', 'database', 'sqlite', 'conn'];
const NOSQL_WORDS = ['collection', 'model', 'coll', 'mongo'];
const RESPONSE_IDS = new Set(['res', 'response', 'reply', 'resp', 'ctx', 'h', 'rep']);
const REQUEST_IDS = new Set(['req', 'request']);
const SAFE_VALUE_FIELDS = new Set(['values', 'replacements', 'bind', 'params', 'parameters', 'args']);
const PROTO_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const MUTATING_METHODS = new Set(['push', 'unshift', 'add', 'set', 'append', 'splice', 'fill']);
const REQUEST_CONTAINERS = new Set([
  'http.req.body',
  'http.req.query',
  'http.req.params',
  'http.req.headers',
  'http.req.cookies',
  'http.req.payload',
]);
const LOOKUP_METHODS = new Set(['get', 'at', 'item']);
const REPLACING_METHODS = new Set(['map', 'flatMap', 'then', 'reduce', 'reduceRight']);
const CONTENT_TYPE_METHODS = new Set(['type', 'contentType', 'set', 'setHeader', 'header', 'writeHead']);
const LOOP_PASSES = 2;
/** `x.startsWith('/')` passed: relative, unless it is `//host` (bits above the family bits). */
const RELATIVE_PENDING = 1 << 29;
/** `x.startsWith('//')` failed. */
const NOT_PROTOCOL_RELATIVE = 1 << 28;

/** `p.startsWith('/') && !p.startsWith('//')` is a same-origin path: safe to redirect to or fetch. */
function relativeChecks(refinements: Map<string, number>): Map<string, number> {
  for (const [key, bits] of refinements)
    if ((bits & RELATIVE_PENDING) !== 0 && (bits & NOT_PROTOCOL_RELATIVE) !== 0)
      refinements.set(key, bits | familyBit('open-redirect') | familyBit('ssrf'));
  return refinements;
}
const MAX_INLINE_DEPTH = 3;
const MAX_SUMMARY_DEPTH = 40;

/** The part of an argument a parameter's data came from: one property for a destructured parameter. */
function argumentPart(arg: Value | undefined, field: string | undefined): Value | undefined {
  if (!arg || field === undefined || !arg.fields) return arg;
  const part = arg.fields.get(field);
  // A property we do not know about: whatever the object itself carries.
  return part ?? withTaints(EMPTY, arg.taints);
}

function lastIdentifier(node: Node | undefined): string | undefined {
  if (!node) return undefined;
  const inner = unwrap(node);
  if (inner.type === 'Identifier') return inner.name as string;
  if (inner.type === 'ThisExpression') return 'this';
  if (inner.type === 'MemberExpression') return propertyName(inner);
  if (inner.type === 'CallExpression') return lastIdentifier(child(inner, 'callee'));
  if (inner.type === 'AwaitExpression') return lastIdentifier(child(inner, 'argument'));
  return undefined;
}

/** The root of a member/call chain: `$` in `$(x).find(y).html`. */
function chainRoot(node: Node): Node {
  let current = unwrap(node);
  for (;;) {
    if (current.type === 'MemberExpression') current = unwrap(child(current, 'object') ?? current);
    else if (current.type === 'CallExpression') current = unwrap(child(current, 'callee') ?? current);
    else return current;
  }
}

function chainHasMethod(node: Node, predicate: (name: string) => boolean): boolean {
  let current = unwrap(node);
  for (let i = 0; i < 12; i++) {
    if (current.type === 'MemberExpression') {
      const name = propertyName(current);
      if (name && predicate(name)) return true;
      current = unwrap(child(current, 'object') ?? current);
    } else if (current.type === 'CallExpression') {
      current = unwrap(child(current, 'callee') ?? current);
    } else {
      return current.type === 'Identifier' && predicate(current.name as string);
    }
  }
  return false;
}

/** A dotted path for refinements: `x`, `req.query.id`; undefined for anything dynamic. */
function accessPath(node: Node): string | undefined {
  const inner = unwrap(node);
  if (inner.type === 'Identifier') return inner.name as string;
  if (inner.type === 'ThisExpression') return 'this';
  if (inner.type === 'MemberExpression') {
    const object = child(inner, 'object');
    const property = propertyName(inner);
    if (!object || property === undefined) return undefined;
    const base = accessPath(object);
    return base === undefined ? undefined : `${base}.${property}`;
  }
  return undefined;
}

/** The access paths an expression reads directly (`x` in `new URL(x).hostname`, `a.b` in `a.b.trim()`). */
function checkedPaths(node: Node, out: string[] = []): string[] {
  const inner = unwrap(node);
  const path = accessPath(inner);
  if (path !== undefined) {
    out.push(path);
    // Checking `url.hostname` / `url.origin` vouches for the URL object itself.
    const dot = path.lastIndexOf('.');
    if (dot > 0 && /^(?:hostname|host|origin)$/.test(path.slice(dot + 1))) out.push(path.slice(0, dot));
    // `req.query.id` validated means reads of `req.query.id` are safe; the base object is not.
    return out;
  }
  if (inner.type === 'CallExpression' || inner.type === 'NewExpression') {
    const callee = child(inner, 'callee');
    if (callee && unwrap(callee).type === 'MemberExpression') {
      const object = child(unwrap(callee), 'object');
      if (object) checkedPaths(object, out);
    }
    for (const argument of list(inner, 'arguments')) checkedPaths(argument, out);
  } else if (inner.type === 'MemberExpression') {
    const object = child(inner, 'object');
    if (object) checkedPaths(object, out);
  }
  return out;
}

function isExit(statement: Node | undefined): boolean {
  if (!statement) return false;
  switch (statement.type) {
    case 'ReturnStatement':
    case 'ThrowStatement':
    case 'ContinueStatement':
    case 'BreakStatement':
      return true;
    case 'BlockStatement': {
      const body = list(statement, 'body');
      return isExit(body[body.length - 1]);
    }
    case 'ExpressionStatement': {
      // `process.exit(1)`, `next(err)` followed by nothing else still falls through; only exits count.
      const expression = child(statement, 'expression');
      const callee =
        expression && expression.type === 'CallExpression' ? child(expression, 'callee') : undefined;
      if (!callee) return false;
      // process.exit(1); ctx.throw(400) (Koa): nothing after them runs.
      return (
        accessPath(callee) === 'process.exit' ||
        (unwrap(callee).type === 'MemberExpression' && propertyName(unwrap(callee)) === 'throw')
      );
    }
    case 'IfStatement':
      return isExit(child(statement, 'consequent')) && isExit(child(statement, 'alternate'));
    default:
      return false;
  }
}

function hasDirective(body: Node | undefined, directive: string): boolean {
  if (!body) return false;
  for (const statement of list(body, 'body')) {
    if (statement.type !== 'ExpressionStatement') return false;
    if (statement.directive === directive) return true;
    const expression = child(statement, 'expression');
    if (!expression || staticString(expression) === undefined) return false;
    if (staticString(expression) === directive) return true;
  }
  return false;
}

function typeName(param: Node): string | undefined {
  const annotation = child(param, 'typeAnnotation');
  const type = annotation && child(annotation, 'typeAnnotation');
  if (!type || type.type !== 'TSTypeReference') return undefined;
  const name = child(type, 'typeName');
  if (!name) return undefined;
  if (name.type === 'Identifier') return name.name as string;
  if (name.type === 'TSQualifiedName') return nameOf(child(name, 'right'));
  return undefined;
}

/** Text of a node for labels, on one line and bounded. */
function excerpt(text: string, node: { start: number; end: number }): string {
  const raw = text.slice(node.start, Math.min(node.end, node.start + 60)).replace(/\s+/g, ' ');
  return node.end - node.start > 60 ? `${raw}…` : raw;
}

function splitWords(identifier: string): string {
  return identifier.toLowerCase();
}

export class Interpreter {
  private readonly files = new Map<string, FileState>();
  private readonly summaries = new Map<Node, Summary>();
  private readonly inProgress = new Set<Node>();
  private readonly queue: Closure[] = [];
  private readonly queued = new Set<Node>();
  private readonly classInstances = new Map<Node, Value>();
  private frame!: Frame;
  private scope!: Scope;

  constructor(
    private readonly models: Models,
    private readonly host: ModuleHost,
  ) {}

  /** Runs the top level of one file (and of the project files it imports). */
  runModule(path: string): Value | undefined {
    const existing = this.files.get(path);
    if (existing) return existing.module;
    const parsed = this.host.parsed(path);
    if (!parsed) return undefined;
    const exportsValue: Value = { taints: [], names: [], fields: new Map() };
    const moduleValue: Value = { taints: [], names: [], fields: new Map([['exports', exportsValue]]) };
    const scope = new Scope(undefined, 0);
    const file: FileState = {
      path,
      parsed,
      scope,
      module: moduleValue,
      state: 'running',
      useServer: hasDirective(parsed.program, 'use server'),
      routeFile: /(?:^|\/)(?:app|pages)\//.test(path),
    };
    this.files.set(path, file);
    scope.vars.set('module', { value: moduleValue, depth: 0 });
    scope.vars.set('exports', { value: exportsValue, depth: 0 });
    const saved = [this.frame, this.scope] as const;
    this.frame = {
      file,
      closure: undefined,
      thisValue: EMPTY,
      returns: EMPTY,
      hits: [],
      branch: 0,
      inlineDepth: 0,
    };
    this.scope = scope;
    try {
      this.execBody(list(parsed.program, 'body'));
      this.finishExports(file);
    } finally {
      file.state = 'done';
      [this.frame, this.scope] = saved;
    }
    return file.module;
  }

  /** Summarises every function met so far (and those found while doing so): the entry points. */
  drain(): void {
    while (this.next < this.queue.length) {
      const closure = this.queue[this.next++]!;
      this.summarize(closure);
    }
    this.queue.length = 0;
    this.next = 0;
  }

  private next = 0;

  /** Evaluates a template-bound expression (Vue `v-html`, Svelte `{@html}`) in a file's top-level scope. */
  checkTemplateSink(path: string, expression: Node, family: string, label: string): void {
    const file = this.files.get(path);
    if (!file) return;
    const saved = [this.frame, this.scope] as const;
    this.frame = {
      file,
      closure: undefined,
      thisValue: EMPTY,
      returns: EMPTY,
      hits: [],
      branch: 0,
      inlineDepth: 0,
    };
    this.scope = file.scope;
    try {
      const value = this.evalExpr(expression);
      this.sinkCheck(value.taints, family, expression, label);
    } finally {
      [this.frame, this.scope] = saved;
    }
  }

  // ---------------------------------------------------------------- modules

  private exportsOf(file: FileState): Value {
    return file.module.fields!.get('exports') ?? EMPTY;
  }

  private finishExports(file: FileState): void {
    const exportsValue = this.exportsOf(file);
    for (const statement of list(file.parsed.program, 'body')) {
      if (statement.type === 'ExportNamedDeclaration' && !child(statement, 'declaration')) {
        const source = staticString(child(statement, 'source'));
        const from = source === undefined ? undefined : this.importValue(file, source);
        for (const specifier of list(statement, 'specifiers')) {
          const local = nameOf(child(specifier, 'local'));
          const exported = nameOf(child(specifier, 'exported'));
          if (!local || !exported) continue;
          const value = from
            ? this.member(from, local, specifier)
            : (file.scope.vars.get(local)?.value ?? EMPTY);
          exportsValue.fields?.set(exported, value);
        }
      } else if (statement.type === 'ExportAllDeclaration') {
        const source = staticString(child(statement, 'source'));
        const from = source === undefined ? undefined : this.importValue(file, source);
        const exported = nameOf(child(statement, 'exported'));
        if (!from) continue;
        if (exported) exportsValue.fields?.set(exported, from);
        else
          for (const [key, value] of from.fields ?? [])
            if (!exportsValue.fields?.has(key)) exportsValue.fields?.set(key, value);
      }
    }
  }

  /** The module value of an import: a project file's exports, or a library named by its specifier. */
  private importValue(file: FileState, specifier: string): Value | undefined {
    const target = this.host.resolve(file.path, specifier);
    if (target !== undefined) {
      const state = this.files.get(target);
      if (state) return this.exportsOf(state);
      this.runModule(target);
      const loaded = this.files.get(target);
      return loaded ? this.exportsOf(loaded) : EMPTY;
    }
    if (specifier.startsWith('.') || specifier.startsWith('/')) return EMPTY;
    return named(this.keepNames([normaliseModule(specifier)]));
  }

  private importDeclaration(statement: Node): void {
    if (statement.importKind === 'type') return;
    const source = staticString(child(statement, 'source'));
    if (source === undefined) return;
    const moduleValue = this.importValue(this.frame.file, source) ?? EMPTY;
    for (const specifier of list(statement, 'specifiers')) {
      const local = nameOf(child(specifier, 'local'));
      if (!local) continue;
      let value: Value;
      if (specifier.type === 'ImportSpecifier') {
        const imported = nameOf(child(specifier, 'imported')) ?? local;
        value =
          imported === 'default'
            ? this.defaultExport(moduleValue)
            : this.member(moduleValue, imported, specifier);
      } else if (specifier.type === 'ImportDefaultSpecifier') {
        value = this.defaultExport(moduleValue);
      } else {
        value = moduleValue;
      }
      this.scope.vars.set(local, { value, depth: 0 });
    }
  }

  private defaultExport(moduleValue: Value): Value {
    return moduleValue.fields?.get('default') ?? moduleValue;
  }

  // ---------------------------------------------------------------- names

  /** Keeps only names some model mentions (or a prefix of one): everything else is noise. */
  private keepNames(names: readonly string[]): readonly string[] {
    if (names.length === 0) return names;
    const kept = names.filter((name) => this.models.prefixes.has(name));
    return kept.length === names.length ? names : kept;
  }

  private childNames(names: readonly string[], property: string): readonly string[] {
    if (names.length === 0) return names;
    return this.keepNames(
      names.map((name) =>
        name === 'window' || name === 'globalThis' || name === 'self' || name === 'global'
          ? property
          : `${name}.${property}`,
      ),
    );
  }

  private sourceTaints(names: readonly string[], node: Node): readonly Taint[] {
    for (const name of names) {
      const source = this.models.sources.get(name);
      if (source === undefined) continue;
      const label = source.label;
      const file = this.frame.file.path;
      const text = excerpt(this.frame.file.parsed.text, node);
      return [
        {
          origin: { kind: 'source', label: `${label} (${text})`, file, start: node.start, end: node.end },
          steps: [{ file, start: node.start, end: node.end, message: `source: ${text}` }],
          // Browser data cannot inject into server-side sinks: it starts out safe for those families.
          sanitized: ALL_FAMILIES & ~source.families,
        },
      ];
    }
    return [];
  }

  private step(node: { start: number; end: number }, message: string): Step {
    return { file: this.frame.file.path, start: node.start, end: node.end, message };
  }

  // ---------------------------------------------------------------- scopes

  private declare(name: string, value: Value): void {
    const binding: Binding = { value, depth: this.frame.branch };
    if (this.pendingInit) {
      binding.init = this.pendingInit;
      this.pendingInit = undefined;
    }
    this.scope.vars.set(name, binding);
  }

  private pendingInit: Binding['init'];

  private assignName(name: string, value: Value, node: Node): void {
    const stepped = value.taints.length
      ? withTaints(value, withStep(value.taints, this.step(node, `assigned to ${name}`)))
      : value;
    for (let scope: Scope | undefined = this.scope; scope; scope = scope.parent) {
      const binding = scope.vars.get(name);
      if (binding) {
        binding.value = binding.depth < this.frame.branch ? join(binding.value, stepped) : stepped;
        // A new value replaces what earlier checks proved about the old one.
        scope.refinements?.delete(name);
        return;
      }
    }
    this.frame.file.scope.vars.set(name, { value: stepped, depth: 0 });
  }

  private withScope<T>(fn: () => T, refinements?: Map<string, number>): T {
    const saved = this.scope;
    this.scope = new Scope(saved, this.frame.branch);
    if (refinements && refinements.size > 0) this.scope.refinements = new Map(refinements);
    try {
      return fn();
    } finally {
      this.scope = saved;
    }
  }

  private inBranch<T>(fn: () => T, refinements?: Map<string, number>): T {
    this.frame.branch++;
    try {
      return this.withScope(fn, refinements);
    } finally {
      this.frame.branch--;
    }
  }

  /** Hoists function declarations and `var`s of a statement list into the current scope. */
  private hoist(statements: readonly Node[]): void {
    for (const statement of statements) {
      const declaration =
        statement.type === 'ExportNamedDeclaration' || statement.type === 'ExportDefaultDeclaration'
          ? child(statement, 'declaration')
          : statement;
      if (!declaration) continue;
      if (declaration.type === 'FunctionDeclaration') {
        const name = nameOf(child(declaration, 'id'));
        const value = this.makeFunction(declaration);
        if (name) this.declare(name, value);
        if (statement.type === 'ExportNamedDeclaration' && name)
          this.exportsOf(this.frame.file).fields?.set(name, value);
        if (statement.type === 'ExportDefaultDeclaration')
          this.exportsOf(this.frame.file).fields?.set('default', value);
      } else if (declaration.type === 'VariableDeclaration' && declaration.kind === 'var') {
        for (const declarator of list(declaration, 'declarations')) {
          const id = child(declarator, 'id');
          if (id?.type === 'Identifier' && !this.scope.vars.has(id.name as string))
            this.declare(id.name as string, EMPTY);
        }
      }
    }
  }

  // ---------------------------------------------------------------- statements

  private execBody(statements: readonly Node[]): void {
    this.hoist(statements);
    for (const statement of statements) {
      this.host.tick(this.frame.file.path);
      this.exec(statement);
    }
  }

  private execBlock(statements: readonly Node[]): void {
    this.withScope(() => this.execBody(statements));
  }

  private exec(statement: Node): void {
    switch (statement.type) {
      case 'ExpressionStatement':
        this.evalExpr(child(statement, 'expression')!);
        return;
      case 'VariableDeclaration':
        for (const declarator of list(statement, 'declarations')) {
          const init = child(declarator, 'init');
          const id = child(declarator, 'id');
          if (!id) continue;
          const value = init ? this.evalExpr(init) : EMPTY;
          if (init && id.type === 'Identifier')
            this.pendingInit = { text: this.frame.file.parsed.text, start: init.start, end: init.end };
          // `const handler = (req, res) => …`: name the function for traces.
          if (
            id.type === 'Identifier' &&
            init &&
            isFunction(unwrap(init)) &&
            value.fns?.[0] &&
            !value.fns[0].name
          )
            value.fns[0].name = id.name as string;
          this.bindPattern(id, value, true);
        }
        return;
      case 'FunctionDeclaration':
        return; // hoisted
      case 'ClassDeclaration': {
        const name = nameOf(child(statement, 'id'));
        const value = this.evalClass(statement);
        if (name) this.declare(name, value);
        return;
      }
      case 'ReturnStatement': {
        const argument = child(statement, 'argument');
        if (argument) {
          const value = this.evalExpr(argument);
          const stepped = value.taints.length
            ? withTaints(value, withStep(value.taints, this.step(argument, 'returned')))
            : value;
          this.frame.returns = join(this.frame.returns, stepped);
          const returnSink = this.frame.closure?.returnSink;
          if (returnSink) this.sinkCheck(value.taints, returnSink, argument, 'response body');
        }
        return;
      }
      case 'IfStatement':
        this.execIf(statement);
        return;
      case 'BlockStatement':
      case 'StaticBlock':
        this.execBlock(list(statement, 'body'));
        return;
      case 'ForStatement':
        this.withScope(() => {
          const init = child(statement, 'init');
          if (init) {
            if (init.type === 'VariableDeclaration') this.exec(init);
            else this.evalExpr(init);
          }
          this.loop(() => {
            const test = child(statement, 'test');
            if (test) this.evalExpr(test);
            this.exec(child(statement, 'body')!);
            const update = child(statement, 'update');
            if (update) this.evalExpr(update);
          });
        });
        return;
      case 'ForInStatement':
      case 'ForOfStatement': {
        const right = this.evalExpr(child(statement, 'right')!);
        const item =
          statement.type === 'ForInStatement'
            ? withTaints(EMPTY, deepTaints(right))
            : right.elems
              ? join(right.elems, withTaints(EMPTY, right.taints))
              : withTaints(EMPTY, deepTaints(right));
        this.withScope(() => {
          const left = child(statement, 'left')!;
          this.loop(() => {
            if (left.type === 'VariableDeclaration') {
              const id = child(list(left, 'declarations')[0] ?? left, 'id');
              if (id) {
                const names =
                  id.type === 'Identifier' && /^(?:entry|zipEntry)$/.test(id.name as string)
                    ? this.keepNames(['archive.entry'])
                    : [];
                this.bindPattern(id, names.length ? { ...item, names } : item, true);
              }
            } else this.assignTo(left, item);
            this.exec(child(statement, 'body')!);
          });
        });
        return;
      }
      case 'WhileStatement':
      case 'DoWhileStatement':
        this.loop(() => {
          this.evalExpr(child(statement, 'test')!);
          this.exec(child(statement, 'body')!);
        });
        return;
      case 'SwitchStatement': {
        const discriminant = child(statement, 'discriminant')!;
        this.evalExpr(discriminant);
        const path = accessPath(discriminant);
        for (const switchCase of list(statement, 'cases')) {
          const test = child(switchCase, 'test');
          const literal = test && (test.type === 'Literal' || staticString(test) !== undefined);
          const refinements = literal && path ? new Map([[path, ALL_FAMILIES]]) : undefined;
          this.inBranch(() => this.execBody(list(switchCase, 'consequent')), refinements);
        }
        return;
      }
      case 'TryStatement': {
        const block = child(statement, 'block');
        if (block) this.inBranch(() => this.execBody(list(block, 'body')));
        const handler = child(statement, 'handler');
        if (handler) {
          this.inBranch(() => {
            const param = child(handler, 'param');
            if (param) this.bindPattern(param, EMPTY, true);
            this.execBody(list(child(handler, 'body')!, 'body'));
          });
        }
        const finalizer = child(statement, 'finalizer');
        if (finalizer) this.execBlock(list(finalizer, 'body'));
        return;
      }
      case 'LabeledStatement':
        this.exec(child(statement, 'body')!);
        return;
      case 'ThrowStatement':
        this.evalExpr(child(statement, 'argument')!);
        return;
      case 'ImportDeclaration':
        this.importDeclaration(statement);
        return;
      case 'ExportNamedDeclaration': {
        const declaration = child(statement, 'declaration');
        if (!declaration) return; // specifiers are bound at the end of the module
        this.exec(declaration);
        const exportsValue = this.exportsOf(this.frame.file);
        if (declaration.type === 'VariableDeclaration') {
          for (const declarator of list(declaration, 'declarations')) {
            const id = child(declarator, 'id');
            if (id?.type === 'Identifier')
              exportsValue.fields?.set(
                id.name as string,
                this.scope.lookup(id.name as string)?.value ?? EMPTY,
              );
          }
        } else {
          const name = nameOf(child(declaration, 'id'));
          if (name) exportsValue.fields?.set(name, this.scope.lookup(name)?.value ?? EMPTY);
        }
        return;
      }
      case 'ExportDefaultDeclaration': {
        const declaration = child(statement, 'declaration')!;
        if (declaration.type === 'FunctionDeclaration') return; // hoisted
        const value =
          declaration.type === 'ClassDeclaration' ? this.evalClass(declaration) : this.evalExpr(declaration);
        if (declaration.type === 'ClassDeclaration') {
          const name = nameOf(child(declaration, 'id'));
          if (name) this.declare(name, value);
        }
        this.exportsOf(this.frame.file).fields?.set('default', value);
        return;
      }
      case 'TSExportAssignment': {
        const expression = child(statement, 'expression');
        if (expression) this.frame.file.module.fields?.set('exports', this.evalExpr(expression));
        return;
      }
      case 'TSEnumDeclaration':
      case 'TSModuleDeclaration': {
        const name = nameOf(child(statement, 'id'));
        if (name) this.declare(name, PRIMITIVE);
        return;
      }
      case 'EmptyStatement':
      case 'DebuggerStatement':
      case 'BreakStatement':
      case 'ContinueStatement':
      case 'ExportAllDeclaration':
      case 'TSInterfaceDeclaration':
      case 'TSTypeAliasDeclaration':
      case 'TSDeclareFunction':
      case 'TSImportEqualsDeclaration':
        return;
      default:
        if (statement.type.endsWith('Statement')) {
          for (const key of Object.keys(statement)) {
            const value = statement[key];
            if (value && typeof value === 'object' && 'type' in value) {
              const node = value as Node;
              if (node.type.endsWith('Statement')) this.exec(node);
              else if (node.type.endsWith('Expression')) this.evalExpr(node);
            }
          }
        }
    }
  }

  private loop(body: () => void): void {
    this.frame.branch++;
    try {
      for (let pass = 0; pass < LOOP_PASSES; pass++) this.withScope(body);
    } finally {
      this.frame.branch--;
    }
  }

  private execIf(statement: Node): void {
    const test = child(statement, 'test')!;
    this.evalExpr(test);
    const refinement = this.refinementOf(test);
    const consequent = child(statement, 'consequent')!;
    const alternate = child(statement, 'alternate');
    this.inBranch(() => this.exec(consequent), refinement.whenTrue);
    if (alternate) this.inBranch(() => this.exec(alternate), refinement.whenFalse);
    // `if (!ok(x)) return;` proves `ok(x)` for the rest of the block.
    if (isExit(consequent) && !alternate)
      for (const [key, bits] of refinement.whenFalse) this.scope.refine(key, bits);
    else if (alternate && isExit(alternate) && !isExit(consequent))
      for (const [key, bits] of refinement.whenTrue) this.scope.refine(key, bits);
  }

  /** What a condition proves about the values it checks, when true and when false. */
  private refinementOf(test: Node): Refinement {
    const none: Refinement = { whenTrue: new Map(), whenFalse: new Map() };
    const node = unwrap(test);
    const mark = (paths: string[], bits: number): Map<string, number> => new Map(paths.map((p) => [p, bits]));
    switch (node.type) {
      case 'UnaryExpression':
        if (node.operator === '!') {
          const inner = this.refinementOf(child(node, 'argument')!);
          return { whenTrue: inner.whenFalse, whenFalse: inner.whenTrue };
        }
        return none;
      case 'LogicalExpression': {
        const left = this.refinementOf(child(node, 'left')!);
        const right = this.refinementOf(child(node, 'right')!);
        const union = (a: Map<string, number>, b: Map<string, number>): Map<string, number> => {
          const out = new Map(a);
          for (const [k, v] of b) out.set(k, (out.get(k) ?? 0) | v);
          return out;
        };
        // Either side may be the one that failed: only what both prove holds.
        const both = (a: Map<string, number>, b: Map<string, number>): Map<string, number> => {
          const out = new Map<string, number>();
          for (const [k, v] of a) {
            const bits = v & (b.get(k) ?? 0);
            if (bits) out.set(k, bits);
          }
          return out;
        };
        if (node.operator === '&&')
          return {
            whenTrue: relativeChecks(union(left.whenTrue, right.whenTrue)),
            whenFalse: both(left.whenFalse, right.whenFalse),
          };
        if (node.operator === '||')
          return {
            whenTrue: both(left.whenTrue, right.whenTrue),
            whenFalse: relativeChecks(union(left.whenFalse, right.whenFalse)),
          };
        return none;
      }
      case 'BinaryExpression': {
        const left = child(node, 'left')!;
        const right = child(node, 'right')!;
        const operator = node.operator as string;
        const equal = operator === '===' || operator === '==';
        const notEqual = operator === '!==' || operator === '!=';
        if (!equal && !notEqual) {
          // `x.indexOf(y) !== -1`, `list.indexOf(x) >= 0`: an allowlist check.
          if (['>', '>=', '<', '<='].includes(operator)) return none;
          return none;
        }
        const isConstant = (n: Node): boolean =>
          staticString(n) !== undefined || unwrap(n).type === 'Literal';
        const [checked, other] = isConstant(right)
          ? [left, right]
          : isConstant(left)
            ? [right, left]
            : this.peek(right).taints.length > 0 && this.peek(left).taints.length === 0
              ? [right, left]
              : [left, right];
        const literal = staticString(other);
        const checkedNode = unwrap(checked);
        // typeof x === 'string' / 'number'
        if (
          checkedNode.type === 'UnaryExpression' &&
          checkedNode.operator === 'typeof' &&
          literal !== undefined
        ) {
          const paths = checkedPaths(child(checkedNode, 'argument')!);
          const bits =
            literal === 'number' || literal === 'boolean'
              ? ALL_FAMILIES
              : literal === 'string'
                ? familyBit('nosql-injection') | familyBit('prototype-pollution')
                : 0;
          return equal
            ? { whenTrue: mark(paths, bits), whenFalse: new Map() }
            : { whenTrue: new Map(), whenFalse: mark(paths, bits) };
        }
        // x.indexOf(y) === -1 → the negative of an allowlist check
        if (checkedNode.type === 'CallExpression' && unwrap(other).type === 'UnaryExpression') {
          const inner = this.refinementOf(checkedNode);
          return equal ? { whenTrue: inner.whenFalse, whenFalse: inner.whenTrue } : inner;
        }
        if (unwrap(other).type !== 'Literal' && literal === undefined) {
          // x === CONSTANT or x === base (a trusted value of the program): equal means known.
          const value = this.peek(other);
          if (value.taints.length > 0 || !accessPath(other)) return none;
        }
        const paths = checkedPaths(checked);
        if (literal !== undefined && PROTO_KEYS.has(literal)) {
          // if (key === '__proto__') continue;  →  afterwards key is not a prototype key
          const bits = familyBit('prototype-pollution');
          return equal
            ? { whenTrue: new Map(), whenFalse: mark(paths, bits) }
            : { whenTrue: mark(paths, bits), whenFalse: new Map() };
        }
        return equal
          ? { whenTrue: mark(paths, ALL_FAMILIES), whenFalse: new Map() }
          : { whenTrue: new Map(), whenFalse: mark(paths, ALL_FAMILIES) };
      }
      case 'CallExpression': {
        const callee = unwrap(child(node, 'callee')!);
        const args = list(node, 'arguments');
        const method = callee.type === 'MemberExpression' ? propertyName(callee) : nameOf(callee);
        if (!method) return none;
        const object = callee.type === 'MemberExpression' ? child(callee, 'object') : undefined;
        // ALLOWED.includes(x), set.has(x), /^[a-z]+$/.test(x), validator.isInt(x), isValidId(x)
        if (method === 'test' && object) {
          const regex = unwrap(object);
          const pattern =
            (regex.regex as { pattern?: string } | undefined)?.pattern ?? this.peek(regex).regex;
          if (pattern === undefined || !pattern.startsWith('^') || !pattern.endsWith('$')) return none;
          return {
            whenTrue: mark(
              args.flatMap((a) => checkedPaths(a)),
              ALL_FAMILIES,
            ),
            whenFalse: new Map(),
          };
        }
        if (this.models.guardPrefix.has(method) && object) {
          // A literal prefix protects what `prefixBits` says (a fixed origin, a path that is not `//`); a
          // prefix that is a variable (`startsWith(root + path.sep)`) is the containment check after resolve.
          const literal = staticString(args[0]);
          if (literal === '/')
            return { whenTrue: mark(checkedPaths(object), RELATIVE_PENDING), whenFalse: new Map() };
          if (literal === '//' || literal === '/\\' || literal === '\\')
            return { whenTrue: new Map(), whenFalse: mark(checkedPaths(object), NOT_PROTOCOL_RELATIVE) };
          const bits = literal !== undefined ? this.prefixBits(literal) : this.models.guardPrefixBits;
          return { whenTrue: mark(checkedPaths(object), bits), whenFalse: new Map() };
        }
        // names.every((n) => PATTERN.test(n)): every element passed the check.
        if (method === 'every' && object && args[0] && isFunction(unwrap(args[0]))) {
          const fn = unwrap(args[0]);
          const param = nameOf(list(fn, 'params')[0]);
          const body = child(fn, 'body');
          if (param && body && body.type !== 'BlockStatement') {
            const inner = this.refinementOf(body).whenTrue.get(param);
            if (inner) return { whenTrue: mark(checkedPaths(object), inner), whenFalse: new Map() };
          }
          return none;
        }
        // FORBIDDEN.has(key) / BLOCKED.includes(key) where the list names prototype keys: a deny list.
        if ((method === 'has' || method === 'includes') && object && this.isPrototypeDenyList(object)) {
          return {
            whenTrue: new Map(),
            whenFalse: mark(
              args.flatMap((a) => checkedPaths(a)),
              familyBit('prototype-pollution'),
            ),
          };
        }
        // keys.every(isSafeKey): a project predicate applied to every element.
        if (method === 'every' && object && args[0] && unwrap(args[0]).type === 'Identifier') {
          const predicate = this.peek(args[0]);
          if (
            predicate.fns?.some((fn) => isFunction(fn.node)) &&
            /^(?:is|has|can|check|valid|allow|verify|ensure)/i.test(nameOf(unwrap(args[0])) ?? '')
          )
            return { whenTrue: mark(checkedPaths(object), ALL_FAMILIES), whenFalse: new Map() };
        }
        if (method === 'includes' && object && args.length > 0) {
          // x.includes('..') is a deny check on x; LIST.includes(x) an allowlist check on x.
          const needle = staticString(args[0]);
          if (needle !== undefined) {
            const bits = needle.includes('..') ? familyBit('path-traversal') : 0;
            return { whenTrue: new Map(), whenFalse: mark(checkedPaths(object), bits) };
          }
        }
        const calleeValue = this.peek(callee);
        const projectPredicate =
          calleeValue.fns?.some((fn) => isFunction(fn.node)) === true &&
          /^(?:is|has|can|check|valid|allow|verify|ensure)/i.test(method);
        if (
          projectPredicate ||
          this.models.guardAllowlist.has(method) ||
          /^(?:valid|assert)|(?:Allowed|Valid|Safe|Whitelisted|Allowlisted|Trusted|Permitted)$|^is(?:Allowed|Valid|Safe|Whitelisted|Allowlisted|Trusted|Permitted)/.test(
            method,
          )
        ) {
          return {
            whenTrue: mark(
              args.flatMap((a) => checkedPaths(a)),
              ALL_FAMILIES,
            ),
            whenFalse: new Map(),
          };
        }
        return none;
      }
      case 'MemberExpression':
      case 'Identifier':
        return none;
      default:
        return none;
    }
  }

  /** A constant list or set whose declaration names `__proto__`: checking membership is a deny check. */
  private isPrototypeDenyList(node: Node): boolean {
    const inner = unwrap(node);
    if (inner.type === 'ArrayExpression')
      return this.frame.file.parsed.text.slice(inner.start, inner.end).includes('__proto__');
    if (inner.type !== 'Identifier') return false;
    const init = this.scope.lookup(inner.name as string)?.init;
    return init !== undefined && init.text.slice(init.start, init.end).includes('__proto__');
  }

  /** The value of an expression without side effects on findings (used by checks). */
  private peek(node: Node): Value {
    const inner = unwrap(node);
    if (inner.type === 'Identifier') return this.scope.lookup(inner.name as string)?.value ?? EMPTY;
    if (inner.type === 'Literal') return typeof inner.value === 'string' ? constant(inner.value) : PRIMITIVE;
    if (inner.type === 'MemberExpression') {
      const object = child(inner, 'object');
      const property = propertyName(inner);
      if (object && property) {
        const base = this.peek(object);
        return base.fields?.get(property) ?? EMPTY;
      }
    }
    return EMPTY;
  }

  // ---------------------------------------------------------------- patterns

  private bindPattern(pattern: Node, value: Value, declare: boolean): void {
    switch (pattern.type) {
      case 'Identifier': {
        const name = pattern.name as string;
        if (declare) {
          const stepped = value.taints.length
            ? withTaints(value, withStep(value.taints, this.step(pattern, `assigned to ${name}`)))
            : value;
          this.declare(name, stepped);
        } else this.assignName(name, value, pattern);
        return;
      }
      case 'ObjectPattern': {
        const taken: string[] = [];
        for (const property of list(pattern, 'properties')) {
          if (property.type === 'RestElement') {
            const target = child(property, 'argument');
            if (target) this.bindPattern(target, withTaints(EMPTY, deepTaints(value)), declare);
            continue;
          }
          const key = property.computed ? undefined : nameOf(child(property, 'key'));
          const target = child(property, 'value');
          if (!target) continue;
          if (key) taken.push(key);
          const fieldValue =
            key !== undefined ? this.member(value, key, property) : withTaints(EMPTY, deepTaints(value));
          this.bindPattern(target, fieldValue, declare);
        }
        return;
      }
      case 'ArrayPattern': {
        const item = value.elems
          ? join(value.elems, withTaints(EMPTY, value.taints))
          : withTaints(EMPTY, value.taints);
        if (value.fields?.has('0')) {
          list(pattern, 'elements').forEach((element, i) => {
            if (element.type !== 'RestElement')
              this.bindPattern(element, value.fields!.get(String(i)) ?? item, declare);
          });
          return;
        }
        for (const element of list(pattern, 'elements')) {
          if (element.type === 'RestElement') {
            const target = child(element, 'argument');
            if (target) this.bindPattern(target, { taints: item.taints, names: [], elems: item }, declare);
          } else this.bindPattern(element, item, declare);
        }
        return;
      }
      case 'AssignmentPattern': {
        const right = child(pattern, 'right');
        const fallback = right ? this.evalExpr(right) : EMPTY;
        this.bindPattern(child(pattern, 'left')!, join(value, fallback), declare);
        return;
      }
      case 'RestElement':
        this.bindPattern(child(pattern, 'argument')!, value, declare);
        return;
      case 'TSParameterProperty': {
        const parameter = child(pattern, 'parameter');
        if (parameter) {
          this.bindPattern(parameter, value, declare);
          const name =
            parameter.type === 'Identifier' ? (parameter.name as string) : nameOf(child(parameter, 'left'));
          // An injected instance (set when the class was defined) is better than a symbolic parameter.
          if (name && !this.frame.thisValue.fields?.get(name)?.fields)
            this.frame.thisValue.fields?.set(name, value);
        }
        return;
      }
      default:
        // A member expression target in a destructuring assignment: `({ a: obj.x } = v)`.
        this.assignTo(pattern, value);
    }
  }

  private assignTo(target: Node, value: Value): void {
    const node = unwrap(target);
    if (node.type === 'Identifier') {
      this.checkNameSink(node, value);
      this.assignName(node.name as string, value, node);
      return;
    }
    if (node.type === 'MemberExpression') {
      const objectNode = child(node, 'object')!;
      const object = this.evalExpr(objectNode);
      const property = propertyName(node);
      // Sinks: el.innerHTML = x, location.href = x, ctx.body = x
      if (property !== undefined) {
        const family = this.models.propertySinks.get(property);
        if (family) this.sinkCheck(value.taints, family, node, `.${property} =`, value);
        for (const name of this.childNames(object.names, property)) {
          const nameFamily = this.models.nameSinks.get(name);
          if (nameFamily) this.sinkCheck(value.taints, nameFamily, node, `${name} =`, value);
        }
        if (object.fields) object.fields.set(property, value);
        else if (value.taints.length > 0 && object !== EMPTY && object !== PRIMITIVE) {
          // An object we did not create: remember the write on a fresh field map.
          (object as { fields?: Map<string, Value> }).fields = new Map([[property, value]]);
        }
        // exports.x = v / module.exports = v in CommonJS
        return;
      }
      // Computed key: obj[key] = value. With a key from input on a nested target this pollutes prototypes.
      const keyNode = child(node, 'property')!;
      const key = this.evalExpr(keyNode);
      // Both the key and the value come from input: `target[key] = source[key]`, `obj[a][b] = v`. A value
      // read back from the target itself (`dst[k] = dst[k] || {}`) is not attacker data; null-prototype
      // targets (`Object.create(null)`) cannot reach Object.prototype.
      const foreign = value.taints.some((t) => !object.taints.some((o) => sameOrigin(o.origin, t.origin)));
      if (key.taints.length > 0 && !key.primitive && foreign && !object.nullProto) {
        const nested = unwrap(objectNode).type === 'MemberExpression' && unwrap(objectNode).computed;
        if (nested || object.dynamicKey || this.inRecursiveMerge(objectNode)) {
          this.sinkCheck(key.taints, 'prototype-pollution', node, 'assignment with a computed key');
        }
      }
      if (object.fields) {
        const existing = object.elems ?? EMPTY;
        (object as { elems?: Value }).elems = join(existing, value);
      } else if (object !== EMPTY && object !== PRIMITIVE && !Object.isFrozen(object)) {
        (object as { elems?: Value }).elems = join(object.elems ?? EMPTY, value);
      }
      return;
    }
    if (node.type === 'ObjectPattern' || node.type === 'ArrayPattern' || node.type === 'AssignmentPattern') {
      this.bindPattern(node, value, false);
    }
  }

  /** Inside a function that calls itself with `target[key]`: a recursive merge/clone. */
  private inRecursiveMerge(objectNode: Node): boolean {
    // The merge may sit in a callback (`Object.keys(src).forEach(k => …)`) of the recursive function.
    for (let closure = this.frame.closure; closure; closure = closure.parent)
      if (this.isRecursive(closure, objectNode)) return true;
    return false;
  }

  private isRecursive(closure: Closure, objectNode: Node): boolean {
    const fnName = closure.name ?? nameOf(child(closure.node, 'id'));
    const objectName = lastIdentifier(objectNode);
    if (!fnName || !objectName) return false;
    let recursive = false;
    const body = child(closure.node, 'body');
    if (!body) return false;
    const stack: Node[] = [body];
    while (stack.length > 0 && !recursive) {
      const node = stack.pop()!;
      if (node.type === 'CallExpression' && nameOf(child(node, 'callee')) === fnName) recursive = true;
      for (const key in node) {
        const value = node[key];
        if (Array.isArray(value))
          for (const item of value) {
            if (item && typeof item === 'object' && 'type' in item) stack.push(item as Node);
          }
        else if (value && typeof value === 'object' && 'type' in value) stack.push(value as Node);
      }
    }
    return recursive;
  }

  private checkNameSink(node: Node, value: Value): void {
    const name = node.name as string;
    if (this.scope.lookup(name)) return;
    const family = this.models.nameSinks.get(name);
    if (family) this.sinkCheck(value.taints, family, node, `${name} =`, value);
  }

  // ---------------------------------------------------------------- expressions

  evalExpr(expression: Node): Value {
    const node = expression;
    switch (node.type) {
      case 'Literal':
        if (typeof node.value === 'string') return constant(node.value);
        if (node.regex) return { taints: [], names: [], regex: (node.regex as { pattern: string }).pattern };
        return PRIMITIVE;
      case 'TemplateLiteral':
        return this.evalTemplate(node);
      case 'Identifier':
        return this.evalIdentifier(node);
      case 'ThisExpression':
        return this.frame.thisValue;
      case 'MemberExpression':
        return this.evalMember(node);
      case 'CallExpression':
      case 'NewExpression':
        return this.evalCall(node);
      case 'AssignmentExpression':
        return this.evalAssignment(node);
      case 'BinaryExpression':
        return this.evalBinary(node);
      case 'LogicalExpression': {
        const left = this.evalExpr(child(node, 'left')!);
        const refinement =
          node.operator === '&&' ? this.refinementOf(child(node, 'left')!).whenTrue : undefined;
        const right =
          refinement && refinement.size
            ? this.withScope(() => this.evalExpr(child(node, 'right')!), refinement)
            : this.evalExpr(child(node, 'right')!);
        if (node.operator === '&&') return right;
        return join(left, right);
      }
      case 'ConditionalExpression': {
        const test = child(node, 'test')!;
        this.evalExpr(test);
        const refinement = this.refinementOf(test);
        const consequent = this.inBranch(
          () => this.evalExpr(child(node, 'consequent')!),
          refinement.whenTrue,
        );
        const alternate = this.inBranch(() => this.evalExpr(child(node, 'alternate')!), refinement.whenFalse);
        return join(consequent, alternate);
      }
      case 'UnaryExpression': {
        const argument = child(node, 'argument');
        if (argument) this.evalExpr(argument);
        return PRIMITIVE;
      }
      case 'UpdateExpression':
        return PRIMITIVE;
      case 'ObjectExpression':
        return this.evalObject(node);
      case 'ArrayExpression': {
        let elems = EMPTY;
        for (const element of list(node, 'elements')) {
          if (element.type === 'SpreadElement') {
            const spread = this.evalExpr(child(element, 'argument')!);
            elems = join(elems, spread.elems ?? withTaints(EMPTY, spread.taints));
          } else elems = join(elems, this.evalExpr(element));
        }
        return { taints: [], names: [], elems };
      }
      case 'FunctionExpression':
      case 'ArrowFunctionExpression':
        return this.makeFunction(node);
      case 'ClassExpression':
        return this.evalClass(node);
      case 'AwaitExpression':
      case 'YieldExpression': {
        const argument = child(node, 'argument');
        return argument ? this.evalExpr(argument) : EMPTY;
      }
      case 'SequenceExpression': {
        let last = EMPTY;
        for (const item of list(node, 'expressions')) last = this.evalExpr(item);
        return last;
      }
      case 'TaggedTemplateExpression': {
        const tag = this.evalExpr(child(node, 'tag')!);
        const quasi = child(node, 'quasi')!;
        const values = list(quasi, 'expressions').map((e) => this.evalExpr(e));
        // Tags usually escape or parameterise (sql``, html``, Prisma.sql``); String.raw passes data through.
        if (tag.names.includes('String.raw'))
          return withTaints(
            EMPTY,
            values.reduce<readonly Taint[]>((t, v) => mergeTaints(t, v.taints), []),
          );
        return EMPTY;
      }
      case 'ParenthesizedExpression':
      case 'TSAsExpression':
      case 'TSSatisfiesExpression':
      case 'TSNonNullExpression':
      case 'TSTypeAssertion':
      case 'TSInstantiationExpression':
      case 'ChainExpression':
        return this.evalExpr(child(node, 'expression')!);
      case 'ImportExpression': {
        const specifier = staticString(child(node, 'source'));
        if (specifier === undefined) {
          const source = child(node, 'source');
          if (source) {
            const value = this.evalExpr(source);
            this.sinkCheck(value.taints, 'code-injection', node, 'import()');
          }
          return EMPTY;
        }
        return this.importValue(this.frame.file, specifier) ?? EMPTY;
      }
      case 'JSXElement':
      case 'JSXFragment':
        this.evalJsx(node);
        return EMPTY;
      case 'SpreadElement':
        return this.evalExpr(child(node, 'argument')!);
      default:
        return EMPTY;
    }
  }

  private evalIdentifier(node: Node): Value {
    const name = node.name as string;
    const binding = this.scope.lookup(name);
    let value: Value;
    if (binding) value = binding.value;
    else if (name === 'undefined' || name === 'NaN' || name === 'Infinity') return PRIMITIVE;
    else {
      const names = this.keepNames([name]);
      value = named(names);
      const taints = this.sourceTaints(names, node);
      if (taints.length) value = withTaints(value, taints);
    }
    if (value.taints.length > 0) {
      const bits = this.scope.refinement(name);
      if (bits) value = sanitize(value, bits);
    }
    return value;
  }

  private evalTemplate(node: Node): Value {
    const quasis = list(node, 'quasis');
    const expressions = list(node, 'expressions');
    let taints: readonly Taint[] = [];
    let text = '';
    let constantText = true;
    let prefix = (quasis[0]?.value as { cooked?: string } | undefined)?.cooked ?? '';
    for (let i = 0; i < expressions.length; i++) {
      const value = this.evalExpr(expressions[i]!);
      let part = value.taints;
      if (part.length) part = sanitizeTaints(part, this.prefixBits(prefix));
      taints = mergeTaints(taints, part);
      if (value.str === undefined) constantText = false;
      text += ((quasis[i]?.value as { cooked?: string } | undefined)?.cooked ?? '') + (value.str ?? '');
      prefix +=
        (value.str ?? '\u0000') + ((quasis[i + 1]?.value as { cooked?: string } | undefined)?.cooked ?? '');
    }
    text += (quasis[expressions.length]?.value as { cooked?: string } | undefined)?.cooked ?? '';
    const out: Value = { taints, names: [] };
    if (constantText) out.str = text;
    return out;
  }

  /**
   * Families for which data appended after `prefix` is harmless: after `https://host/` it cannot choose
   * the host (SSRF, open redirect); after a `/path` it cannot make the URL absolute.
   */
  private prefixBits(prefix: string): number {
    if (prefix.length === 0) return 0;
    const scheme = prefix.indexOf('://');
    if (scheme > 0 && scheme < 10) {
      const slash = prefix.indexOf('/', scheme + 3);
      const query = prefix.indexOf('?', scheme + 3);
      const hash = prefix.indexOf('#', scheme + 3);
      if (slash !== -1 || query !== -1 || hash !== -1) return familyBit('ssrf') | familyBit('open-redirect');
      return 0;
    }
    if (prefix.startsWith('/') && prefix.length > 1 && prefix[1] !== '/' && prefix[1] !== '\\')
      return familyBit('ssrf') | familyBit('open-redirect');
    if (prefix.startsWith('?') || prefix.startsWith('#')) return familyBit('open-redirect');
    return 0;
  }

  private evalBinary(node: Node): Value {
    if (node.operator !== '+') {
      this.evalExpr(child(node, 'left')!);
      this.evalExpr(child(node, 'right')!);
      return PRIMITIVE;
    }
    // `a + b + c + …` nests to the left; walk it iteratively so generated code cannot overflow the stack.
    const operands: Node[] = [];
    let current: Node = node;
    while (current.type === 'BinaryExpression' && current.operator === '+') {
      operands.push(child(current, 'right')!);
      current = child(current, 'left')!;
    }
    operands.push(current);
    operands.reverse();
    let acc = this.evalExpr(operands[0]!);
    for (let i = 1; i < operands.length; i++) acc = this.concat(acc, this.evalExpr(operands[i]!));
    return acc;
  }

  private concat(left: Value, right: Value): Value {
    if (left.primitive && right.primitive) return PRIMITIVE;
    const rightTaints =
      left.str !== undefined ? sanitizeTaints(right.taints, this.prefixBits(left.str)) : right.taints;
    const out: Value = { taints: mergeTaints(left.taints, rightTaints), names: [] };
    if (left.str !== undefined && right.str !== undefined) out.str = left.str + right.str;
    return out;
  }

  private evalAssignment(node: Node): Value {
    const operator = node.operator as string;
    const left = child(node, 'left')!;
    const rightNode = child(node, 'right')!;
    let value = this.evalExpr(rightNode);
    if (operator === '+=' || operator === '||=' || operator === '??=' || operator === '&&=') {
      const current = this.evalExpr(left);
      value = operator === '+=' && current.primitive && value.primitive ? PRIMITIVE : join(current, value);
      if (operator === '+=') value = { taints: value.taints, names: [] };
    } else if (operator !== '=') {
      value = PRIMITIVE;
    }
    this.assignTo(left, value);
    return value;
  }

  private evalObject(node: Node): Value {
    const fields = new Map<string, Value>();
    const out: Value = { taints: [], names: [], fields };
    for (const property of list(node, 'properties')) {
      if (property.type === 'SpreadElement') {
        const spread = this.evalExpr(child(property, 'argument')!);
        if (spread.fields) for (const [k, v] of spread.fields) fields.set(k, v);
        if (spread.taints.length)
          (out as { taints: readonly Taint[] }).taints = mergeTaints(out.taints, spread.taints);
        continue;
      }
      const keyNode = child(property, 'key');
      const key = property.computed
        ? staticString(keyNode)
        : (nameOf(keyNode) ?? (keyNode?.type === 'Literal' ? String(keyNode.value) : undefined));
      if (property.computed && key === undefined && keyNode) this.evalExpr(keyNode);
      const valueNode = child(property, 'value');
      if (!valueNode) continue;
      let value: Value;
      if (isFunction(valueNode)) {
        value = this.makeFunction(valueNode, out);
        if (key !== undefined) value.fns![0]!.name = key;
      } else value = this.evalExpr(valueNode);
      if (key === '$where') this.sinkCheck(value.taints, 'nosql-injection', property, '$where');
      if (key !== undefined) fields.set(key, value);
      else (out as { elems?: Value }).elems = join(out.elems ?? EMPTY, value);
    }
    return out;
  }

  private evalMember(node: Node): Value {
    const objectNode = child(node, 'object')!;
    const object = this.evalExpr(objectNode);
    const property = propertyName(node);
    let value: Value;
    if (property === undefined) {
      const key = this.evalExpr(child(node, 'property')!);
      const fieldValues = object.fields ? joinAll([...object.fields.values()]) : EMPTY;
      value = join(
        withTaints(EMPTY, mergeTaints(object.taints, deepTaints(object.elems ?? EMPTY))),
        fieldValues,
      );
      if (object.elems?.names.length) value = { ...value, names: object.elems.names };
      // `cursor = cursor[part]` with a key from input: writes through it can reach a prototype.
      if (key.taints.length > 0 && !key.primitive) value = { ...value, dynamicKey: true };
      // Children of a null-prototype store were created the same way (`store[k] ??= Object.create(null)`).
      if (object.nullProto && (object.elems?.nullProto ?? true)) value = { ...value, nullProto: true };
    } else {
      value = this.member(object, property, node);
    }
    if (value.taints.length > 0) {
      const path = accessPath(node);
      if (path !== undefined) {
        // A check on `a` or `a.b` covers reads of `a.b.c`.
        let bits = 0;
        for (let key = path; ;) {
          bits |= this.scope.refinement(key);
          const dot = key.lastIndexOf('.');
          if (dot <= 0) break;
          key = key.slice(0, dot);
        }
        if (bits) value = sanitize(value, bits);
      }
    }
    return value;
  }

  /** `object.property` on abstract values. */
  private member(object: Value, property: string, node: Node): Value {
    if (property === 'length') return PRIMITIVE;
    const field = object.fields?.get(property);
    if (field) return field;
    const names = this.childNames(object.names, property);
    const sources = this.sourceTaints(names, node);
    let taints = object.taints;
    if (object.elems && /^\d+$/.test(property)) taints = mergeTaints(taints, object.elems.taints);
    if (sources.length) taints = mergeTaints(sources, taints);
    if (taints.length === 0 && names.length === 0) {
      if (object.elems && /^\d+$/.test(property)) return object.elems;
      return EMPTY;
    }
    return { taints, names };
  }

  // ---------------------------------------------------------------- calls

  private evalCall(node: Node): Value {
    const calleeNode = unwrap(child(node, 'callee')!);
    const argNodes = list(node, 'arguments');
    let receiver: Value | undefined;
    let receiverNode: Node | undefined;
    let method: string | undefined;
    let callee: Value;
    if (calleeNode.type === 'MemberExpression') {
      receiverNode = child(calleeNode, 'object')!;
      receiver = this.evalExpr(receiverNode);
      method = propertyName(calleeNode);
      callee = method !== undefined ? this.member(receiver, method, calleeNode) : this.evalMember(calleeNode);
    } else if (calleeNode.type === 'Super') {
      callee = EMPTY;
    } else {
      callee = this.evalExpr(calleeNode);
    }
    const args: Value[] = [];
    let spreadTaints: readonly Taint[] = [];
    for (const argNode of argNodes) {
      if (argNode.type === 'SpreadElement') {
        const spread = this.evalExpr(child(argNode, 'argument')!);
        const item = spread.elems ? join(spread.elems, withTaints(EMPTY, spread.taints)) : spread;
        args.push(item);
        spreadTaints = mergeTaints(spreadTaints, deepTaints(spread));
      } else args.push(this.evalExpr(argNode));
    }
    const names = callee.names;
    const site = { node, calleeNode, receiverNode, receiver, method, args, argNodes };

    // require('x') and require('./x')
    if (calleeNode.type === 'Identifier' && calleeNode.name === 'require' && !this.scope.lookup('require')) {
      const specifier = staticString(argNodes[0]);
      if (specifier !== undefined) return this.importValue(this.frame.file, specifier) ?? EMPTY;
    }

    if (method !== undefined && CONTENT_TYPE_METHODS.has(method) && this.isPlainTypeCall(node))
      this.frame.plainResponse = true;
    this.checkCallSinks(site, names);
    this.applyCallbackModels(site, names);

    // util.promisify(fn) keeps the function's identity for the sink models.
    if (names.includes('util.promisify') && args[0]) {
      const inner = args[0].names.map((n) => `util.promisify(${n})`);
      return { ...args[0], names: this.keepNames(inner) };
    }

    // Classes: new C(...) runs the constructor on the class's instance.
    if (
      node.type === 'NewExpression' &&
      callee.fns?.some((fn) => fn.node.type === 'ClassDeclaration' || fn.node.type === 'ClassExpression')
    ) {
      return this.construct(callee, args, node);
    }

    // Object.create(null): no prototype to pollute.
    if (
      accessPath(calleeNode) === 'Object.create' &&
      argNodes[0] &&
      unwrap(argNodes[0]).type === 'Literal' &&
      unwrap(argNodes[0]).value === null
    )
      return { taints: [], names: [], fields: new Map(), nullProto: true };
    // React state: `const [v, setV] = useState(x)`; calling setV(y) makes v hold y's data.
    if (
      names.includes('react.useState') ||
      names.includes('React.useState') ||
      (calleeNode.type === 'Identifier' && calleeNode.name === 'useState')
    ) {
      const state: Value = { taints: args[0]?.taints ?? [], names: [] };
      const setter: Value = { taints: [], names: [], setter: state };
      return {
        taints: [],
        names: [],
        fields: new Map([
          ['0', state],
          ['1', setter],
        ]),
      };
    }
    if (callee.setter) {
      const target = callee.setter as { taints: readonly Taint[] };
      const incoming = args[0] ? deepTaints(args[0]) : [];
      if (incoming.length)
        target.taints = mergeTaints(target.taints, withStep(incoming, this.step(node, 'stored in state')));
      return EMPTY;
    }
    for (const name of names)
      for (const factory of this.models.factoriesByCallee.get(name) ?? [])
        if (this.conditionHolds(factory.when, site)) return named(this.keepNames([factory.returns]));

    let resultNames = this.keepNames(names.map((n) => `${n}()`));
    // Parsing turns a string back into objects: operator injection and prototype keys are possible again.
    if (names.includes('JSON.parse') || names.includes('qs.parse') || names.includes('querystring.parse')) {
      const reopened = familyBit('nosql-injection') | familyBit('prototype-pollution');
      const incoming = args[0] ? deepTaints(args[0]) : [];
      return { taints: incoming.map((t) => ({ ...t, sanitized: t.sanitized & ~reopened })), names: [] };
    }
    // adm-zip: zip.getEntries() lists archive entries.
    if (method === 'getEntries')
      return { taints: [], names: [], elems: named(this.keepNames(['archive.entry'])) };
    // new URL('/login', request.url): a constant path on the request's own origin.
    if (
      node.type === 'NewExpression' &&
      names.includes('URL') &&
      args.length > 1 &&
      args[0]?.str !== undefined
    ) {
      const path = args[0].str;
      if (path.startsWith('/') && !path.startsWith('//'))
        return { taints: sanitizeTaints(args[1]!.taints, familyBit('open-redirect')), names: [] };
    }
    if (method === 'collection' || method === 'model') resultNames = this.keepNames(['mongo.collection']);
    let sanitizerBits = 0;
    for (const name of names) sanitizerBits |= this.models.sanitizerByCallee.get(name) ?? 0;
    if (method !== undefined) sanitizerBits |= this.models.sanitizerByMethod.get(method) ?? 0;
    const clean =
      names.some((n) => this.models.cleanCallee.has(n)) ||
      (method !== undefined && this.models.cleanMethod.has(method));

    // Functions of the project: apply their summaries.
    const closures = callee.fns?.filter((fn) => isFunction(fn.node)) ?? [];
    let result: Value;
    if (closures.length > 0) {
      result = EMPTY;
      for (const closure of closures) result = join(result, this.applySummary(closure, args, node));
    } else {
      // A library function: data flows from the arguments and the receiver into the result.
      let taints: readonly Taint[] = spreadTaints;
      for (const arg of args)
        if (!arg.fns)
          taints = mergeTaints(taints, arg.elems ? mergeTaints(arg.taints, arg.elems.taints) : arg.taints);
      // `.map(f)` and `.then(f)` return what the callback returns, not the receiver's data.
      const replaced = method !== undefined && REPLACING_METHODS.has(method) && args.some((a) => a.fns);
      // lookup.get(key) on a table of our own returns the table's data, not the key.
      if (
        method !== undefined &&
        LOOKUP_METHODS.has(method) &&
        receiver &&
        receiver.taints.length === 0 &&
        receiver.names.length === 0
      )
        taints = spreadTaints;
      if (receiver && !replaced)
        taints = mergeTaints(
          taints,
          receiver.elems ? mergeTaints(receiver.taints, deepTaints(receiver.elems)) : receiver.taints,
        );
      // Callbacks given to a library (`.then(v => …)`, `.map(x => …)`) receive the receiver's data.
      for (let i = 0; i < args.length; i++) {
        const fnArg = args[i]!;
        if (!fnArg.fns) continue;
        const fed = receiver
          ? receiver.elems
            ? join(receiver.elems, withTaints(EMPTY, receiver.taints))
            : receiver
          : EMPTY;
        for (const closure of fnArg.fns)
          if (isFunction(closure.node)) {
            // Elements of a known kind (`zip.getEntries().forEach(e => …)`) name the callback's parameter.
            const elementNames = receiver?.elems?.names ?? [];
            if (elementNames.length > 0 && !closure.paramNames && !this.summaries.has(closure.node))
              closure.paramNames = [elementNames];
            // What the callback returns may become the result: `.then(v => …)`, `useMemo(() => …)`, `computed(() => …)`.
            const ret = this.applySummary(closure, [fed, fed], argNodes[i] ?? node);
            taints = mergeTaints(taints, ret.taints);
          }
      }
      result = { taints, names: resultNames };
      // arr.push(x), params.append(k, v), map.set(k, v): the receiver now holds the data.
      if (
        receiver &&
        method !== undefined &&
        MUTATING_METHODS.has(method) &&
        receiver !== EMPTY &&
        !Object.isFrozen(receiver)
      ) {
        const added = joinAll(args);
        (receiver as { elems?: Value }).elems = join(receiver.elems ?? EMPTY, added);
        if (added.taints.length && !receiver.fields)
          (receiver as { taints: readonly Taint[] }).taints = mergeTaints(receiver.taints, added.taints);
      }
    }
    if (clean) return PRIMITIVE;
    if (sanitizerBits) result = sanitize(result, sanitizerBits);
    // A RegExp object (already reported where it was built from input, if it was).
    if (calleeNode.type === 'Identifier' && calleeNode.name === 'RegExp' && !this.scope.lookup('RegExp'))
      result = { ...result, regex: '' };
    if (resultNames.length) {
      const sources = this.sourceTaints(resultNames, node);
      result = {
        ...result,
        names: resultNames,
        taints: sources.length ? mergeTaints(sources, result.taints) : result.taints,
      };
    }
    // `str.replace(/[^\w-]/g, '')` strips everything but a safe alphabet; `.replace(re, '\\$&')` escapes regex.
    if (method === 'replace' || method === 'replaceAll')
      result = sanitize(result, this.replaceBits(argNodes));
    return result;
  }

  private replaceBits(argNodes: readonly Node[]): number {
    const pattern = argNodes[0] && (unwrap(argNodes[0]).regex as { pattern?: string } | undefined)?.pattern;
    const replacement = staticString(argNodes[1]);
    if (pattern === undefined || replacement === undefined) return 0;
    if (replacement === '\\$&') return familyBit('regex-injection');
    if (pattern.startsWith('[^') && pattern.endsWith(']') && replacement === '') {
      const alphabet = pattern.slice(2, -1);
      let bits = ALL_FAMILIES;
      if (alphabet.includes('/') || alphabet.includes('.')) bits &= ~familyBit('path-traversal');
      if (alphabet.includes(':') || alphabet.includes('/'))
        bits &= ~(familyBit('ssrf') | familyBit('open-redirect'));
      return bits;
    }
    if (pattern === '\\.\\.' || pattern === '\\.\\.\\/' || pattern.startsWith('\\.\\.')) return 0;
    return 0;
  }

  private construct(classValue: Value, args: Value[], node: Node): Value {
    const classNode = classValue.fns!.find(
      (fn) => fn.node.type === 'ClassDeclaration' || fn.node.type === 'ClassExpression',
    )!;
    const instance = this.classInstances.get(classNode.node) ?? EMPTY;
    const ctor = instance.fields?.get('constructor');
    if (ctor?.fns && this.frame.inlineDepth < MAX_INLINE_DEPTH) {
      for (const closure of ctor.fns) this.inline(closure, args, node);
    }
    return instance;
  }

  /** Runs a function body with concrete argument values (constructors: their writes to `this` matter). */
  private inline(closure: Closure, args: Value[], node: Node): void {
    const savedFrame = this.frame;
    const savedScope = this.scope;
    this.frame = {
      file: this.files.get(closure.file) ?? savedFrame.file,
      closure,
      thisValue: closure.thisValue ?? EMPTY,
      returns: EMPTY,
      hits: savedFrame.hits,
      branch: 0,
      inlineDepth: savedFrame.inlineDepth + 1,
    };
    this.scope = new Scope(closure.env as Scope, 0);
    try {
      const params = list(closure.node, 'params');
      params.forEach((param, i) => this.bindPattern(param, args[i] ?? EMPTY, true));
      const body = child(closure.node, 'body');
      if (body?.type === 'BlockStatement') this.execBody(list(body, 'body'));
    } finally {
      this.frame = savedFrame;
      this.scope = savedScope;
    }
    void node;
  }

  private makeFunction(node: Node, thisObject?: Value): Value {
    const closure: Closure = { node, file: this.frame.file.path, env: this.scope };
    if (this.frame.closure) closure.parent = this.frame.closure;
    if (thisObject) closure.thisValue = thisObject;
    else if (node.type === 'ArrowFunctionExpression') closure.thisValue = this.frame.thisValue;
    // server actions: `'use server'` in the function or the file; exported functions of a 'use server' file
    const body = child(node, 'body');
    if (hasDirective(body, 'use server') || (this.frame.file.useServer && this.frame.closure === undefined)) {
      closure.paramSources = list(node, 'params').map(() => 'server action argument');
    }
    if (!this.queued.has(node)) {
      this.queued.add(node);
      this.queue.push(closure);
    }
    return { taints: [], names: [], fns: [closure] };
  }

  private evalClass(node: Node): Value {
    const existing = this.classInstances.get(node);
    const instanceFields = new Map<string, Value>();
    const instance: Value = existing ?? { taints: [], names: [], fields: instanceFields };
    if (!existing) this.classInstances.set(node, instance);
    const superClass = child(node, 'superClass');
    if (superClass) {
      const parent = this.evalExpr(superClass);
      const parentClass = parent.fns?.find(
        (fn) => fn.node.type === 'ClassDeclaration' || fn.node.type === 'ClassExpression',
      );
      const parentInstance = parentClass && this.classInstances.get(parentClass.node);
      if (parentInstance?.fields)
        for (const [k, v] of parentInstance.fields) if (k !== 'constructor') instance.fields!.set(k, v);
    }
    // Injected dependencies (`constructor(private repo: Repo)`) are visible to every method.
    const ctor = list(child(node, 'body')!, 'body').find(
      (m) => m.type === 'MethodDefinition' && m.kind === 'constructor',
    );
    for (const param of ctor ? list(child(ctor, 'value')!, 'params') : []) {
      if (param.type !== 'TSParameterProperty') continue;
      const target = child(param, 'parameter');
      const name = target?.type === 'Identifier' ? (target.name as string) : undefined;
      const injected =
        target && this.classInstanceOf(target, { node, file: this.frame.file.path, env: this.scope });
      if (name && injected) instance.fields!.set(name, injected);
    }
    const statics = new Map<string, Value>();
    const classValue: Value = {
      taints: [],
      names: [],
      fields: statics,
      fns: [{ node, file: this.frame.file.path, env: this.scope }],
    };
    const savedThis = this.frame.thisValue;
    this.frame.thisValue = instance;
    try {
      for (const member of list(child(node, 'body')!, 'body')) {
        const key = member.computed ? staticString(child(member, 'key')) : nameOf(child(member, 'key'));
        const target = member.static ? statics : instance.fields!;
        if (member.type === 'MethodDefinition' || member.type === 'TSAbstractMethodDefinition') {
          const fn = child(member, 'value');
          if (!fn || !key) continue;
          const value = this.makeFunction(fn, member.static ? classValue : instance);
          const closure = value.fns![0]!;
          closure.name = key;
          this.applyDecoratorSources(fn, closure);
          // NestJS `@Header('Content-Type', 'text/html')`: the returned string is the HTML page.
          for (const decorator of list(member, 'decorators')) {
            const expression = unwrap(child(decorator, 'expression')!);
            if (expression.type !== 'CallExpression' || nameOf(child(expression, 'callee')) !== 'Header')
              continue;
            const [header, type] = list(expression, 'arguments').map((a) => staticString(a)?.toLowerCase());
            if (header === 'content-type' && type?.includes('html')) closure.returnSink = 'xss';
          }
          target.set(key, value);
        } else if (member.type === 'PropertyDefinition' || member.type === 'AccessorProperty') {
          const init = child(member, 'value');
          if (!key) continue;
          target.set(
            key,
            init ? (isFunction(init) ? this.makeFunction(init, instance) : this.evalExpr(init)) : EMPTY,
          );
        } else if (member.type === 'StaticBlock') {
          this.execBlock(list(member, 'body'));
        }
      }
    } finally {
      this.frame.thisValue = savedThis;
    }
    return classValue;
  }

  /** NestJS-style `@Query() q`, `@Body() dto`, `@Req() req` parameters. */
  private applyDecoratorSources(fn: Node, closure: Closure): void {
    const params = list(fn, 'params');
    params.forEach((param, i) => {
      const target = param.type === 'TSParameterProperty' ? (child(param, 'parameter') ?? param) : param;
      for (const decorator of [
        ...list(param, 'decorators'),
        ...(target !== param ? list(target, 'decorators') : []),
      ]) {
        const expression = unwrap(child(decorator, 'expression')!);
        const name = nameOf(expression.type === 'CallExpression' ? child(expression, 'callee') : expression);
        if (!name) continue;
        // `@Param('id', ParseIntPipe)`: Nest converts and validates before the handler runs.
        const pipes = expression.type === 'CallExpression' ? list(expression, 'arguments').slice(1) : [];
        const parsed = pipes.some((pipe) =>
          /Parse(?:Int|Float|Bool|UUID|Enum)Pipe/.test(
            this.frame.file.parsed.text.slice(pipe.start, pipe.end),
          ),
        );
        const annotated =
          typeName(target) === undefined &&
          /:\s*(?:number|boolean)\b/.test(this.frame.file.parsed.text.slice(target.start, target.end));
        if (this.models.decoratorSource.has(name) && (parsed || annotated)) continue;
        if (this.models.decoratorSource.has(name)) {
          closure.paramSources ??= params.map(() => undefined);
          closure.paramSources[i] = `@${name}() parameter`;
        } else if (this.models.decoratorRequest.has(name)) {
          closure.paramNames ??= params.map(() => undefined);
          closure.paramNames[i] = ['http.req'];
        } else if (this.models.decoratorResponse.has(name)) {
          closure.paramNames ??= params.map(() => undefined);
          closure.paramNames[i] = ['http.res'];
        }
      }
    });
  }

  private evalJsx(node: Node): void {
    const opening = child(node, 'openingElement');
    const props = new Map<string, Value>();
    let spreadTaints: readonly Taint[] = [];
    for (const attribute of opening ? list(opening, 'attributes') : []) {
      if (attribute.type === 'JSXSpreadAttribute') {
        const spread = this.evalExpr(child(attribute, 'argument')!);
        if (spread.fields) for (const [k, v] of spread.fields) props.set(k, v);
        spreadTaints = mergeTaints(spreadTaints, spread.taints);
        continue;
      }
      const name = nameOf(child(attribute, 'name'));
      const value = child(attribute, 'value');
      if (!value || value.type !== 'JSXExpressionContainer') {
        if (name && value?.type === 'Literal') props.set(name, constant(String(value.value)));
        continue;
      }
      const expression = child(value, 'expression');
      if (!expression || expression.type === 'JSXEmptyExpression') continue;
      const result = this.evalExpr(expression);
      if (name) props.set(name, result);
      if (name === 'dangerouslySetInnerHTML') {
        const html = result.fields?.get('__html');
        this.sinkCheck(html ? html.taints : deepTaints(result), 'xss', attribute, 'dangerouslySetInnerHTML');
      }
    }
    for (const item of list(node, 'children')) {
      if (item.type === 'JSXExpressionContainer') {
        const expression = child(item, 'expression');
        if (expression && expression.type !== 'JSXEmptyExpression') this.evalExpr(expression);
      } else if (item.type === 'JSXElement' || item.type === 'JSXFragment') this.evalJsx(item);
    }
    // <Component prop={x} />: the component is a function of its props.
    const tag = opening && child(opening, 'name');
    const tagName = tag?.type === 'JSXIdentifier' ? (tag.name as string) : undefined;
    if (tagName && /^[A-Z]/.test(tagName)) {
      const component = this.scope.lookup(tagName)?.value;
      const propsValue: Value = { taints: spreadTaints, names: [], fields: props };
      for (const closure of component?.fns ?? [])
        if (isFunction(closure.node)) this.applySummary(closure, [propsValue], node);
    }
  }

  // ---------------------------------------------------------------- summaries

  private paramValue(closure: Closure, param: Node, index: number): Value {
    const target = param.type === 'TSParameterProperty' ? (child(param, 'parameter') ?? param) : param;
    const base = target.type === 'AssignmentPattern' ? (child(target, 'left') ?? target) : target;
    const paramName =
      base.type === 'Identifier'
        ? (base.name as string)
        : base.type === 'RestElement'
          ? nameOf(child(base, 'argument'))
          : undefined;
    let names: readonly string[] = closure.paramNames?.[index] ?? [];
    if (names.length === 0) {
      const type = typeName(base);
      const kind =
        (type && this.models.paramByType.get(type)) ?? (paramName && this.models.paramByName.get(paramName));
      if (kind) names = this.keepNames([kind]);
    }
    const file = closure.file;
    const label = paramName ?? 'parameter';
    let taints: readonly Taint[] = [
      {
        origin: { kind: 'param', index, fn: closure.node },
        steps: [{ file, start: param.start, end: param.end, message: `parameter ${label}` }],
        sanitized: 0,
      },
    ];
    const sourceLabel = closure.paramSources?.[index];
    if (sourceLabel) {
      taints = mergeTaints(
        [
          {
            origin: {
              kind: 'source',
              label: `${sourceLabel} (${label})`,
              file,
              start: param.start,
              end: param.end,
            },
            steps: [{ file, start: param.start, end: param.end, message: `source: ${sourceLabel} ${label}` }],
            sanitized: 0,
          },
        ],
        taints,
      );
    }
    // `constructor(private readonly users: UsersService)`: dependency injection hands in an instance of the class.
    // (Not for request data: `@Body() dto: CreateDto` is a plain object from the client, typed by a class.)
    const injected = sourceLabel ? undefined : this.classInstanceOf(base, closure);
    if (injected) return { ...injected, taints: mergeTaints(injected.taints, taints) };
    const value: Value = { taints, names };
    // Next.js: `function Page({ searchParams })`, `GET(request, { params })`
    if (base.type === 'ObjectPattern') {
      const fnName = nameOf(child(closure.node, 'id'));
      const routeLike =
        (fnName !== undefined && HTTP_METHODS.has(fnName)) || this.files.get(file)?.routeFile === true;
      const fields = new Map<string, Value>();
      for (const property of list(base, 'properties')) {
        const key = nameOf(child(property, 'key'));
        if (key === 'searchParams' || (key === 'params' && routeLike)) {
          fields.set(key, {
            taints: mergeTaints(this.sourceTaints(this.keepNames([`next.${key}`]), property), taints),
            names: [],
          });
        }
      }
      if (fields.size > 0) return { taints, names, fields };
      // `function f({ host, port })`: each property keeps its own origin, so a caller's other fields stay apart.
      for (const property of list(base, 'properties')) {
        const key =
          property.type === 'Property' && !property.computed ? nameOf(child(property, 'key')) : undefined;
        if (key === undefined) continue;
        // What reading the property would give (framework sources such as `({ data }) =>` of a message event)…
        const read = this.member({ taints: [], names }, key, property);
        fields.set(key, {
          // …plus the parameter's own data, labelled with the property it came from.
          taints: mergeTaints(
            read.taints,
            taints.map((t) =>
              t.origin.kind === 'param' ? { ...t, origin: { ...t.origin, field: key } } : t,
            ),
          ),
          names: read.names,
        });
      }
      // Properties the pattern does not name read the whole parameter.
      return { taints, names, fields };
    }
    return value;
  }

  /** The shared instance of the class a parameter's type annotation names, when the project defines it. */
  private classInstanceOf(param: Node, closure: Closure): Value | undefined {
    const type = typeName(param);
    if (!type || !/^[A-Z]/.test(type)) return undefined;
    const scope = closure.env as Scope;
    const classValue = scope.lookup(type)?.value;
    const classNode = classValue?.fns?.find(
      (fn) => fn.node.type === 'ClassDeclaration' || fn.node.type === 'ClassExpression',
    );
    return classNode ? this.classInstances.get(classNode.node) : undefined;
  }

  private summarize(closure: Closure): Summary {
    const node = closure.node;
    const done = this.summaries.get(node);
    if (done) return done;
    const file = this.files.get(closure.file);
    // Recursion, or a call chain too deep to follow now: no summary yet (the queue comes back to it).
    if (
      this.host.skipped(closure.file) ||
      this.inProgress.has(node) ||
      !file ||
      this.inProgress.size >= MAX_SUMMARY_DEPTH
    )
      return { ret: EMPTY, hits: [] };
    this.inProgress.add(node);
    const savedFrame = this.frame;
    const savedScope = this.scope;
    const summary: Summary = { ret: EMPTY, hits: [] };
    this.frame = {
      file,
      closure,
      thisValue: closure.thisValue ?? EMPTY,
      returns: EMPTY,
      hits: summary.hits,
      branch: 0,
      inlineDepth: 0,
    };
    this.scope = new Scope(closure.env as Scope, 0);
    try {
      const params = list(node, 'params');
      params.forEach((param, i) => this.bindPattern(param, this.paramValue(closure, param, i), true));
      const body = child(node, 'body');
      if (body?.type === 'BlockStatement') this.execBody(list(body, 'body'));
      else if (body) this.frame.returns = this.evalExpr(body);
      summary.ret = this.frame.returns;
    } finally {
      this.frame = savedFrame;
      this.scope = savedScope;
      this.inProgress.delete(node);
      this.summaries.set(node, summary);
    }
    return summary;
  }

  private applySummary(closure: Closure, args: readonly Value[], callNode: Node): Value {
    const summary = this.summarize(closure);
    const fnName = closure.name ?? nameOf(child(closure.node, 'id')) ?? 'function';
    const callStep = this.step(callNode, `passed to ${fnName}()`);
    for (const hit of summary.hits) {
      if (hit.fn !== closure.node) {
        // An enclosing function's parameter reached a sink inside this callback: pass it outwards.
        this.emit(
          {
            origin: {
              kind: 'param',
              index: hit.index,
              fn: hit.fn,
              ...(hit.field !== undefined && { field: hit.field }),
            },
            steps: [],
            sanitized: hit.sanitized,
          },
          hit.sink,
          hit.steps,
          hit.sanitized,
        );
        continue;
      }
      const arg = argumentPart(args[hit.index], hit.field);
      if (!arg) continue;
      for (const taint of deepTaints(arg, SAFE_VALUE_FIELDS)) {
        const sanitized = taint.sanitized | hit.sanitized;
        if (sanitized & familyBit(hit.sink.family)) continue;
        let steps = appendStep(taint.steps, callStep);
        for (const step of hit.steps) steps = appendStep(steps, step);
        this.emit(taint, hit.sink, steps, sanitized);
      }
    }
    return this.substitute(summary.ret, args, callStep, 2, closure.node);
  }

  private substitute(value: Value, args: readonly Value[], callStep: Step, depth: number, fn?: Node): Value {
    let taints: readonly Taint[] = [];
    for (const taint of value.taints) {
      if (taint.origin.kind !== 'param') {
        taints = mergeTaints(taints, [taint]);
        continue;
      }
      // A parameter of another function (an enclosing one, or seen through a shared object) stays as it is.
      if (taint.origin.fn !== fn) {
        taints = mergeTaints(taints, [taint]);
        continue;
      }
      const arg = argumentPart(args[taint.origin.index], taint.origin.field);
      if (!arg) continue;
      for (const incoming of deepTaints(arg)) {
        let steps = appendStep(incoming.steps, callStep);
        for (const step of taint.steps.slice(1)) steps = appendStep(steps, step);
        taints = mergeTaints(taints, [
          { origin: incoming.origin, steps, sanitized: incoming.sanitized | taint.sanitized },
        ]);
      }
    }
    const out: Value = { ...value, taints };
    if (depth > 0 && value.fields && value.fields.size > 0 && value.fields.size < 50) {
      const fields = new Map<string, Value>();
      for (const [key, field] of value.fields)
        fields.set(key, field.fns ? field : this.substitute(field, args, callStep, depth - 1, fn));
      out.fields = fields;
    }
    if (depth > 0 && value.elems) out.elems = this.substitute(value.elems, args, callStep, depth - 1, fn);
    return out;
  }

  // ---------------------------------------------------------------- sinks

  /** Reports tainted data reaching a sink, or records it in the summary when it came from a parameter. */
  private sinkCheck(
    taints: readonly Taint[],
    family: string,
    node: Node,
    label: string,
    _value?: Value,
  ): void {
    if (taints.length === 0) return;
    const bit = familyBit(family);
    const sink: SinkHit = { family, file: this.frame.file.path, start: node.start, end: node.end, label };
    const sinkStep = this.step(node, `sink: ${label}`);
    for (const taint of taints) {
      if (taint.sanitized & bit) continue;
      this.emit(taint, sink, appendStep(taint.steps, sinkStep), taint.sanitized);
    }
  }

  private emit(taint: Taint, sink: SinkHit, steps: readonly Step[], sanitized: number): void {
    this.reportCount++;
    if (taint.origin.kind === 'source') {
      const { label, file, start, end } = taint.origin;
      this.host.report({ sink, source: { label, file, start, end }, steps });
    } else if (this.frame.closure) {
      // A parameter of this function, or of an enclosing one seen from a callback: the summary keeps it
      // and the caller (or the enclosing function) resolves it.
      const { index, fn, field } = taint.origin;
      if (
        !this.frame.hits.some(
          (h) =>
            h.fn === fn &&
            h.index === index &&
            h.field === field &&
            h.sink.start === sink.start &&
            h.sink.file === sink.file &&
            h.sink.family === sink.family,
        )
      )
        this.frame.hits.push({ fn, index, ...(field !== undefined && { field }), sink, steps, sanitized });
    }
  }

  private receiverIs(kind: ReceiverKind, site: CallSite): boolean {
    if (kind === 'any') return true;
    const { receiverNode, receiver } = site;
    if (!receiverNode) return false;
    const id = lastIdentifier(receiverNode);
    const lower = id ? splitWords(id) : '';
    const names = receiver?.names ?? [];
    switch (kind) {
      case 'db':
        return lower === 'tx' || DB_WORDS.some((w) => lower.includes(w));
      case 'express':
        return (
          this.receiverIs('response', site) &&
          chainRoot(receiverNode).name !== 'reply' &&
          !names.some((n) => n === 'fastify.reply')
        );
      case 'sqlite':
        return SQLITE_WORDS.some((w) => lower.includes(w));
      case 'querybuilder':
        return chainHasMethod(receiverNode, (m) => /querybuilder|^qb$|builder/i.test(m));
      case 'nosql':
        if (names.some((n) => n.startsWith('http.') || n.startsWith('koa.'))) return false;
        if (names.some((n) => n === 'mongo.collection' || n.startsWith('mongoose.model'))) return true;
        if (site.method === '$where') {
          // Model.find().$where('…'): the chain starts at the model.
          const root = chainRoot(receiverNode);
          if (root.type === 'Identifier' && /^[A-Z]/.test(root.name as string)) return true;
        }
        return (
          (id !== undefined &&
            /^[A-Z][a-zA-Z0-9]*$/.test(id) &&
            id !== 'JSON' &&
            id !== 'Object' &&
            id !== 'Array' &&
            id !== 'Math') ||
          NOSQL_WORDS.some((w) => lower.includes(w)) ||
          chainHasMethod(receiverNode, (m) => m === 'collection' || m === 'model')
        );
      case 'response':
      case 'request':
      case 'koa':
      case 'hapi': {
        // The root of the chain decides: `res.type('html').send(x)`, `reply.code(200).send(x)`.
        const root = chainRoot(receiverNode);
        const rootName =
          root.type === 'Identifier'
            ? (root.name as string)
            : root.type === 'ThisExpression'
              ? id
              : undefined;
        const rootNames = root.type === 'Identifier' ? (this.scope.lookup(rootName!)?.value.names ?? []) : [];
        const all = [...names, ...rootNames];
        if (kind === 'request')
          return all.some((n) => n === 'http.req') || (rootName !== undefined && REQUEST_IDS.has(rootName));
        if (kind === 'koa') return all.some((n) => n.startsWith('koa.ctx')) || rootName === 'ctx';
        if (kind === 'hapi') return all.some((n) => n === 'hapi.h') || rootName === 'h';
        if (all.some((n) => n.startsWith('http.res') || n === 'koa.ctx' || n === 'hapi.h')) return true;
        if (all.some((n) => n.startsWith('http.req'))) return false;
        return (
          (rootName !== undefined && RESPONSE_IDS.has(rootName)) || (id !== undefined && RESPONSE_IDS.has(id))
        );
      }
      case 'jquery': {
        const root = chainRoot(receiverNode);
        return (
          root.type === 'Identifier' &&
          (root.name === '$' || root.name === 'jQuery' || (root.name as string).startsWith('$'))
        );
      }
      case 'page':
        return lower.includes('page');
      case 'httpclient':
        if (names.some((n) => n.startsWith('http.req') || n.startsWith('koa.'))) return false;
        return HTTP_CLIENT_WORDS.some((w) => lower.includes(w));
      case 'socket':
        if (names.some((n) => n === 'ws.socket')) return true;
        return (
          lower.includes('socket') ||
          lower === 'ws' ||
          lower === 'wss' ||
          lower === 'io' ||
          lower.includes('channel')
        );
    }
  }

  private conditionHolds(when: SinkCondition | undefined, site: CallSite): boolean {
    if (!when) return true;
    const { args, argNodes } = site;
    const objects = args.slice(1).filter((a) => a.fields);
    if (when.option !== undefined) {
      const option = when.option;
      const set = objects.some((o) => {
        const v = o.fields!.get(option);
        return (
          v !== undefined &&
          !(
            v.primitive &&
            argNodes.some(
              (n) => unwrap(n).type === 'ObjectExpression' && /false/.test(this.optionText(n, option)),
            )
          )
        );
      });
      if (!set) return false;
    }
    if (when.optionTrue) {
      const keys = when.optionTrue;
      if (!argNodes.some((n) => keys.some((k) => this.optionText(n, k) === 'true'))) return false;
    }
    if (when.optionFalse) {
      const keys = when.optionFalse;
      if (!argNodes.some((n) => keys.some((k) => this.optionText(n, k) === 'false'))) return false;
    }
    if (when.noOption !== undefined && objects.some((o) => o.fields!.has(when.noOption!))) return false;
    if (when.argIn) {
      const [index, values] = when.argIn;
      const text = args[index]?.str;
      if (text === undefined || !values.includes(text.toLowerCase())) return false;
    }
    if (when.argNotIn) {
      const [index, values] = when.argNotIn;
      const text = args[index]?.str;
      if (text !== undefined && values.includes(text.toLowerCase())) return false;
    }
    if (when.argNotRegExp !== undefined) {
      const argNode = argNodes[when.argNotRegExp];
      if (!argNode || args[when.argNotRegExp]?.regex !== undefined) return false;
      const inner = unwrap(argNode);
      if (inner.regex) return false;
      if (inner.type === 'NewExpression' || inner.type === 'CallExpression')
        if (nameOf(child(inner, 'callee')) === 'RegExp') return false;
    }
    if (when.notFunction !== undefined) {
      const arg = args[when.notFunction];
      const argNode = argNodes[when.notFunction];
      if (!arg || arg.fns || (argNode && isFunction(unwrap(argNode)))) return false;
    }
    if (when.optionName) {
      const [key, wanted] = when.optionName;
      if (!objects.some((o) => o.fields!.get(key)?.names.some((n) => wanted.includes(n)))) return false;
    }
    if (when.argCount !== undefined && args.length !== when.argCount) return false;
    if (when.argTextIncludes) {
      const [index, needle] = when.argTextIncludes;
      const argNode = argNodes[index];
      if (!argNode) return false;
      const text = this.frame.file.parsed.text.slice(argNode.start, argNode.end).toLowerCase();
      if (!text.includes(needle)) return false;
    }
    if (when.moduleVersion !== undefined) return false; // versions of libraries are not known to a file-level check
    if (when.notJsonResponse) {
      // res.send({ ... }) sends JSON; only strings are HTML.
      const first = args[0];
      if (first && (first.fields || first.elems) && first.taints.length === 0) return false;
      // res.send(req.body): the parsed body/query object itself is sent as JSON.
      if (first?.names.some((n) => REQUEST_CONTAINERS.has(n))) return false;
      // res.type('text/plain').send(x), or a non-HTML content type set earlier in the handler.
      if (this.frame.plainResponse) return false;
      if (site.receiverNode && this.setsPlainType(site.receiverNode)) return false;
    }
    return true;
  }

  /** The source text of property `key` in an object literal argument (for `shell: true` checks). */
  private optionText(argNode: Node, key: string): string {
    const inner = unwrap(argNode);
    if (inner.type !== 'ObjectExpression') return '';
    for (const property of list(inner, 'properties')) {
      if (property.type !== 'Property') continue;
      if (nameOf(child(property, 'key')) !== key) continue;
      const value = child(property, 'value');
      if (!value) return '';
      const v = unwrap(value);
      if (v.type === 'Literal') return String(v.value);
      return 'expression';
    }
    return '';
  }

  private checkCallSinks(site: CallSite, names: readonly string[]): void {
    const candidates: SinkModel[] = [];
    for (const name of names)
      for (const sink of this.models.sinksByCallee.get(name) ?? []) candidates.push(sink);
    if (site.method !== undefined)
      for (const sink of this.models.sinksByMethod.get(site.method) ?? [])
        if (sink.receiver && this.receiverIs(sink.receiver, site)) candidates.push(sink);
    if (candidates.length === 0) return;
    const reported = new Set<string>();
    for (const sink of candidates) {
      if (reported.has(sink.family)) continue;
      if (!this.conditionHolds(sink.when, site)) continue;
      const indexes = sink.args === 'all' ? site.args.map((_, i) => i) : sink.args;
      let taints: readonly Taint[] = [];
      for (const index of indexes) {
        const arg = site.args[index];
        if (!arg || arg.fns) continue;
        let part: readonly Taint[];
        if (sink.field !== undefined) {
          const wanted = sink.field.toLowerCase();
          const entry = [...(arg.fields ?? [])].find(([k]) => k.toLowerCase() === wanted);
          part = entry ? entry[1].taints : [];
        } else if (sink.deep)
          part = deepTaints(arg, new Set([...(sink.skipFields ?? []), ...SAFE_VALUE_FIELDS]));
        else part = arg.elems && !arg.fields ? mergeTaints(arg.taints, arg.elems.taints) : arg.taints;
        taints = mergeTaints(taints, part);
      }
      if (taints.length === 0) continue;
      const label = names[0] ? `${names[0]}()` : `.${site.method ?? 'call'}()`;
      const calleeNode = site.calleeNode;
      const anchor =
        calleeNode.type === 'MemberExpression' && child(calleeNode, 'property')
          ? { ...site.node, start: child(calleeNode, 'property')!.start, end: site.node.end }
          : site.node;
      const before = this.reportCount;
      this.sinkCheck(taints, sink.family, anchor, label);
      if (this.reportCount !== before) reported.add(sink.family);
    }
  }

  private reportCount = 0;

  /** A content-type call with a literal non-HTML type somewhere in a receiver chain. */
  private setsPlainType(node: Node): boolean {
    let current = unwrap(node);
    for (let i = 0; i < 8; i++) {
      if (current.type === 'CallExpression') {
        if (this.isPlainTypeCall(current)) return true;
        current = unwrap(child(current, 'callee') ?? current);
      } else if (current.type === 'MemberExpression') current = unwrap(child(current, 'object') ?? current);
      else return false;
    }
    return false;
  }

  private isPlainTypeCall(call: Node): boolean {
    const callee = unwrap(child(call, 'callee') ?? call);
    if (callee.type !== 'MemberExpression') return false;
    const method = propertyName(callee);
    if (!method || !CONTENT_TYPE_METHODS.has(method)) return false;
    const args = list(call, 'arguments');
    let type: string | undefined;
    if (method === 'type' || method === 'contentType') type = staticString(args[0]);
    else if (method === 'writeHead') {
      const text = args[1] ? this.frame.file.parsed.text.slice(args[1].start, args[1].end).toLowerCase() : '';
      if (!text.includes('content-type')) return false;
      return !text.includes('html');
    } else if (staticString(args[0])?.toLowerCase() === 'content-type') type = staticString(args[1]);
    if (type === undefined) return false;
    return !type.toLowerCase().includes('html');
  }

  /** Framework callbacks: route handlers, message listeners, archive entries. */
  private applyCallbackModels(site: CallSite, names: readonly string[]): void {
    const models: CallbackModel[] = [];
    for (const name of names) models.push(...(this.models.callbacksByCallee.get(name) ?? []));
    if (site.method !== undefined)
      for (const model of this.models.callbacksByMethod.get(site.method) ?? [])
        if (model.receiver && this.receiverIs(model.receiver, site)) models.push(model);
    for (const model of models) {
      if (!this.conditionHolds(model.when, site)) continue;
      const index = model.callbackArg === 'last' ? site.args.length - 1 : model.callbackArg;
      const callback = site.args[index];
      for (const closure of callback?.fns ?? []) {
        if (this.summaries.has(closure.node)) continue;
        if (model.params) closure.paramNames = model.params.map((n) => this.keepNames(n));
        if (model.sources) closure.paramSources = [...model.sources];
      }
    }
  }
}

interface CallSite {
  node: Node;
  calleeNode: Node;
  receiverNode: Node | undefined;
  receiver: Value | undefined;
  method: string | undefined;
  args: Value[];
  argNodes: Node[];
}
