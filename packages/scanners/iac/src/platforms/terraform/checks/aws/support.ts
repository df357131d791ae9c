/**
 * Shared helpers of the AWS Terraform checks (not a check): metadata defaults, reporting, value tests, the
 * links between a resource and the split resources that configure it (AWS provider v4+), security group
 * rules and IAM policy documents (inline JSON, `jsonencode(...)` and `aws_iam_policy_document`).
 *
 * Line convention: a finding is on the offending attribute when it is written, else on the first line of the
 * innermost block that should hold it (the nested block when present, else the resource).
 */
import type { IacReport, IacRuleMeta } from '../../../../check.js';
import {
  UNKNOWN,
  type TfAttribute,
  type TfBlock,
  type TfProject,
  type TfResource,
  type TfValue,
} from '../../model.js';
import type { Expr } from '../../hcl/ast.js';
import { parseHclExpression } from '../../hcl/parser.js';
import { blocks } from '../../query.js';

// ---------------------------------------------------------------------------------------------------------
// Metadata

type MetaInput = Omit<IacRuleMeta, 'platform' | 'provider' | 'tags'> & {
  /** AWS service tag (`s3`, `iam`, `ec2`, ...). */
  service: string;
  /** OWASP Top 10 2021 category; misconfiguration (`A05:2021`) when omitted. */
  owasp?: string;
};

/** Rule metadata of an AWS Terraform check with the shared fields filled in. */
export function awsMeta(input: MetaInput): IacRuleMeta {
  const { service, owasp, ...meta } = input;
  return {
    ...meta,
    platform: 'terraform',
    provider: 'aws',
    tags: ['terraform', 'aws', `aws:${service}`, `owasp:${owasp ?? 'A05:2021'}`],
  };
}

export const TF_DOCS = 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/';

// ---------------------------------------------------------------------------------------------------------
// Reporting

export interface Where {
  path: string;
  start: number;
  end: number;
}

export function atAttr(attribute: TfAttribute): Where {
  return { path: attribute.path, start: attribute.range.start, end: attribute.range.end };
}

/** A block's first line (type and labels). */
export function atBlock(block: TfBlock): Where {
  return { path: block.path, start: block.headerRange.start, end: block.headerRange.end };
}

export function atResource(resource: TfResource): Where {
  return {
    path: resource.path,
    start: resource.block.headerRange.start,
    end: resource.block.headerRange.end,
  };
}

export function emit(report: IacReport, resource: string, where: Where, message?: string): void {
  report({
    path: where.path,
    start: where.start,
    end: where.end,
    resource,
    ...(message !== undefined && { message }),
  });
}

/** A reporter that drops repeated findings at the same place (shared policy documents, repeated rules). */
export function once(report: IacReport): IacReport {
  const seen = new Set<string>();
  return (finding) => {
    const key = `${finding.path}:${finding.start}:${finding.end}:${finding.message ?? ''}`;
    if (seen.has(key)) return;
    seen.add(key);
    report(finding);
  };
}

// ---------------------------------------------------------------------------------------------------------
// Values

/**
 * Whether a resource is created at all: `count = 0` and an empty `for_each` (known values) create nothing.
 * (The model keeps one `TfResource` per block whatever its count.)
 */
export function exists(resource: TfResource): boolean {
  const count = resource.block.attributes.count?.value;
  if (count === 0 || count === '0') return false;
  const forEach = resource.block.attributes.for_each?.value;
  if (Array.isArray(forEach) && forEach.length === 0) return false;
  if (
    forEach !== null &&
    typeof forEach === 'object' &&
    !Array.isArray(forEach) &&
    Object.keys(forEach).length === 0
  )
    return false;
  return true;
}

/** The resources (that exist) of several types, in the order of the types. */
export function ofTypes(project: TfProject, ...types: string[]): TfResource[] {
  return types.flatMap((type) => project.ofType(type).filter(exists));
}

/** True when a value is present and known. */
export function known(value: TfValue | undefined): boolean {
  return value !== undefined && value !== UNKNOWN;
}

/** True when any part of a value is unknown. */
function hasUnknown(value: TfValue | undefined): boolean {
  if (value === UNKNOWN) return true;
  if (Array.isArray(value)) return value.some(hasUnknown);
  if (value !== null && typeof value === 'object') return Object.values(value).some(hasUnknown);
  return false;
}

/** A number, or a string holding one; undefined otherwise. */
export function num(value: TfValue | undefined): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
    return Number(value);
  return undefined;
}

