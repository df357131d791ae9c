import { child, list, nameOf, propertyName, staticString, unwrap, type Node } from './ast.js';

/** `node:fs` and `fs` are the same module; `fs/promises` keeps its sub-path. */
export function normaliseModule(specifier: string): string {
  return specifier.startsWith('node:') ? specifier.slice(5) : specifier;
}

/** The module a `require('m')` call loads, else undefined. */
export function requiredModule(node: Node): string | undefined {
  const call = unwrap(node);
  if (call.type !== 'CallExpression') return undefined;
  const callee = child(call, 'callee');
  if (!callee || callee.type !== 'Identifier' || callee.name !== 'require') return undefined;
  const specifier = staticString(list(call, 'arguments')[0]);
  return specifier === undefined ? undefined : normaliseModule(specifier);
}

/**
 * Names that top-level imports and requires bind in a file, each mapped to a qualified name:
 * `import { exec } from 'node:child_process'` binds `exec` to `child_process.exec`; `import cp from
 * 'child_process'` and `const cp = require('child_process')` bind `cp` to `child_process`;
 * `const { createHash: h } = require('crypto')` binds `h` to `crypto.createHash`.
 */
export function moduleBindings(program: Node): Map<string, string> {
  const bindings = new Map<string, string>();
  for (const statement of list(program, 'body')) {
    if (statement.type === 'ImportDeclaration') {
      if (statement.importKind === 'type') continue;
      const source = staticString(child(statement, 'source'));
      if (source === undefined) continue;
      const module = normaliseModule(source);
      for (const specifier of list(statement, 'specifiers')) {
        const local = nameOf(child(specifier, 'local'));
        if (!local) continue;
        if (specifier.type === 'ImportSpecifier') {
          const imported = nameOf(child(specifier, 'imported'));
          bindings.set(local, imported === 'default' || !imported ? module : `${module}.${imported}`);
        } else {
          bindings.set(local, module);
        }
      }
    } else if (statement.type === 'VariableDeclaration') {
      for (const declarator of list(statement, 'declarations')) {
        const init = child(declarator, 'init');
        const id = child(declarator, 'id');
        if (!init || !id) continue;
        const qualified = qualifyRequire(init);
        if (qualified === undefined) continue;
        if (id.type === 'Identifier') bindings.set(id.name as string, qualified);
        else if (id.type === 'ObjectPattern') {
          for (const property of list(id, 'properties')) {
            if (property.type !== 'Property') continue;
            const key = property.computed ? undefined : nameOf(child(property, 'key'));
            const value = child(property, 'value');
            const local = value?.type === 'AssignmentPattern' ? nameOf(child(value, 'left')) : nameOf(value);
            if (key && local) bindings.set(local, `${qualified}.${key}`);
          }
        }
      }
    } else if (statement.type === 'TSImportEqualsDeclaration') {
      const reference = child(statement, 'moduleReference');
      const local = nameOf(child(statement, 'id'));
      const source = reference && staticString(child(reference, 'expression'));
      if (local && source !== undefined) bindings.set(local, normaliseModule(source));
    }
  }
  return bindings;
}

/** `require('m')` → `m`; `require('m').a.b` → `m.a.b`; else undefined. */
function qualifyRequire(node: Node): string | undefined {
  const inner = unwrap(node);
  const module = requiredModule(inner);
  if (module !== undefined) return module;
  if (inner.type === 'MemberExpression') {
    const object = child(inner, 'object');
    const property = propertyName(inner);
    const base = object && qualifyRequire(object);
    if (base !== undefined && property !== undefined) return `${base}.${property}`;
  }
  if (inner.type === 'AwaitExpression' || inner.type === 'ImportExpression') {
    const argument = child(inner, inner.type === 'AwaitExpression' ? 'argument' : 'source');
    if (!argument) return undefined;
    if (inner.type === 'ImportExpression') {
      const specifier = staticString(argument);
      return specifier === undefined ? undefined : normaliseModule(specifier);
    }
    return qualifyRequire(argument);
  }
  return undefined;
}

/**
 * The qualified name of an expression, syntactically: `crypto.createHash` for `createHash` imported from
 * `crypto`, `child_process.exec` for `cp.exec`, `Math.random` for the global. Identifiers that no import
 * binds keep their own name (globals such as `document`, `window`, `eval`). Undefined for anything
 * dynamic.
 */
export function qualifiedName(node: Node, bindings: ReadonlyMap<string, string>): string | undefined {
  const inner = unwrap(node);
  if (inner.type === 'Identifier') {
    const name = inner.name as string;
    return bindings.get(name) ?? name;
  }
  if (inner.type === 'ThisExpression') return 'this';
  if (inner.type === 'MemberExpression') {
    const object = child(inner, 'object');
    const property = propertyName(inner);
    if (!object || property === undefined) return undefined;
    const base = qualifiedName(object, bindings);
    return base === undefined ? undefined : `${base}.${property}`;
  }
  const required = qualifyRequire(inner);
  if (required !== undefined) return required;
  return undefined;
}
