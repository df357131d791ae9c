/**
 * Builds the evaluated Terraform model (`TfProject`) from parsed files: one project per root module (a
 * directory of `.tf` files that no other scanned directory uses as a local module), with local modules
 * (`source = "./x"`, `"../x"`) evaluated as children whose resources get `module.<name>.` addresses.
 *
 * Evaluation: variables take their value from the module call (children), `terraform.tfvars` and
 * `*.auto.tfvars` (roots), else their default, else UNKNOWN. Locals are evaluated on demand (cycles give
 * UNKNOWN). A reference to another resource's attribute gives the value written in that resource's block
 * (computed attributes such as `.id`/`.arn` are UNKNOWN) and is recorded in the attribute's `references`.
 *
 * `count` / `for_each`: a resource stays ONE `TfResource` (address without index). When the collection is
 * known (at most 16 instances), its attributes are evaluated for every instance and merged: parts equal in
 * every instance keep their value, differing parts become UNKNOWN. Otherwise `count.index` and `each.*` are
 * UNKNOWN.
 *
 * `dynamic "x"` blocks become `x` blocks: one per element when the `for_each` collection is known (at most 64;
 * none when it is known to be empty), else one block with the iterator UNKNOWN.
 */
import type { Attribute, Block, Body, Expr } from './hcl/ast.js';
import {
  ERROR,
  Evaluator,
  OpenObject,
  deepEqual,
  finalize,
  isObject,
  mergeValues,
  newObject,
  setKey,
  toNum,
  type Scope,
  type Value,
  type Vars,
} from './evaluate.js';
import {
  UNKNOWN,
  type TfAttribute,
  type TfBlock,
  type TfProject,
  type TfResource,
  type TfValue,
} from './model.js';
import type { IacFileError } from '../../check.js';
import type { ParsedFile } from './parse.js';

const MAX_INSTANCES = 16;
const MAX_DYNAMIC = 64;
const MAX_MODULE_DEPTH = 8;
const MAX_CAPTURE_DEPTH = 120;
let captureDepth = 0;

interface Located<N> {
  node: N;
  file: ParsedFile;
}

/** The declarations of one directory. */
export interface ModuleDef {
  dir: string;
  files: ParsedFile[];
  variables: Map<string, Located<Block>>;
  locals: Map<string, Located<Attribute>>;
  outputs: Map<string, Located<Block>>;
  resources: Located<Block>[];
  calls: Map<
    string,
    { node: Block; file: ParsedFile; source: string | undefined; localDir: string | undefined }
  >;
  providers: Located<Block>[];
  /** `terraform.tfvars` then `*.auto.tfvars` (lexical order): later files win. */
  tfvars: Located<Attribute>[];
}

export function dirOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** `dir` joined with a relative module source, normalised; undefined when it leaves the scanned tree. */
export function resolveLocalSource(dir: string, source: string): string | undefined {
  if (!source.startsWith('./') && !source.startsWith('../') && source !== '.' && source !== '..')
    return undefined;
  const parts = dir === '' ? [] : dir.split('/');
  for (const part of source.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else parts.push(part);
  }
  return parts.join('/');
}

function literalString(expr: Expr | undefined): string | undefined {
  return expr?.type === 'literal' && typeof expr.value === 'string' ? expr.value : undefined;
}

function attr(body: Body, name: string): Attribute | undefined {
  return body.attributes.find((a) => a.name === name);
}

