/**
 * The ESTree shapes the analysis reads. oxc-parser produces ESTree (with TS-ESTree nodes for TypeScript);
 * we type nodes loosely and narrow on `type`, so an unknown node kind is walked, never a crash.
 */
export interface Node {
  type: string;
  start: number;
  end: number;
  [key: string]: unknown;
}

export function isNode(value: unknown): value is Node {
  return (
    typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string'
  );
}

/** Keys that never hold child nodes worth visiting (positions, raw text, type-only annotations). */
const SKIP_KEYS = new Set([
  'type',
  'start',
  'end',
  'range',
  'loc',
  'raw',
  'regex',
  'typeAnnotation',
  'typeParameters',
  'typeArguments',
  'returnType',
  'superTypeArguments',
  'implements',
]);

/** The child nodes of `node`, in source order of its keys. */
export function children(node: Node): Node[] {
  const out: Node[] = [];
  for (const key in node) {
    if (SKIP_KEYS.has(key)) continue;
    const value = node[key];
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) out.push(item);
    } else if (isNode(value)) {
      out.push(value);
    }
  }
  return out;
}

/**
 * Depth-first walk. `enter` returns false to skip a node's children. Iterative, so deeply nested
 * generated code cannot overflow the stack.
 */
export function walk(root: Node, enter: (node: Node, parent: Node | undefined) => boolean | void): void {
  const stack: [Node, Node | undefined][] = [[root, undefined]];
  while (stack.length > 0) {
    const [node, parent] = stack.pop()!;
    if (enter(node, parent) === false) continue;
    const kids = children(node);
    for (let i = kids.length - 1; i >= 0; i--) stack.push([kids[i]!, node]);
  }
}

/** `node.key` as a node, when it is one. */
export function child(node: Node, key: string): Node | undefined {
  const value = node[key];
  return isNode(value) ? value : undefined;
}

/** `node.key` as a node list (holes and non-nodes dropped). */
export function list(node: Node, key: string): Node[] {
  const value = node[key];
  return Array.isArray(value) ? value.filter(isNode) : [];
}

/** The name of an Identifier / PrivateIdentifier, or the value of a string Literal; else undefined. */
export function nameOf(node: Node | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'Identifier' || node.type === 'PrivateIdentifier' || node.type === 'JSXIdentifier')
    return node.name as string;
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  return undefined;
}

/** The static property name of a MemberExpression (`a.b`, `a['b']`), else undefined. */
export function propertyName(member: Node): string | undefined {
  const property = child(member, 'property');
  if (!property) return undefined;
  if (!member.computed) return nameOf(property);
  if (
    property.type === 'Literal' &&
    (typeof property.value === 'string' || typeof property.value === 'number')
  )
    return String(property.value);
  if (property.type === 'TemplateLiteral' && list(property, 'expressions').length === 0) {
    const quasi = list(property, 'quasis')[0];
    return (quasi?.value as { cooked?: string } | undefined)?.cooked ?? undefined;
  }
  return undefined;
}

/** Unwraps TS-only wrappers and parentheses: `x as T`, `x!`, `<T>x`, `x satisfies T`, `(x)`. */
export function unwrap(node: Node): Node {
  let current = node;
  for (;;) {
    switch (current.type) {
      case 'TSAsExpression':
      case 'TSSatisfiesExpression':
      case 'TSNonNullExpression':
      case 'TSTypeAssertion':
      case 'TSInstantiationExpression':
      case 'ParenthesizedExpression':
      case 'ChainExpression': {
        const inner = child(current, 'expression');
        if (!inner) return current;
        current = inner;
        break;
      }
      default:
        return current;
    }
  }
}

/** The static string of a string Literal or a TemplateLiteral without expressions. */
export function staticString(node: Node | undefined): string | undefined {
  if (!node) return undefined;
  const inner = unwrap(node);
  if (inner.type === 'Literal' && typeof inner.value === 'string') return inner.value;
  if (inner.type === 'TemplateLiteral' && list(inner, 'expressions').length === 0) {
    const quasi = list(inner, 'quasis')[0];
    return (quasi?.value as { cooked?: string } | undefined)?.cooked ?? '';
  }
  return undefined;
}

export function isFunction(node: Node): boolean {
  return (
    node.type === 'FunctionDeclaration' ||
    node.type === 'FunctionExpression' ||
    node.type === 'ArrowFunctionExpression'
  );
}