/** A known string (numbers and booleans converted as Terraform does), lower-cased. */
export function lower(value: TfValue | undefined): string | undefined {
  if (typeof value === 'string') return value.toLowerCase();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

export interface Strings {
  values: string[];
  /** Some element (or the whole list) is unknown. */
  unknown: boolean;
}

/** The known strings of a string or list value; `unknown` when some element cannot be known. */
export function strings(value: unknown): Strings {
  if (value === undefined || value === null) return { values: [], unknown: false };
  if (value === UNKNOWN) return { values: [], unknown: true };
  const list: unknown[] = Array.isArray(value) ? value : [value];
  const out: Strings = { values: [], unknown: false };
  for (const item of list) {
    if (typeof item === 'string') out.values.push(item);
    else if (typeof item === 'number' || typeof item === 'boolean') out.values.push(String(item));
    else if (item === UNKNOWN || Array.isArray(item)) out.unknown = true;
  }
  return out;
}

/** A value that enables a setting: `true`, `"true"` (Terraform converts it), or unknown (never flagged). */
export function trueOrUnknown(value: TfValue | undefined): boolean {
  return value === true || value === 'true' || value === UNKNOWN;
}

// ---------------------------------------------------------------------------------------------------------
// References and split resources

/** `[type, name, isData]` of a full address (`module.a.aws_s3_bucket.b`, `data.x.y`); undefined for `module.m`. */
function addressParts(address: string): { type: string; name: string; data: boolean } | undefined {
  const parts = address.split('.');
  if (parts.length < 2 || parts[parts.length - 2] === 'module') return undefined;
  return {
    type: parts[parts.length - 2]!,
    name: parts[parts.length - 1]!,
    data: parts[parts.length - 3] === 'data',
  };
}

/** Whether an attribute refers to `target` (references are full addresses, module prefix included). */
export function refersTo(attribute: TfAttribute | undefined, target: TfResource): boolean {
  return attribute !== undefined && attribute.references.includes(target.address);
}

export interface Linked {
  /** Resources of the type that configure the target. */
  resources: TfResource[];
  /** Some resource of the type names its target through an unknown value, so it may configure this one. */
  maybe: boolean;
}

/**
 * The resources of `type` whose `linkAttr` names `target`: by reference (`bucket = aws_s3_bucket.b.id`) or by
 * an equal literal name (`bucket = "my-bucket"` and the target's `nameAttr`). A resource of the type whose
 * link cannot be resolved (a variable, a module output) makes `maybe` true, and callers then stay silent.
 */
export function linked(
  project: TfProject,
  target: TfResource,
  type: string,
  linkAttr: string,
  nameAttr?: string,
): Linked {
  const name = nameAttr === undefined ? undefined : target.block.attributes[nameAttr]?.value;
  const out: Linked = { resources: [], maybe: false };
  const sameExpression = (link: TfAttribute, owner: TfResource): boolean => {
    const named = nameAttr === undefined ? undefined : owner.block.attributes[nameAttr];
    return (
      named !== undefined && owner.module === target.module && named.source.trim() === link.source.trim()
    );
  };
  for (const candidate of ofTypes(project, type)) {
    const link = candidate.block.attributes[linkAttr];
    if (!link) continue;
    if (
      refersTo(link, target) ||
      (typeof name === 'string' && link.value === name && !namesOtherOfType(link, target)) ||
      (hasUnknown(link.value) && candidate.module === target.module && sameExpression(link, target))
    ) {
      out.resources.push(candidate);
      continue;
    }
    // The same unknown expression (`var.bucket_name`) as another target's name: it names that one.
    if (
      hasUnknown(link.value) &&
      candidate.module === target.module &&
      ofTypes(project, target.type).some((other) => other !== target && sameExpression(link, other))
    )
      continue;
    // A literal name while the target's name is not known: it may be this one.
    if (typeof link.value === 'string' && link.references.length === 0) {
      if (nameAttr !== undefined && typeof name !== 'string') out.maybe = true;
      continue;
    }
    if (!hasUnknown(link.value)) continue;
    // Unknown because it names another resource of the target's type: not this one.
    if (!namesOtherOfType(link, target)) out.maybe = true;
  }
  return out;
}

/** Whether a link attribute refers to a resource of the target's type other than the target. */
function namesOtherOfType(link: TfAttribute, target: TfResource): boolean {
  return link.references.some((ref) => {
    if (ref === target.address) return false;
    const parts = addressParts(ref);
    return parts !== undefined && !parts.data && parts.type === target.type;
  });
}

// ---------------------------------------------------------------------------------------------------------
// Security group rules

export interface IngressRule {
  owner: TfResource;
  /** `all`, `tcp`, `udp`, `icmp`, `icmpv6` or the written protocol; undefined when unknown. */
  protocol: string | undefined;
  from: number | undefined;
  to: number | undefined;
  /** Where the world-open CIDRs (`0.0.0.0/0`, `::/0`) are written. */
  open: Where[];
}

const WORLD_CIDRS = new Set(['0.0.0.0/0', '::/0']);

function protocolOf(value: TfValue | undefined): string | undefined {
  const text = lower(value);
  if (text === undefined) return undefined;
  const trimmed = text.trim();
  if (trimmed === '-1' || trimmed === 'all') return 'all';
  if (trimmed === '6') return 'tcp';
  if (trimmed === '17') return 'udp';
  if (trimmed === '1') return 'icmp';
  if (trimmed === '58') return 'icmpv6';
  return trimmed;
}

function isWorld(value: TfValue | undefined): boolean {
  return strings(value).values.some((cidr) => WORLD_CIDRS.has(cidr.trim()));
}

function ruleFromBlock(
  owner: TfResource,
  rule: TfBlock,
  cidrAttrs: string[],
  protocolAttr: string,
): IngressRule | undefined {
  const open: Where[] = [];
  for (const name of cidrAttrs) {
    const attribute = rule.attributes[name];
    if (attribute && isWorld(attribute.value)) open.push(atAttr(attribute));
  }
  if (open.length === 0) return undefined;
  return {
    owner,
    protocol: protocolOf(rule.attributes[protocolAttr]?.value),
    from: num(rule.attributes.from_port?.value),
    to: num(rule.attributes.to_port?.value),
    open,
  };
}

/** Ingress rules open to the whole internet, from security groups and the standalone rule resources. */
export function openIngressRules(project: TfProject): IngressRule[] {
  const out: IngressRule[] = [];
  const cidrAttrs = ['cidr_blocks', 'ipv6_cidr_blocks'];
  for (const group of ofTypes(project, 'aws_security_group', 'aws_default_security_group')) {
    for (const ingress of blocks(group.block, 'ingress')) {
      const rule = ruleFromBlock(group, ingress, cidrAttrs, 'protocol');
      if (rule) out.push(rule);
    }
    // `ingress = [{ ... }]` (attributes-as-blocks syntax).
    const list = group.block.attributes.ingress;
    if (list && Array.isArray(list.value)) {
      for (const item of list.value) {
        if (item === null || typeof item !== 'object' || Array.isArray(item)) continue;
        const entry = item as Record<string, TfValue>;
        if (!isWorld(entry.cidr_blocks) && !isWorld(entry.ipv6_cidr_blocks)) continue;
        out.push({
          owner: group,
          protocol: protocolOf(entry.protocol),
          from: num(entry.from_port),
          to: num(entry.to_port),
          open: [atAttr(list)],
        });
      }
    }
  }
  for (const resource of ofTypes(project, 'aws_security_group_rule')) {
    if (lower(resource.block.attributes.type?.value) !== 'ingress') continue;
    const rule = ruleFromBlock(resource, resource.block, cidrAttrs, 'protocol');
    if (rule) out.push(rule);
  }
  for (const resource of ofTypes(project, 'aws_vpc_security_group_ingress_rule')) {
    const rule = ruleFromBlock(resource, resource.block, ['cidr_ipv4', 'cidr_ipv6'], 'ip_protocol');
    if (rule) out.push(rule);
  }
  return out;
}

/** The rule allows every protocol, or every port of a protocol (0-65535, or -1 as some configurations write it). */
export function isAllTraffic(rule: IngressRule): boolean {
  if (rule.protocol === 'all') return true;
  if (rule.protocol !== 'tcp' && rule.protocol !== 'udp') return false;
  if (rule.from === -1 && rule.to === -1) return true;
  return rule.from !== undefined && rule.to !== undefined && rule.from <= 1 && rule.to >= 65535;
}

/** The rule opens `port` over TCP (rules open to all traffic are left to `iac/aws-sg-ingress-all-open`). */
export function opensTcpPort(rule: IngressRule, port: number): boolean {
  if (rule.protocol !== 'tcp' || isAllTraffic(rule)) return false;
  if (rule.from === undefined || rule.to === undefined) return false;
  return rule.from <= port && port <= rule.to;
}

// ---------------------------------------------------------------------------------------------------------
// IAM policy documents

export interface PolicyPrincipal {
  /** Anyone: `"*"`, `{"AWS": "*"}`, `principals { type = "*" }`. */
  wildcard: boolean;
  unknown: boolean;
}

export interface PolicyStatement {
  /** The resource that holds the statement (a policy resource or an `aws_iam_policy_document`). */
  owner: TfResource;
  /** `allow`, `deny`, or undefined when unknown. */
  effect: 'allow' | 'deny' | undefined;
  actions: Strings | undefined;
  notActions: boolean;
  resources: Strings | undefined;
  notResources: boolean;
  principal: PolicyPrincipal | undefined;
  notPrincipal: boolean;
  /** Conditions (keys lower-cased); undefined when some cannot be known. */
  conditions: PolicyCondition[] | undefined;
  at: { statement: Where; actions: Where; resources: Where; principal: Where };
}

export interface PolicyCondition {
  /** `StringEquals`, `ForAllValues:StringLike`, `ArnLikeIfExists`, ... */
  operator: string;
  /** Lower-cased condition key (`aws:sourcearn`). */
  key: string;
  values: Strings;
}

export interface PolicyDocs {
  statements: PolicyStatement[];
  /** Some part of the policy could not be read (unknown value, unparsable JSON, unresolved document). */
  unknown: boolean;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * A JSON-like tree with the file offsets of its parts: built from a policy's evaluated value (every part at
 * the attribute), from the HCL of `jsonencode({...})` or from the text of a JSON heredoc.
 */
type PNode =
  | { kind: 'object'; start: number; end: number; entries: PEntry[] }
  | { kind: 'array'; start: number; end: number; items: PNode[] }
  | { kind: 'value'; start: number; end: number; value: TfValue };

interface PEntry {
  key: string;
  start: number;
  end: number;
  value: PNode;
}

function plain(node: PNode): TfValue {
  if (node.kind === 'value') return node.value;
  if (node.kind === 'array') return node.items.map(plain);
  const out: Record<string, TfValue> = {};
  for (const entry of node.entries)
    Object.defineProperty(out, entry.key, {
      value: plain(entry.value),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  return out;
}

/** A tree from an evaluated value (JSON data or a Terraform object): every part at `[start, end)`. */
function treeOfValue(value: unknown, start: number, end: number): PNode {
  if (Array.isArray(value))
    return { kind: 'array', start, end, items: value.map((item) => treeOfValue(item, start, end)) };
  if (isRecord(value))
    return {
      kind: 'object',
      start,
      end,
      entries: Object.keys(value).map((key) => ({
        key,
        start,
        end,
        value: treeOfValue(value[key], start, end),
      })),
    };
  const scalar =
    value === UNKNOWN || value === null || ['string', 'number', 'boolean'].includes(typeof value)
      ? (value as TfValue)
      : null;
  return { kind: 'value', start, end, value: scalar };
}

/** Marks the place of an interpolation in a JSON template; strings holding it are UNKNOWN. */
const HOLE = '\uE000';

/** A small JSON reader that keeps offsets (mapped to file offsets by `at`); undefined on invalid JSON. */
function readJson(text: string, at: (index: number) => number): PNode | undefined {
  let i = 0;
  const fail = (): never => {
    throw new SyntaxError('json');
  };
  const space = (): void => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\n' || text[i] === '\r' || text[i] === '\t'))
      i++;
  };
  const string = (): string => {
    const begin = i;
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    if (i >= text.length) fail();
    i++;
    return JSON.parse(text.slice(begin, i).split('\n').join('\\n').split('\t').join('\\t')) as string;
  };
  const value = (depth: number): PNode => {
    if (depth > 100) fail();
    space();
    const begin = i;
    const ch = text[i];
    if (ch === '{') {
      i++;
      const entries: PEntry[] = [];
      space();
      if (text[i] === '}') i++;
      else
        for (;;) {
          space();
          if (text[i] !== '"') fail();
          const keyStart = i;
          const key = string();
          space();
          if (text[i] !== ':') fail();
          i++;
          const item = value(depth + 1);
          entries.push({ key, start: at(keyStart), end: at(i), value: item });
          space();
          if (text[i] === ',') {
            i++;
            space();
            if (text[i] !== '}') continue;
          }
          if (text[i] !== '}') fail();
          i++;
          break;
        }
      return {
        kind: 'object',
        start: at(begin),
        end: at(i),
        entries: entries.filter((e) => !e.key.includes(HOLE)),
      };
    }
    if (ch === '[') {
      i++;
      const items: PNode[] = [];
      space();
      if (text[i] === ']') i++;
      else
        for (;;) {
          items.push(value(depth + 1));
          space();
          if (text[i] === ',') {
            i++;
            space();
            if (text[i] !== ']') continue;
          }
          if (text[i] !== ']') fail();
          i++;
          break;
        }
      return { kind: 'array', start: at(begin), end: at(i), items };
    }
    if (ch === '"') {
      const s = string();
      return { kind: 'value', start: at(begin), end: at(i), value: s.includes(HOLE) ? UNKNOWN : s };
    }
    while (i < text.length && !' \n\r\t,]}'.includes(text[i]!)) i++;
    const word = text.slice(begin, i);
    if (word === 'true' || word === 'false')
      return { kind: 'value', start: at(begin), end: at(i), value: word === 'true' };
    if (word === 'null') return { kind: 'value', start: at(begin), end: at(i), value: null };
    if (word === '' || !Number.isFinite(Number(word))) fail();
    return { kind: 'value', start: at(begin), end: at(i), value: Number(word) };
  };
  try {
    const root = value(0);
    space();
    return i === text.length ? root : undefined;
  } catch {
    return undefined;
  }
}

/** File offsets of the characters of a template text part: same line as written, column clipped. */
function textOffsets(value: string, source: string, start: number, end: number, base: number): number[] {
  const lineStarts = [start];
  for (let k = start; k < end; k++) if (source.charCodeAt(k) === 10) lineStarts.push(k + 1);
  const out: number[] = new Array<number>(value.length);
  let line = 0;
  let column = 0;
  for (let k = 0; k < value.length; k++) {
    const lineStart = lineStarts[Math.min(line, lineStarts.length - 1)]!;
    const lineEnd = line + 1 < lineStarts.length ? lineStarts[line + 1]! - 1 : end;
    out[k] = base + Math.min(lineStart + column, Math.max(lineStart, lineEnd));
    if (value.charCodeAt(k) === 10) {
      line++;
      column = 0;
    } else column++;
  }
  return out;
}

/** A JSON tree from a string or heredoc template (interpolations become holes), with file offsets. */
function treeOfTemplate(expr: Expr, source: string, base: number): PNode | undefined {
  let text = '';
  const offsets: number[] = [];
  const heredoc = source.slice(expr.start, expr.start + 2) === '<<';
  if (expr.type === 'literal') {
    if (typeof expr.value !== 'string') return undefined;
    text = expr.value;
    if (heredoc) {
      const first = source.indexOf('\n', expr.start);
      offsets.push(...textOffsets(text, source, first + 1, expr.end, base));
    } else offsets.push(...new Array<number>(text.length).fill(base + expr.start));
  } else if (expr.type === 'template') {
    for (const part of expr.parts) {
      if (part.kind === 'text') {
        text += part.value;
        if (expr.heredoc) offsets.push(...textOffsets(part.value, source, part.start, part.end, base));
        else offsets.push(...new Array<number>(part.value.length).fill(base + part.start));
      } else if (part.kind === 'interp') {
        text += HOLE;
        offsets.push(base + part.start);
      } else return undefined;
    }
  } else return undefined;
  const at = (index: number): number => offsets[Math.min(index, offsets.length - 1)] ?? base + expr.start;
  return readJson(text, at);
}

/** A JSON tree from the HCL of a `jsonencode` argument: literal parts are kept, anything else is UNKNOWN. */
function treeOfHcl(expr: Expr, base: number): PNode {
  const start = base + expr.start;
  const end = base + expr.end;
  switch (expr.type) {
    case 'paren':
      return treeOfHcl(expr.expr, base);
    case 'literal':
      return { kind: 'value', start, end, value: expr.value };
    case 'template': {
      const texts = expr.parts.every((p) => p.kind === 'text');
      return {
        kind: 'value',
        start,
        end,
        value: texts ? expr.parts.map((p) => (p.kind === 'text' ? p.value : '')).join('') : UNKNOWN,
      };
    }
    case 'tuple':
      return { kind: 'array', start, end, items: expr.items.map((item) => treeOfHcl(item, base)) };
    case 'object': {
      const entries: PEntry[] = [];
      for (const item of expr.items) {
        const key = item.key.type === 'paren' ? item.key.expr : item.key;
        const name = treeOfHcl(key, base);
        if (name.kind !== 'value' || typeof name.value !== 'string') continue;
        entries.push({
          key: name.value,
          start: base + item.start,
          end: base + item.end,
          value: treeOfHcl(item.value, base),
        });
      }
      return { kind: 'object', start, end, entries };
    }
    default:
      return { kind: 'value', start, end, value: UNKNOWN };
  }
}

/** The located tree of a policy attribute's source (`jsonencode({...})`, heredoc or string), if readable. */
function treeOfSource(attribute: TfAttribute): PNode | undefined {
  const source = attribute.source;
  if (!source.includes('Statement')) return undefined;
  const { expr, errors } = parseHclExpression(source);
  if (!expr || errors.length > 0) return undefined;
  const base = attribute.range.end - source.length;
  let inner = expr;
  while (inner.type === 'paren') inner = inner.expr;
  if (inner.type === 'call' && inner.name === 'jsonencode' && inner.args.length === 1 && !inner.expand)
    return treeOfHcl(inner.args[0]!, base);
  if (inner.type === 'literal' || inner.type === 'template') return treeOfTemplate(inner, source, base);
  return undefined;
}

/** `*`, or an ARN whose account is a wildcard (`arn:aws:iam::*:root`, `arn:aws:iam::*:role/x`). */
function isAnyAccount(id: string): boolean {
  const text = id.trim();
  if (text === '*') return true;
  if (!text.startsWith('arn:')) return false;
  const account = text.split(':')[4];
  return account === '*';
}

function principalOf(value: TfValue): PolicyPrincipal {
  if (value === UNKNOWN) return { wildcard: false, unknown: true };
  if (typeof value === 'string' || Array.isArray(value)) {
    const list = strings(value);
    return { wildcard: list.values.some((id) => id.trim() === '*'), unknown: list.unknown };
  }
  if (!isRecord(value)) return { wildcard: false, unknown: false };
  const out: PolicyPrincipal = { wildcard: false, unknown: false };
  for (const [type, ids] of Object.entries(value)) {
    const list = strings(ids);
    if (list.unknown) out.unknown = true;
    if (type === 'AWS' && list.values.some(isAnyAccount)) out.wildcard = true;
  }
  return out;
}

function conditionsOf(value: TfValue | undefined): PolicyCondition[] | undefined {
  if (value === undefined || value === null) return [];
  if (!isRecord(value)) return undefined;
  const out: PolicyCondition[] = [];
  for (const [operator, entries] of Object.entries(value)) {
    if (!isRecord(entries)) return undefined;
    for (const [key, values] of Object.entries(entries))
      out.push({ operator, key: key.toLowerCase(), values: strings(values) });
  }
  return out;
}

function effectOf(value: unknown, fallback: 'allow' | undefined): 'allow' | 'deny' | undefined {
  if (value === undefined) return fallback;
  if (typeof value !== 'string') return undefined;
  const text = value.trim().toLowerCase();
  return text === 'allow' ? 'allow' : text === 'deny' ? 'deny' : undefined;
}

/** The statements of a policy tree; `located` trees give each statement's keys their own place. */
function statementsOfTree(owner: TfResource, root: PNode, fallback: Where, located: boolean): PolicyDocs {
  if (root.kind !== 'object') return { statements: [], unknown: true };
  const entry = root.entries.find((e) => e.key === 'Statement');
  if (!entry) return { statements: [], unknown: false };
  const list = entry.value.kind === 'array' ? entry.value.items : [entry.value];
  const out: PolicyDocs = { statements: [], unknown: false };
  for (const node of list) {
    if (node.kind !== 'object') {
      out.unknown = true;
      continue;
    }
    const get = (key: string): PEntry | undefined => node.entries.find((e) => e.key === key);
    const here = (key: string): Where => {
      const e = get(key);
      if (!located) return fallback;
      return e
        ? { path: fallback.path, start: e.start, end: e.end }
        : { path: fallback.path, start: node.start, end: node.start + 1 };
    };
    const value = (key: string): TfValue | undefined => {
      const e = get(key);
      return e ? plain(e.value) : undefined;
    };
    const action = value('Action');
    const resource = value('Resource');
    const principal = value('Principal');
    out.statements.push({
      owner,
      effect: effectOf(value('Effect'), undefined),
      actions: action === undefined ? undefined : strings(action),
      notActions: get('NotAction') !== undefined,
      resources: resource === undefined ? undefined : strings(resource),
      notResources: get('NotResource') !== undefined,
      principal: principal === undefined ? undefined : principalOf(principal),
      notPrincipal: get('NotPrincipal') !== undefined,
      conditions: conditionsOf(value('Condition')),
      at: {
        statement: located ? { path: fallback.path, start: node.start, end: node.start + 1 } : fallback,
        actions: here(get('NotAction') ? 'NotAction' : 'Action'),
        resources: here('Resource'),
        principal: here('Principal'),
      },
    });
  }
  return out;
}

/**
 * An inline policy (JSON string, heredoc or `jsonencode`): values come from the evaluated attribute when it
 * is known, else from the literal parts of the source; places come from the source when it can be read.
 */
function inlinePolicy(owner: TfResource, attribute: TfAttribute): PolicyDocs {
  const fallback = atAttr(attribute);
  const value = attribute.value;
  let evaluated: PNode | undefined;
  if (typeof value === 'string') {
    if (value.trim() === '') return { statements: [], unknown: false };
    try {
      evaluated = treeOfValue(JSON.parse(value), fallback.start, fallback.end);
    } catch {
      // Not strict JSON (a trailing comma, say): the source reader below is more tolerant.
    }
  } else if (isRecord(value)) evaluated = treeOfValue(value, fallback.start, fallback.end);
  else if (value !== UNKNOWN) return { statements: [], unknown: false };
  const source = treeOfSource(attribute);
  const located = source ? statementsOfTree(owner, source, fallback, true) : undefined;
  if (!evaluated) {
    if (!located) return { statements: [], unknown: true };
    // A known string read from its own source is complete; an unknown one has holes.
    return { ...located, unknown: located.unknown || value === UNKNOWN };
  }
  const docs = statementsOfTree(owner, evaluated, fallback, false);
  if (located && located.statements.length === docs.statements.length)
    docs.statements.forEach((statement, i) => (statement.at = located.statements[i]!.at));
  return docs;
}

function statementsOfData(document: TfResource): PolicyStatement[] {
  const out: PolicyStatement[] = [];
  for (const statement of blocks(document.block, 'statement')) {
    const a = statement.attributes;
    let principal: PolicyPrincipal | undefined;
    let principalAt = atBlock(statement);
    for (const p of blocks(statement, 'principals')) {
      principal ??= { wildcard: false, unknown: false };
      const type = p.attributes.type?.value;
      const ids = strings(p.attributes.identifiers?.value);
      if (type === UNKNOWN || ids.unknown || !p.attributes.type || !p.attributes.identifiers)
        principal.unknown = true;
      if (
        (type === '*' && ids.values.some((id) => id.trim() === '*')) ||
        (type === 'AWS' && ids.values.some(isAnyAccount))
      ) {
        if (!principal.wildcard)
          principalAt = p.attributes.identifiers ? atAttr(p.attributes.identifiers) : atBlock(p);
        principal.wildcard = true;
      }
    }
    let conditions: PolicyCondition[] | undefined = [];
    for (const condition of blocks(statement, 'condition')) {
      const variable = condition.attributes.variable?.value;
      const test = condition.attributes.test?.value;
      if (typeof variable !== 'string' || typeof test !== 'string') conditions = undefined;
      else
        conditions?.push({
          operator: test,
          key: variable.toLowerCase(),
          values: strings(condition.attributes.values?.value),
        });
    }
    const effect = a.effect?.value;
    out.push({
      owner: document,
      effect: effect === UNKNOWN ? undefined : effectOf(effect ?? undefined, 'allow'),
      actions: a.actions ? strings(a.actions.value) : undefined,
      notActions: a.not_actions !== undefined,
      resources: a.resources ? strings(a.resources.value) : undefined,
      notResources: a.not_resources !== undefined,
      principal,
      notPrincipal: blocks(statement, 'not_principals').length > 0,
      conditions,
      at: {
        statement: atBlock(statement),
        actions: a.actions ? atAttr(a.actions) : a.not_actions ? atAttr(a.not_actions) : atBlock(statement),
        resources: a.resources ? atAttr(a.resources) : atBlock(statement),
        principal: principalAt,
      },
    });
  }
  return out;
}

const POLICY_DOCUMENT = 'aws_iam_policy_document';
const INCLUDE_ATTRS = [
  'source_policy_documents',
  'override_policy_documents',
  'source_json',
  'override_json',
];

function dataDocumentRefs(attribute: TfAttribute): string[] {
  return attribute.references.filter((ref) => {
    const parts = addressParts(ref);
    return parts !== undefined && parts.data && parts.type === POLICY_DOCUMENT;
  });
}

function findResource(project: TfProject, address: string): TfResource | undefined {
  return project.resources.find((r) => r.address === address);
}

/** Statements of an `aws_iam_policy_document`, with the documents it includes. */
function dataDocument(project: TfProject, document: TfResource, visited: Set<TfResource>): PolicyDocs {
  const out: PolicyDocs = { statements: statementsOfData(document), unknown: false };
  visited.add(document);
  for (const name of INCLUDE_ATTRS) {
    const attribute = document.block.attributes[name];
    if (!attribute) continue;
    const refs = dataDocumentRefs(attribute);
    if (refs.length === 0 && hasUnknown(attribute.value)) out.unknown = true;
    for (const ref of refs) {
      const included = findResource(project, ref);
      if (!included) out.unknown = true;
      else if (!visited.has(included)) {
        const nested = dataDocument(project, included, visited);
        out.statements.push(...nested.statements);
        out.unknown ||= nested.unknown;
      }
    }
  }
  return out;
}

/**
 * The policy an attribute holds: the `aws_iam_policy_document` data sources it refers to (statements located
 * in the data source), or inline JSON / `jsonencode(...)` (statements located in the attribute).
 */
export function policyOf(
  project: TfProject,
  owner: TfResource,
  attribute: TfAttribute | undefined,
): PolicyDocs {
  if (!attribute) return { statements: [], unknown: false };
  const refs = dataDocumentRefs(attribute);
  if (refs.length === 0) return inlinePolicy(owner, attribute);
  const out: PolicyDocs = { statements: [], unknown: false };
  for (const ref of refs) {
    const document = findResource(project, ref);
    if (!document) {
      out.unknown = true;
      continue;
    }
    const docs = dataDocument(project, document, new Set());
    out.statements.push(...docs.statements);
    out.unknown ||= docs.unknown;
  }
  return out;
}

/** Condition keys that do not limit who can use a statement. */
const NON_LIMITING_CONDITION_KEYS = new Set([
  'aws:securetransport',
  's3:tlsversion',
  'aws:currenttime',
  'aws:epochtime',
  'aws:requestedregion',
  'aws:useragent',
]);

/**
 * Whether a condition limits who can use a statement. Not limiting: keys about the transport or the time,
 * `ForAllValues:` and `...IfExists` operators (true when the request lacks the key, as anonymous requests
 * do), and values that are wildcards (`*`, `arn:aws:iam::*`).
 */
function isLimitingCondition(condition: PolicyCondition): boolean {
  if (NON_LIMITING_CONDITION_KEYS.has(condition.key)) return false;
  const operator = condition.operator.toLowerCase();
  if (operator.startsWith('forallvalues:') || operator.endsWith('ifexists')) return false;
  const { values, unknown } = condition.values;
  if (!unknown && values.length > 0 && values.every(isAnyAccount)) return false;
  return true;
}

/** An `Allow` statement for any principal with no condition that limits who (unknown parts never match). */
export function isPublicStatement(statement: PolicyStatement): boolean {
  if (statement.effect !== 'allow' || statement.notPrincipal) return false;
  if (!statement.principal?.wildcard) return false;
  if (statement.conditions === undefined) return false;
  return !statement.conditions.some(isLimitingCondition);
}

const IDENTITY_POLICY_TYPES = [
  'aws_iam_policy',
  'aws_iam_role_policy',
  'aws_iam_user_policy',
  'aws_iam_group_policy',
];

/** Whether attribute `name` of `block` in `consumer` grants a policy to an IAM principal. */
function isIdentityUse(consumer: TfResource, block: TfBlock, name: string): boolean {
  if (consumer.type === 'aws_ssoadmin_permission_set_inline_policy') return name === 'inline_policy';
  if (name !== 'policy') return false;
  if (block === consumer.block) return IDENTITY_POLICY_TYPES.includes(consumer.type);
  return consumer.type === 'aws_iam_role' && block.type === 'inline_policy';
}

/** How a policy document is used: `identity` (granted to a principal), `other` (resource policy, SCP, trust) or `none`. */
function documentUse(
  project: TfProject,
  document: TfResource,
  visited: Set<TfResource>,
): 'identity' | 'other' | 'none' {
  visited.add(document);
  let use: 'identity' | 'other' | 'none' = 'none';
  for (const consumer of project.referencing(document).filter(exists)) {
    const visit = (block: TfBlock): void => {
      for (const [name, attribute] of Object.entries(block.attributes)) {
        if (!refersTo(attribute, document)) continue;
        if (consumer.mode === 'data' && consumer.type === POLICY_DOCUMENT) {
          if (visited.has(consumer)) continue;
          const nested = documentUse(project, consumer, visited);
          if (nested !== 'other') use = 'identity';
          else if (use === 'none') use = 'other';
        } else if (isIdentityUse(consumer, block, name)) use = 'identity';
        else if (use === 'none') use = 'other';
      }
      for (const nested of block.blocks) visit(nested);
    };
    visit(consumer.block);
  }
  return use;
}

/**
 * Statements granted to IAM principals: the inline policies of IAM policy resources and role `inline_policy`
 * blocks, and the statements without principals of `aws_iam_policy_document` data sources that are not used
 * only as resource, trust or organization policies. A document is read once, where it is written.
 */
export function identityStatements(project: TfProject): PolicyStatement[] {
  const out: PolicyStatement[] = [];
  const inline = (owner: TfResource, attribute: TfAttribute | undefined): void => {
    if (!attribute || dataDocumentRefs(attribute).length > 0) return;
    out.push(...inlinePolicy(owner, attribute).statements);
  };
  for (const owner of ofTypes(project, ...IDENTITY_POLICY_TYPES))
    inline(owner, owner.block.attributes.policy);
  for (const owner of ofTypes(project, 'aws_ssoadmin_permission_set_inline_policy'))
    inline(owner, owner.block.attributes.inline_policy);
  for (const role of ofTypes(project, 'aws_iam_role')) {
    for (const policy of blocks(role.block, 'inline_policy')) inline(role, policy.attributes.policy);
  }
  for (const document of project.resources) {
    if (document.mode !== 'data' || document.type !== POLICY_DOCUMENT || !exists(document)) continue;
    if (documentUse(project, document, new Set()) === 'other') continue;
    out.push(...statementsOfData(document).filter((s) => s.principal === undefined && !s.notPrincipal));
  }
  return out;
}

/** A glob match of an IAM action pattern (`iam:Pass*`) against an action, case-insensitive. */
export function actionMatches(pattern: string, action: string): boolean {
  const p = pattern.toLowerCase();
  const a = action.toLowerCase();
  // Iterative wildcard matching (`*` and `?`) without regular expressions.
  let pi = 0;
  let ai = 0;
  let star = -1;
  let mark = 0;
  while (ai < a.length) {
    if (pi < p.length && (p[pi] === '?' || p[pi] === a[ai])) {
      pi++;
      ai++;
    } else if (pi < p.length && p[pi] === '*') {
      star = pi++;
      mark = ai;
    } else if (star !== -1) {
      pi = star + 1;
      ai = ++mark;
    } else return false;
  }
  while (pi < p.length && p[pi] === '*') pi++;
  return pi === p.length;
}

/** An `Allow` statement whose resources include `*`. */
export function allowsOnAnyResource(statement: PolicyStatement): boolean {
  return (
    statement.effect === 'allow' &&
    !statement.notResources &&
    statement.resources !== undefined &&
    statement.resources.values.some((r) => r.trim() === '*')
  );
}

/** Whether an action is the full wildcard (`*`, `*:*`). */
export function isStarAction(action: string): boolean {
  const a = action.trim();
  return a === '*' || a === '*:*';
}

// ---------------------------------------------------------------------------------------------------------
// S3 buckets and their split resources

/** Whether two link attributes (`bucket = ...`) name the same thing: an equal literal or a shared reference. */
function sameTarget(
  a: { owner: TfResource; attribute: TfAttribute | undefined },
  b: { owner: TfResource; attribute: TfAttribute | undefined },
): boolean {
  if (!a.attribute || !b.attribute) return false;
  if (typeof a.attribute.value === 'string' && a.attribute.value === b.attribute.value) return true;
  const refs = new Set(a.attribute.references);
  return b.attribute.references.some((ref) => refs.has(ref));
}

/** The `aws_s3_bucket` resources a resource's link attribute (`bucket`) names. */
export function bucketsOf(project: TfProject, owner: TfResource, linkAttr = 'bucket'): TfResource[] {
  const link = owner.block.attributes[linkAttr];
  if (!link) return [];
  const buckets = project.ofType('aws_s3_bucket');
  // A reference names its bucket exactly; the name it evaluates to may be shared by other buckets.
  const referenced = buckets.filter((bucket) => refersTo(link, bucket));
  if (referenced.length > 0) return referenced;
  return buckets.filter(
    (bucket) => typeof link.value === 'string' && link.value === bucket.block.attributes.bucket?.value,
  );
}

/**
 * Whether S3 Block Public Access setting `flag` is known to be on for the bucket a resource configures (its
 * own link attribute `bucket`), at bucket level or account level.
 */
export function publicAccessBlocked(project: TfProject, owner: TfResource, flag: string): boolean {
  for (const account of ofTypes(project, 'aws_s3_account_public_access_block')) {
    if (isTrueValue(account.block.attributes[flag]?.value)) return true;
  }
  const buckets = owner.type === 'aws_s3_bucket' ? [owner] : bucketsOf(project, owner);
  for (const block of ofTypes(project, 'aws_s3_bucket_public_access_block')) {
    if (!isTrueValue(block.block.attributes[flag]?.value)) continue;
    const link = block.block.attributes.bucket;
    if (
      buckets.some((bucket) =>
        linked(project, bucket, block.type, 'bucket', 'bucket').resources.includes(block),
      )
    )
      return true;
    if (
      owner.type !== 'aws_s3_bucket' &&
      sameTarget({ owner, attribute: owner.block.attributes.bucket }, { owner: block, attribute: link })
    )
      return true;
  }
  return false;
}

function isTrueValue(value: TfValue | undefined): boolean {
  return value === true || value === 'true';
}

// ---------------------------------------------------------------------------------------------------------
// Common shapes of checks

/**
 * Reports a boolean setting that must be on: on the attribute when it is `false`, on `parent` (a nested block
 * or the resource) when it is missing, on the resource when `parent` is missing. Unknown values never report.
 */
export function requireTrue(
  report: IacReport,
  resource: TfResource,
  parent: TfBlock | undefined,
  name: string,
  message?: string,
): boolean {
  if (!parent) {
    emit(report, resource.address, atResource(resource), message);
    return true;
  }
  const attribute = parent.attributes[name];
  if (!attribute) {
    emit(report, resource.address, atBlock(parent), message);
    return true;
  }
  if (attribute.value === false || attribute.value === 'false') {
    emit(report, resource.address, atAttr(attribute), message);
    return true;
  }
  return false;
}

/** Reports a boolean setting written as `true` (absent, false and unknown values are fine). */
export function forbidTrue(
  report: IacReport,
  resource: TfResource,
  parent: TfBlock | undefined,
  name: string,
  message?: string,
): boolean {
  const attribute = parent?.attributes[name];
  if (attribute && (attribute.value === true || attribute.value === 'true')) {
    emit(report, resource.address, atAttr(attribute), message);
    return true;
  }
  return false;
}

/** Reports a setting that must be written (any value but `null`): on the resource (or `parent`) when missing. */
export function requirePresent(
  report: IacReport,
  resource: TfResource,
  parent: TfBlock | undefined,
  name: string,
  message?: string,
): boolean {
  const attribute = parent?.attributes[name];
  if (attribute && attribute.value !== null) return false;
  emit(
    report,
    resource.address,
    attribute ? atAttr(attribute) : parent ? atBlock(parent) : atResource(resource),
    message,
  );
  return true;
}

/** Whether the project turns on EBS encryption by default (then volumes are encrypted whatever they say). */
export function encryptionByDefault(project: TfProject): boolean {
  return project
    .ofType('aws_ebs_encryption_by_default')
    .some((setting) => trueOrUnknown(setting.block.attributes.enabled?.value ?? true));
}

// ---------------------------------------------------------------------------------------------------------
// Secrets in text

const KEY_ID_PREFIXES = ['AKIA', 'ASIA', 'ABIA', 'ACCA'];

function isKeyIdChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90);
}