export function collectModules(files: readonly ParsedFile[]): Map<string, ModuleDef> {
  const modules = new Map<string, ModuleDef>();
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const file of sorted) {
    const dir = dirOf(file.path);
    let def = modules.get(dir);
    if (!def) {
      def = {
        dir,
        files: [],
        variables: new Map(),
        locals: new Map(),
        outputs: new Map(),
        resources: [],
        calls: new Map(),
        providers: [],
        tfvars: [],
      };
      modules.set(dir, def);
    }
    const name = baseName(file.path);
    if (name.endsWith('.tfvars')) {
      if (name === 'terraform.tfvars' || name.endsWith('.auto.tfvars'))
        for (const a of file.body.attributes) def.tfvars.push({ node: a, file });
      continue;
    }
    def.files.push(file);
    for (const block of file.body.blocks) {
      const label0 = block.labels[0]?.value;
      switch (block.type) {
        case 'variable':
          if (label0 !== undefined && !def.variables.has(label0))
            def.variables.set(label0, { node: block, file });
          break;
        case 'locals':
          for (const a of block.body.attributes)
            if (!def.locals.has(a.name)) def.locals.set(a.name, { node: a, file });
          break;
        case 'output':
          if (label0 !== undefined && !def.outputs.has(label0))
            def.outputs.set(label0, { node: block, file });
          break;
        case 'resource':
        case 'data':
          if (block.labels.length >= 2) def.resources.push({ node: block, file });
          break;
        case 'module':
          if (label0 !== undefined && !def.calls.has(label0)) {
            const source = literalString(attr(block.body, 'source')?.expr);
            def.calls.set(label0, {
              node: block,
              file,
              source,
              localDir: source === undefined ? undefined : resolveLocalSource(dir, source),
            });
          }
          break;
        case 'provider':
          def.providers.push({ node: block, file });
          break;
      }
    }
  }
  // tfvars order: terraform.tfvars first, then *.auto.tfvars by name (later definitions win).
  for (const def of modules.values()) {
    const rank = (path: string): number => (baseName(path) === 'terraform.tfvars' ? 0 : 1);
    def.tfvars.sort(
      (a, b) =>
        rank(a.file.path) - rank(b.file.path) ||
        (a.file.path < b.file.path ? -1 : a.file.path > b.file.path ? 1 : 0),
    );
  }
  return modules;
}

function headerRange(block: Block, text: string): { start: number; end: number } {
  const newline = text.indexOf('\n', block.start);
  const lineEnd = newline < 0 || newline > block.end ? block.end : newline;
  let end = Math.min(block.openBrace + 1, lineEnd);
  while (end > block.start && (text.charCodeAt(end - 1) === 13 || text.charCodeAt(end - 1) === 32)) end--;
  return { start: block.start, end: Math.max(end, block.start + 1) };
}

const NO_REFS: readonly string[] = Object.freeze([]);

const EMPTY_SCOPE: Scope = { root: () => UNKNOWN };

/** A list of `{ key, value }` for a known collection, UNKNOWN otherwise. */
function elements(value: TfValue): { key: TfValue; value: TfValue }[] | typeof UNKNOWN {
  if (Array.isArray(value)) return value.map((item, i) => ({ key: i, value: item }));
  if (isObject(value)) return Object.keys(value).map((key) => ({ key, value: value[key]! }));
  return UNKNOWN;
}

/** Attributes that do not make a resource "reference" another (for `TfProject.referencing`). */
const NOT_REFERENCING = new Set(['depends_on']);

/** One evaluation of a module directory (a root, or a child called by `module "<name>"`). */
class ModuleInstance implements Scope {
  readonly evaluator: Evaluator;
  readonly prefix: string;
  private readonly variableCache = new Map<string, { value: Value; refs: readonly string[] } | 'pending'>();
  private readonly localCache = new Map<string, { value: Value; refs: readonly string[] } | 'pending'>();
  private readonly blockCache = new Map<Located<Block>, TfBlock | 'pending'>();
  private readonly resourceIndex = new Map<string, Located<Block>>();
  private readonly resourceTypes = new Set<string>();
  private readonly dataTypes = new Set<string>();
  private readonly children = new Map<string, ModuleInstance | undefined>();
  /** References seen by the expressions being evaluated (`capture` takes its part). */
  private readonly refStack: string[] = [];
  private readonly roots: Record<string, Value>;

