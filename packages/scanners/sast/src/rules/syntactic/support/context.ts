/**
 * Where an expression's value goes, syntactically: the nearest name it is bound to (variable,
 * assignment target, object key, class field, JSX attribute, default parameter), a `return` of its
 * function, or nothing, plus hints from the calls it is passed to on the way (`res.cookie('sid', x)`).
 * Rules use it to tell what a value is for from the names developers gave it.
 */
import { child, isFunction, list, nameOf, staticString, unwrap, type Node } from '../../../frontend/ast.js';
import { calleeName, keyName, receiverOf, targetName, type FileIndex } from './util.js';

export type Site =
  | { kind: 'name'; name: string; node: Node; local?: string; scope: Node | undefined; hints: string[] }
  | { kind: 'return'; fn: Node; hints: string[] }
  | { kind: 'none'; hints: string[] };

/** Calls whose callback's return value becomes (part of) the call's own result. */
const RESULT_CALLBACKS = new Set(['map', 'from', 'replace', 'replaceAll', 'flatMap', 'reduce']);
/** Calls that store their argument in the receiver: `chars.push(x)` binds x to `chars`. */
const COLLECTORS = new Set(['push', 'unshift', 'concat', 'add', 'append']);

/** The naming site of an expression's value, walking up through expressions to the nearest name. */
export function siteOf(expression: Node, index: FileIndex): Site {
  const hints: string[] = [];
  let current = expression;
  for (let steps = 0; steps < 64; steps++) {
    const parent = index.parent(current);
    if (!parent) return { kind: 'none', hints };
    if (isFunction(parent)) {
      const body = child(parent, 'body');
      if (body !== current || body.type === 'BlockStatement') return { kind: 'none', hints };
      const through = callbackCall(parent, index);
      if (through) {
        current = through;
        continue;
      }
      return { kind: 'return', fn: parent, hints };
    }
    switch (parent.type) {
      case 'VariableDeclarator': {
        const id = child(parent, 'id');
        if (child(parent, 'init') !== current || id?.type !== 'Identifier') return { kind: 'none', hints };
        const name = id.name as string;
        return { kind: 'name', name, node: parent, local: name, scope: scopeOf(parent, index), hints };
      }
      case 'AssignmentExpression': {
        const left = child(parent, 'left');
        if (child(parent, 'right') !== current || !left) return { kind: 'none', hints };
        const name = targetName(left);
        if (name === undefined) return { kind: 'none', hints };
        const local = unwrap(left).type === 'Identifier' ? name : undefined;
        return {
          kind: 'name',
          name,
          node: parent,
          scope: scopeOf(parent, index),
          hints,
          ...(local ? { local } : {}),
        };
      }
      case 'AssignmentPattern': {
        const name = nameOf(child(parent, 'left'));
        if (child(parent, 'right') !== current || !name) return { kind: 'none', hints };
        return { kind: 'name', name, node: parent, scope: scopeOf(parent, index), hints };
      }
      case 'Property':
      case 'PropertyDefinition': {
        const name = keyName(parent);
        if (child(parent, 'value') !== current || name === undefined) return { kind: 'none', hints };
        return { kind: 'name', name, node: parent, scope: scopeOf(parent, index), hints };
      }
      case 'JSXExpressionContainer':
        current = parent;
        continue;
      case 'JSXAttribute': {
        const name = nameOf(child(parent, 'name'));
        if (!name) return { kind: 'none', hints };
        return { kind: 'name', name, node: parent, scope: scopeOf(parent, index), hints };
      }
      case 'ReturnStatement': {
        const fn = scopeOf(parent, index);
        return fn ? { kind: 'return', fn, hints } : { kind: 'none', hints };
      }
      case 'CallExpression':
      case 'NewExpression': {
        const args = list(parent, 'arguments');
        if (args.includes(current)) {
          const method = calleeName(parent);
          const receiver = receiverOf(parent);
          if (method && COLLECTORS.has(method) && receiver && unwrap(receiver).type === 'Identifier') {
            const name = unwrap(receiver).name as string;
            return { kind: 'name', name, node: parent, local: name, scope: scopeOf(parent, index), hints };
          }
          const label = staticString(args[0]);
          if (label !== undefined && args[0] !== current) hints.push(label);
        }
        current = parent;
        continue;
      }
      default:
        if (isBoundary(parent)) return { kind: 'none', hints };
        current = parent;
        continue;
    }
  }
  return { kind: 'none', hints };
}

/** The call an inline callback is passed to when its return value flows into that call's result. */
export function callbackCall(fn: Node, index: FileIndex): Node | undefined {
  const parent = index.parent(fn);
  if (!parent || (parent.type !== 'CallExpression' && parent.type !== 'NewExpression')) return undefined;
  if (!list(parent, 'arguments').includes(fn)) return undefined;
  const method = calleeName(parent);
  return method && RESULT_CALLBACKS.has(method) ? parent : undefined;
}

/** A statement or declaration: the value stops flowing upward syntactically. */
function isBoundary(node: Node): boolean {
  return (
    node.type.endsWith('Statement') ||
    node.type.endsWith('Declaration') ||
    node.type === 'Program' ||
    node.type === 'ClassBody' ||
    node.type === 'SwitchCase' ||
    node.type === 'CatchClause'
  );
}

/** The nearest enclosing function (the scope a local name lives in), else undefined (module scope). */
export function scopeOf(node: Node, index: FileIndex): Node | undefined {
  for (let current = index.parent(node); current; current = index.parent(current)) {
    if (isFunction(current)) return current;
  }
  return undefined;
}

/**
 * Reads of a local name inside `scope` (the whole file when undefined), excluding its declaration,
 * assignment targets and property keys. Bounded: a name used hundreds of times (minified code) yields
 * only its first few hundred occurrences.
 */
export function readsOf(name: string, scope: Node | undefined, index: FileIndex): Node[] {
  const out: Node[] = [];
  for (const identifier of index.identifiers(name, scope?.start, scope?.end)) {
    const parent = index.parent(identifier);
    if (!parent) continue;
    if (parent.type === 'VariableDeclarator' && child(parent, 'id') === identifier) continue;
    if (parent.type === 'AssignmentExpression' && child(parent, 'left') === identifier) continue;
    if (parent.type === 'MemberExpression' && child(parent, 'property') === identifier && !parent.computed)
      continue;
    if (
      (parent.type === 'Property' ||
        parent.type === 'PropertyDefinition' ||
        parent.type === 'MethodDefinition') &&
      child(parent, 'key') === identifier &&
      !parent.computed &&
      !parent.shorthand
    )
      continue;
    if (isFunction(parent)) continue;
    out.push(identifier);
  }
  return out;
}

/** Calls of a function by one of its names: `name(...)` or `this.name(...)`. */
export function callsTo(names: readonly string[], index: FileIndex): Node[] {
  if (names.length === 0) return [];
  return [...new Set(names)].flatMap((name) =>
    index.callsNamed(name).filter((call) => {
      const receiver = receiverOf(call);
      return receiver === undefined || unwrap(receiver).type === 'ThisExpression';
    }),
  );
}