/** An AWS access key ID (`AKIA` + 16 upper-case letters or digits, not AWS's documentation example). */
export function findAccessKeyId(text: string): string | undefined {
  for (const prefix of KEY_ID_PREFIXES) {
    let from = 0;
    for (;;) {
      const at = text.indexOf(prefix, from);
      if (at < 0) break;
      from = at + 1;
      if (at > 0 && isKeyIdChar(text.charCodeAt(at - 1))) continue;
      let end = at + 4;
      while (end < text.length && isKeyIdChar(text.charCodeAt(end))) end++;
      if (end - at !== 20) continue;
      const key = text.slice(at, end);
      if (key.endsWith('EXAMPLE')) continue;
      return key;
    }
  }
  return undefined;
}

/** The base64 decoding of a value that looks like base64 (for `user_data_base64`). */
function decodeBase64(text: string): string | undefined {
  const compact = text.split('\n').join('').split('\r').join('').trim();
  if (compact.length < 16 || compact.length % 4 !== 0) return undefined;
  for (let i = 0; i < compact.length; i++) {
    const c = compact.charCodeAt(i);
    const ok = isKeyIdChar(c) || (c >= 97 && c <= 122) || c === 43 || c === 47 || c === 61;
    if (!ok) return undefined;
  }
  return Buffer.from(compact, 'base64').toString('utf8');
}