  constructor(
    readonly project: ProjectBuilder,
    readonly def: ModuleDef,
    /** `''` or `module.a` / `module.a.module.b`. */
    readonly module: string,
    /** Inputs from the module call (children) or tfvars (roots). */
    private readonly inputs: Map<string, () => { value: Value; refs: readonly string[] }>,
    readonly stack: readonly string[],
  ) {
    this.prefix = module === '' ? '' : `${module}.`;
    this.evaluator = new Evaluator(this);
    for (const r of def.resources) {
      const [type, name] = [r.node.labels[0]!.value, r.node.labels[1]!.value];
      const key = r.node.type === 'data' ? `data.${type}.${name}` : `${type}.${name}`;
      if (!this.resourceIndex.has(key)) this.resourceIndex.set(key, r);
      (r.node.type === 'data' ? this.dataTypes : this.resourceTypes).add(type);
    }
    const unknownObject = new OpenObject(() => UNKNOWN);
    this.roots = {
      var: new OpenObject((key) => this.variable(key)),
      local: new OpenObject((key) => this.local(key)),
      data: new OpenObject((type) =>
        this.dataTypes.has(type)
          ? new OpenObject((name) => this.resourceValue(`data.${type}.${name}`))
          : UNKNOWN,
      ),
      module: new OpenObject((name) => this.moduleValue(name)),
      path: unknownObject,
      terraform: unknownObject,
      self: unknownObject,
      each: unknownObject,
      count: unknownObject,
    };
  }

  // ---- Scope ----

  root(name: string): Value {
    if (Object.hasOwn(this.roots, name)) return this.roots[name]!;
    if (this.resourceTypes.has(name))
      return new OpenObject((resourceName) => this.resourceValue(`${name}.${resourceName}`));
    // Terraform rejects `True`/`False` (an invalid reference), but the intent is unambiguous, and reading
    // them as unknown would hide a written `encrypted = False`.
    if (name === 'True' || name === 'False') return name === 'True';
    return UNKNOWN;
  }

  reference(address: string): void {
    this.refStack.push(address);
  }

  /** Evaluates `f` and returns its value with the references it made (sorted, unique). */
  private capture(f: () => Value): { value: Value; refs: readonly string[] } {
    // Every hop through a local, variable, output or resource goes through here: a very long chain of
    // them gives UNKNOWN instead of overflowing the stack.
    if (captureDepth >= MAX_CAPTURE_DEPTH) return { value: UNKNOWN, refs: NO_REFS };
    captureDepth++;
    const mark = this.refStack.length;
    try {
      const value = f();
      if (this.refStack.length === mark) return { value, refs: NO_REFS };
      return { value, refs: [...new Set(this.refStack.slice(mark))].sort() };
    } finally {
      this.refStack.length = mark;
      captureDepth--;
    }
  }

  /** The value of an expression whose references are not recorded (`for_each`, `count`, dynamic labels). */
  private quiet(expr: Expr, vars?: Vars): TfValue {
    return finalize(this.capture(() => this.evaluator.eval(expr, vars)).value);
  }

  private merge(refs: readonly string[]): void {
    for (const ref of refs) this.refStack.push(ref);
  }

  private variable(name: string): Value {
    let cached = this.variableCache.get(name);
    if (cached === 'pending') return UNKNOWN; // a cycle through module outputs
    if (!cached) {
      this.variableCache.set(name, 'pending');
      const input = this.inputs.get(name);
      const declared = this.def.variables.get(name);
      if (input) cached = input();
      else if (declared) {
        const fallback = attr(declared.node.body, 'default');
        cached = {
          value: fallback ? new Evaluator(EMPTY_SCOPE).eval(fallback.expr) : UNKNOWN,
          refs: NO_REFS,
        };
      } else cached = { value: UNKNOWN, refs: NO_REFS };
      if (cached.value === ERROR) cached.value = UNKNOWN;
      this.variableCache.set(name, cached);
    }
    this.merge(cached.refs);
    return cached.value;
  }

