import { child, nameOf, staticString, type Node } from '../../frontend/ast.js';
import { qualifiedName } from '../../frontend/imports.js';
import type { SyntacticRule } from '../rule.js';
import {
  argumentsOf,
  calleeName,
  calleeQualified,
  callRange,
  indexFile,
  isTrue,
  lookup,
  receiverOf,
  resolve,
  resolvedObject,
  type FileIndex,
} from './support/util.js';

/** libxml2 bindings whose parse options map to libxml2 flags. */
const LIBXML_MODULES = ['libxmljs', 'libxmljs2'];
const PARSERS = ['parseXml', 'parseXmlString', 'parseXmlAsync', 'Document.fromXml'];
const PARSE_CALLS = new Set(
  LIBXML_MODULES.flatMap((module) => PARSERS.map((parser) => `${module}.${parser}`)),
);
/** noent substitutes entities (external ones included); dtdload/dtdvalid fetch external DTDs. */
const DANGEROUS_OPTIONS = ['noent', 'dtdload', 'dtdvalid'];

export const rule: SyntacticRule = {
  meta: {
    id: 'sast/xxe-external-entities',
    family: 'xxe',
    title: 'XML parsed with external entities enabled',
    severity: 'high',
    cwe: ['CWE-611'],
    description:
      'libxmljs parses with libxml2, which resolves external entities and loads external DTDs when `noent`, ' +
      '`dtdload` or `dtdvalid` is set. A document such as `<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>` ' +
      'then reads local files or makes the server fetch internal URLs (SSRF). The rule reports these options ' +
      'when the XML is not a constant in the source.',
    help: {
      bad: "import libxmljs from 'libxmljs2';\n\nexport function readInvoice(body: string) {\n  return libxmljs.parseXml(body, { noent: true });\n}\n",
      good: "import libxmljs from 'libxmljs2';\n\nexport function readInvoice(body: string) {\n  return libxmljs.parseXml(body, { noent: false, nonet: true });\n}\n",
      fix: 'Drop `noent`, `dtdload` and `dtdvalid` (libxmljs leaves them off by default), keep `nonet: true`, or use a parser that never resolves external entities.',
    },
    references: [
      'https://cheatsheetseries.owasp.org/cheatsheets/XML_External_Entity_Prevention_Cheat_Sheet.html',
      'https://owasp.org/www-community/vulnerabilities/XML_External_Entity_(XXE)_Processing',
      'https://cwe.mitre.org/data/definitions/611.html',
    ],
    tags: ['xml', 'owasp:A05:2021'],
    precision: 'high',
  },
  check(file, context) {
    const index = indexFile(file.program);
    for (const call of index.ofType('CallExpression')) {
      const qualified = calleeQualified(call, context.bindings);
      if (qualified === undefined || !PARSE_CALLS.has(qualified)) continue;
      const [xml, optionsArgument] = argumentsOf(call);
      if (!xml || xml.type === 'SpreadElement' || isConstantXml(xml, index)) continue;
      const options = resolvedObject(optionsArgument, index);
      if (!options) continue;
      const enabled = DANGEROUS_OPTIONS.filter((option) => {
        const found = lookup(options, option);
        return found.kind === 'found' && isTrue(found.value);
      });
      if (enabled.length === 0) continue;
      context.report({
        ...callRange(call),
        message: `XML parsed with ${enabled.map((option) => `${option}: true`).join(', ')}: external entities/DTDs are resolved`,
      });
    }
  },
};

/**
 * XML the attacker cannot supply: a string constant, or a file read from a constant path next to the code
 * (`fs.readFileSync(path.join(__dirname, 'catalog.xml'), 'utf8')`).
 */
function isConstantXml(node: Node, index: FileIndex, depth = 4): boolean {
  if (depth === 0) return false;
  const value = resolve(node, index);
  if (staticString(value) !== undefined) return true;
  if (value.type === 'AwaitExpression') {
    const argument = child(value, 'argument');
    return argument !== undefined && isConstantXml(argument, index, depth - 1);
  }
  if (value.type !== 'CallExpression') return false;
  const method = calleeName(value);
  const receiver = receiverOf(value);
  if (method === 'toString' && receiver) return isConstantXml(receiver, index, depth - 1);
  if (method !== 'readFileSync' && method !== 'readFile') return false;
  const path = argumentsOf(value)[0];
  return path !== undefined && isConstantPath(path, index, depth - 1);
}

const PATH_BUILDERS = new Set(['join', 'resolve']);
const BASE_DIRECTORIES = new Set(['__dirname', 'process.cwd']);

/** `import.meta.dirname` / `import.meta.url`. */
function isImportMeta(node: Node): boolean {
  return node.type === 'MemberExpression' && child(node, 'object')?.type === 'MetaProperty';
}

function isConstantPath(node: Node, index: FileIndex, depth: number): boolean {
  if (depth === 0) return false;
  const value = resolve(node, index);
  if (staticString(value) !== undefined) return true;
  const qualified = qualifiedName(value, new Map());
  if ((qualified !== undefined && BASE_DIRECTORIES.has(qualified)) || isImportMeta(value)) return true;
  if (value.type === 'NewExpression' && nameOf(child(value, 'callee')) === 'URL') {
    // new URL('./catalog.xml', import.meta.url)
    return argumentsOf(value).every(
      (argument) => staticString(argument) !== undefined || isImportMeta(argument),
    );
  }
  if (value.type !== 'CallExpression') return false;
  if (calleeName(value) === 'cwd') return true;
  if (!PATH_BUILDERS.has(calleeName(value) ?? '')) return false;
  return argumentsOf(value).every((argument) => isConstantPath(argument, index, depth - 1));
}