/** Whether `text` assigns a 40-character secret access key (`aws_secret_access_key = ...`, `AWS_SECRET_ACCESS_KEY=...`). */
function findSecretKeyAssignment(text: string): boolean {
  const lowerText = text.toLowerCase();
  let from = 0;
  for (;;) {
    const at = lowerText.indexOf('aws_secret_access_key', from);
    if (at < 0) return false;
    from = at + 1;
    let i = at + 'aws_secret_access_key'.length;
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '"' || text[i] === "'"))
      i++;
    if (text[i] !== '=' && text[i] !== ':') continue;
    i++;
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '"' || text[i] === "'"))
      i++;
    let end = i;
    while (end < text.length && /[A-Za-z0-9/+]/.test(text[end]!)) end++;
    if (end - i === 40) return true;
  }
}

/** Describes the AWS credential found in a text (or its base64 decoding), if any. */
export function findAwsSecret(text: string): string | undefined {
  for (const candidate of [text, decodeBase64(text)]) {
    if (candidate === undefined) continue;
    const keyId = findAccessKeyId(candidate);
    if (keyId) return `an AWS access key ID (${keyId.slice(0, 8)}...)`;
    if (findSecretKeyAssignment(candidate)) return 'an AWS secret access key';
  }
  return undefined;
}