  private local(name: string): Value {
    const cached = this.localCache.get(name);
    if (cached === 'pending') return UNKNOWN; // a cycle
    if (cached) {
      this.merge(cached.refs);
      return cached.value;
    }
    const declared = this.def.locals.get(name);
    if (!declared) return ERROR;
    this.localCache.set(name, 'pending');
    const result = this.capture(() => this.evaluator.eval(declared.node.expr));
    this.localCache.set(name, result);
    this.merge(result.refs);
    return result.value;
  }

  private resourceValue(key: string): Value {
    const located = this.resourceIndex.get(key);
    if (!located) return UNKNOWN;
    this.reference(this.prefix + key);
    const block = this.resourceBlock(located);
    if (!block) return new OpenObject(() => UNKNOWN); // a reference cycle
    const value = blockObject(block);
    // `count` / `for_each` instances are merged, so every instance reads the same values.
    return new OpenObject(value.get, () => value);
  }

  private moduleValue(name: string): Value {
    const call = this.def.calls.get(name);
    if (!call) return UNKNOWN;
    this.reference(`${this.prefix}module.${name}`);
    const child = this.child(name);
    if (!child) return new OpenObject(() => UNKNOWN);
    return new OpenObject((output) => {
      const result = child.output(output);
      this.merge(result.refs);
      return result.value;
    });
  }

  output(name: string): { value: Value; refs: readonly string[] } {
    const declared = this.def.outputs.get(name);
    const value = declared && attr(declared.node.body, 'value');
    if (!value) return { value: UNKNOWN, refs: NO_REFS };
    return this.capture(() => this.evaluator.eval(value.expr));
  }

  // ---- children ----

  child(name: string): ModuleInstance | undefined {
    if (this.children.has(name)) return this.children.get(name);
    this.children.set(name, undefined);
    const call = this.def.calls.get(name);
    const def = call?.localDir !== undefined ? this.project.modules.get(call.localDir) : undefined;
    if (!call || !def || this.stack.includes(def.dir) || this.stack.length >= MAX_MODULE_DEPTH)
      return undefined;
    const inputs = new Map<string, () => { value: Value; refs: readonly string[] }>();
    for (const a of call.node.body.attributes) {
      if (
        a.name === 'source' ||
        a.name === 'version' ||
        a.name === 'count' ||
        a.name === 'for_each' ||
        a.name === 'providers' ||
        a.name === 'depends_on'
      )
        continue;
      inputs.set(a.name, () => this.capture(() => this.evaluator.eval(a.expr)));
    }
    const instance = new ModuleInstance(this.project, def, `${this.prefix}module.${name}`, inputs, [
      ...this.stack,
      def.dir,
    ]);
    this.children.set(name, instance);
    return instance;
  }

  // ---- blocks ----

  /** The evaluated block of a resource (memoised; UNDEFINED while it is being evaluated, i.e. in a cycle). */
  resourceBlock(located: Located<Block>): TfBlock | undefined {
    const cached = this.blockCache.get(located);
    if (cached === 'pending') return undefined;
    if (cached) return cached;
    this.blockCache.set(located, 'pending');
    const block = this.instanceBlock(located);
    this.blockCache.set(located, block);
    return block;
  }

  /** A resource evaluated for each known instance and merged (see the file comment). */
  private instanceBlock(located: Located<Block>): TfBlock {
    const { node, file } = located;
    const instances = this.instances(node.body);
    if (instances.length === 1) return this.block(node, file, instances[0]);
    const blocks = instances.map((vars) => this.block(node, file, vars));
    return mergeBlocks(blocks) ?? this.block(node, file, undefined);
  }

  /** Iterator scopes for `count` / `for_each` when known (one `undefined` scope otherwise). */
  private instances(body: Body): (Vars | undefined)[] {
    const forEach = attr(body, 'for_each');
    const count = attr(body, 'count');
    if (forEach) {
      const value = this.quiet(forEach.expr);
      const items = elements(value);
      if (items === UNKNOWN || items.length === 0 || items.length > MAX_INSTANCES) return [undefined];
      // A set of strings: key and value are the element.
      const set = Array.isArray(value);
      return items.map((item) => {
        const each = newObject();
        setKey(each, 'key', set ? item.value : item.key);
        setKey(each, 'value', item.value);
        return this.evaluator.with('each', each);
      });
    }
    if (count) {
      const value = toNum(this.quiet(count.expr));
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_INSTANCES)
        return [undefined];
      return Array.from({ length: value }, (_, i) => this.evaluator.with('count', countObject(i)));
    }
    return [undefined];
  }

  block(node: Block, file: ParsedFile, vars: Vars | undefined): TfBlock {
    // A prototype-less record: names such as `constructor` or `__proto__` are plain keys (and V8 keeps
    // such objects in dictionary mode, which suits records with varied keys).
    const attributes = Object.create(null) as Record<string, TfAttribute>;
    for (const a of node.body.attributes) attributes[a.name] = this.attribute(a, file, vars);
    const blocks: TfBlock[] = [];
    for (const nested of node.body.blocks) {
      if (nested.type === 'dynamic' && nested.labels.length >= 1)
        blocks.push(...this.dynamic(nested, file, vars));
      else blocks.push(this.block(nested, file, vars));
    }
    return {
      type: node.type,
      labels: node.labels.map((l) => l.value),
      attributes,
      blocks,
      range: { start: node.start, end: node.end },
      headerRange: headerRange(node, file.text),
      path: file.path,
    };
  }

  private attribute(a: Attribute, file: ParsedFile, vars: Vars | undefined): TfAttribute {
    const { value, refs } = this.capture(() => this.evaluator.eval(a.expr, vars));
    return {
      name: a.name,
      value: finalize(value),
      range: { start: a.start, end: a.end },
      path: file.path,
      source: file.text.slice(a.expr.start, a.expr.end),
      references: refs.length === 0 ? [] : (refs as string[]),
    };
  }

  private dynamic(node: Block, file: ParsedFile, vars: Vars | undefined): TfBlock[] {
    const type = node.labels[0]!.value;
    const content = node.body.blocks.find((b) => b.type === 'content');
    if (!content) return [];
    const iteratorAttr = attr(node.body, 'iterator');
    const iterator = iteratorAttr?.expr.type === 'variable' ? iteratorAttr.expr.name : type;
    const forEach = attr(node.body, 'for_each');
    const labelsAttr = attr(node.body, 'labels');
    const collection = forEach ? this.quiet(forEach.expr, vars) : UNKNOWN;
    const items = elements(collection);
    const scopes: Vars[] =
      items === UNKNOWN || items.length > MAX_DYNAMIC
        ? [this.evaluator.with(iterator, UNKNOWN, vars)]
        : items.map((item) => {
            const it = newObject();
            setKey(
              it,
              'key',
              Array.isArray(collection) && forEach && isSetExpr(forEach.expr) ? item.value : item.key,
            );
            setKey(it, 'value', item.value);
            return this.evaluator.with(iterator, it, vars);
          });
    return scopes.map((scope) => {
      const generated = this.block(content, file, scope);
      let labels: string[] = [];
      if (labelsAttr) {
        const value = this.quiet(labelsAttr.expr, scope);
        if (Array.isArray(value)) labels = value.map((v) => (typeof v === 'string' ? v : ''));
      }
      return {
        ...generated,
        type,
        labels,
        range: { start: node.start, end: node.end },
        headerRange: headerRange(node, file.text),
      };
    });
  }

  // ---- output ----

  /** Every resource of this instance and its children. */
  collect(out: TfResource[]): void {
    for (const located of this.def.resources) {
      const { node, file } = located;
      const type = node.labels[0]!.value;
      const name = node.labels[1]!.value;
      const mode = node.type === 'data' ? 'data' : 'resource';
      const block = this.resourceBlock(located) ?? this.block(node, file, undefined);
      out.push({
        mode,
        type,
        name,
        address: `${this.prefix}${mode === 'data' ? 'data.' : ''}${type}.${name}`,
        module: this.module,
        block,
        path: file.path,
      });
    }
    for (const name of this.def.calls.keys()) this.child(name)?.collect(out);
  }

  providerBlocks(): TfBlock[] {
    return this.def.providers.map((p) => this.block(p.node, p.file, undefined));
  }

  /** Directories this instance (and its children) evaluated. */
  dirs(out: Set<string>): void {
    out.add(this.def.dir);
    for (const child of this.children.values()) child?.dirs(out);
  }
}