/** Where the entry `key` of an object attribute (`variables = { KEY = ... }`) is written, if it is a literal key. */
export function objectEntryAt(attribute: TfAttribute, key: string): Where | undefined {
  const { expr } = parseHclExpression(attribute.source);
  let inner = expr;
  while (inner?.type === 'paren') inner = inner.expr;
  if (inner?.type !== 'object') return undefined;
  const base = attribute.range.end - attribute.source.length;
  for (const item of inner.items) {
    const k = item.key.type === 'paren' ? item.key.expr : item.key;
    const name =
      k.type === 'literal'
        ? k.value
        : k.type === 'template' && k.parts.length === 1 && k.parts[0]!.kind === 'text'
          ? k.parts[0]!.value
          : undefined;
    if (name === key) return { path: attribute.path, start: base + item.start, end: base + item.end };
  }
  return undefined;
}

/**
 * `requireTrue` for a setting inside a nested block (`'point_in_time_recovery.enabled'`), written either as a
 * block or, in old HCL, as an object attribute (`point_in_time_recovery = { enabled = true }`).
 */
export function requireTrueAt(
  report: IacReport,
  resource: TfResource,
  dotted: string,
  message?: string,
): boolean {
  const dot = dotted.lastIndexOf('.');
  const parentName = dotted.slice(0, dot);
  const name = dotted.slice(dot + 1);
  const parentAttribute = resource.block.attributes[parentName];
  if (parentAttribute && !resource.block.blocks.some((b) => b.type === parentName)) {
    let value = parentAttribute.value;
    if (Array.isArray(value)) value = value[0] ?? null;
    if (value === UNKNOWN) return false;
    const setting =
      value !== null && typeof value === 'object' && !Array.isArray(value)
        ? (value as Record<string, TfValue>)[name]
        : undefined;
    if (setting === true || setting === 'true' || setting === UNKNOWN) return false;
    emit(report, resource.address, atAttr(parentAttribute), message);
    return true;
  }
  return requireTrue(
    report,
    resource,
    resource.block.blocks.find((b) => b.type === parentName),
    name,
    message,
  );
}