/** `toset(...)` (or `set`-producing functions): `each.key` equals the element. */
function isSetExpr(expr: Expr): boolean {
  return expr.type === 'call' && (expr.name === 'toset' || expr.name === 'setunion');
}

/** A block as a value: attributes, and nested blocks as lists of objects; unknown keys are UNKNOWN. */
function blockObject(block: TfBlock): OpenObject {
  return new OpenObject((key) => {
    const a = block.attributes[key];
    if (a) return a.value;
    const nested = block.blocks.filter((b) => b.type === key);
    if (nested.length > 0) return nested.map((b) => plainBlock(b));
    return UNKNOWN;
  });
}

function plainBlock(block: TfBlock): TfValue {
  const out = newObject();
  for (const name of Object.keys(block.attributes)) setKey(out, name, block.attributes[name]!.value);
  for (const nested of block.blocks) {
    const list = out[nested.type];
    if (Array.isArray(list)) list.push(plainBlock(nested));
    else if (!Object.hasOwn(out, nested.type)) setKey(out, nested.type, [plainBlock(nested)]);
  }
  return out;
}

/** Merges the same block evaluated for several instances; undefined when their shapes differ. */
function mergeBlocks(blocks: TfBlock[]): TfBlock | undefined {
  const first = blocks[0]!;
  for (const other of blocks.slice(1)) if (!sameShape(first, other)) return undefined;
  const merge = (list: TfBlock[]): TfBlock => {
    const base = list[0]!;
    const attributes = Object.create(null) as Record<string, TfAttribute>;
    for (const name of Object.keys(base.attributes)) {
      const all = list.map((b) => b.attributes[name]!);
      let value = all[0]!.value;
      const refs = new Set(all[0]!.references);
      for (const a of all.slice(1)) {
        value = mergeValues(value, a.value);
        for (const r of a.references) refs.add(r);
      }
      attributes[name] = { ...all[0]!, value, references: [...refs].sort() };
    }
    return { ...base, attributes, blocks: base.blocks.map((_, i) => merge(list.map((b) => b.blocks[i]!))) };
  };
  return merge(blocks);
}

function sameShape(a: TfBlock, b: TfBlock): boolean {
  if (
    a.type !== b.type ||
    a.blocks.length !== b.blocks.length ||
    !deepEqual(a.labels, b.labels) ||
    a.range.start !== b.range.start
  )
    return false;
  for (let i = 0; i < a.blocks.length; i++) if (!sameShape(a.blocks[i]!, b.blocks[i]!)) return false;
  return true;
}

class ProjectBuilder {
  constructor(readonly modules: Map<string, ModuleDef>) {}

  rootInputs(def: ModuleDef): Map<string, () => { value: Value; refs: readonly string[] }> {
    const inputs = new Map<string, () => { value: Value; refs: readonly string[] }>();
    for (const { node } of def.tfvars) {
      if (!def.variables.has(node.name)) continue;
      inputs.set(node.name, () => ({ value: new Evaluator(EMPTY_SCOPE).eval(node.expr), refs: NO_REFS }));
    }
    return inputs;
  }

  project(def: ModuleDef): { project: TfProject; dirs: Set<string> } {
    const instance = new ModuleInstance(this, def, '', this.rootInputs(def), [def.dir]);
    const resources: TfResource[] = [];
    instance.collect(resources);
    resources.sort((a, b) =>
      a.address < b.address
        ? -1
        : a.address > b.address
          ? 1
          : a.path < b.path
            ? -1
            : a.path > b.path
              ? 1
              : a.block.range.start - b.block.range.start,
    );
    const providers = instance.providerBlocks();
    const dirs = new Set<string>();
    instance.dirs(dirs);
    return { project: makeProject(def.dir, resources, providers), dirs };
  }
}

export function makeProject(dir: string, resources: TfResource[], providers: TfBlock[]): TfProject {
  let index: Map<string, TfResource[]> | undefined;
  const byType = new Map<string, TfResource[]>();
  for (const r of resources) {
    if (r.mode !== 'resource') continue;
    let list = byType.get(r.type);
    if (!list) {
      list = [];
      byType.set(r.type, list);
    }
    list.push(r);
  }
  const buildIndex = (): Map<string, TfResource[]> => {
    const map = new Map<string, TfResource[]>();
    for (const r of resources) {
      const refs = new Set<string>();
      const visit = (block: TfBlock): void => {
        for (const a of Object.values(block.attributes))
          if (!NOT_REFERENCING.has(a.name)) for (const ref of a.references) refs.add(ref);
        for (const nested of block.blocks) visit(nested);
      };
      visit(r.block);
      for (const ref of refs) {
        if (ref === r.address) continue;
        let list = map.get(ref);
        if (!list) {
          list = [];
          map.set(ref, list);
        }
        list.push(r);
      }
    }
    return map;
  };
  return {
    dir,
    resources,
    providers,
    ofType: (type) => byType.get(type) ?? [],
    referencing(target, type) {
      index ??= buildIndex();
      const list = index.get(target.address) ?? [];
      return type === undefined ? list : list.filter((r) => r.type === type);
    },
  };
}

/**
 * One project per root module. Roots are the directories with `.tf` files that no other scanned directory
 * calls as a local module; directories only reachable through a module cycle are evaluated as roots too.
 * A root whose evaluation fails (it should not) is reported as an error and the others are still built.
 */
export function buildProjects(files: readonly ParsedFile[]): {
  projects: TfProject[];
  errors: IacFileError[];
} {
  const modules = collectModules(files);
  const called = new Set<string>();
  for (const def of modules.values())
    for (const call of def.calls.values())
      if (call.localDir !== undefined && call.localDir !== def.dir && modules.has(call.localDir))
        called.add(call.localDir);
  const builder = new ProjectBuilder(modules);
  const projects: TfProject[] = [];
  const errors: IacFileError[] = [];
  const covered = new Set<string>();
  const dirs = [...modules.keys()].filter((dir) => modules.get(dir)!.files.length > 0).sort();
  const build = (dir: string): void => {
    const def = modules.get(dir)!;
    covered.add(dir);
    try {
      const { project, dirs: seen } = builder.project(def);
      for (const d of seen) covered.add(d);
      projects.push(project);
    } catch (error) {
      captureDepth = 0;
      errors.push({
        path: def.files[0]!.path,
        message: `Terraform evaluation of ${dir === '' ? 'the root module' : dir} failed: ${error instanceof Error ? error.message : String(error)}`,
        level: 'warning',
      });
    }
  };
  for (const dir of dirs) if (!called.has(dir)) build(dir);
  for (const dir of dirs) if (!covered.has(dir)) build(dir);
  return { projects, errors };
}

function countObject(index: number): TfValue {
  const count = newObject();
  count.index = index;
  return count;
}
