/**
 * The GitHub Actions document model: a workflow (`.github/workflows/*.yml`) or a composite action
 * (`action.yml`), with its triggers, jobs and steps, and paths into the YAML for exact positions.
 */
import type { IacReport } from '../../check.js';
import { asArray, asRecord, type YamlDocument } from '../../yaml/load.js';
import { expressionsAt, taintOf, Taint, type Classifier } from './expressions.js';
import type { BuildResult } from './yaml-files.js';

export type Path = readonly (string | number)[];

export interface GhaStep {
  /** 0-based index in the job's `steps`. */
  index: number;
  path: Path;
  value: Record<string, unknown>;
  uses: string | undefined;
  run: string | undefined;
  with: Record<string, unknown>;
  env: Record<string, unknown>;
  /** `job build step "Checkout"`, `action step 2`. */
  label: string;
}

export interface GhaJob {
  /** The job id; `''` for the steps of a composite action. */
  id: string;
  path: Path;
  value: Record<string, unknown>;
  env: Record<string, unknown>;
  steps: GhaStep[];
  /** `job build`, or `action` for a composite action. */
  label: string;
}

export interface GhaDoc {
  kind: 'workflow' | 'action';
  file: YamlDocument;
  path: string;
  root: Record<string, unknown>;
  /** Path of the trigger node: `['on']`, or `['true']` when YAML 1.1 read the `on` key as a boolean. */
  onPath: Path | undefined;
  /** Trigger event names, lowercased, in source order. */
  triggers: string[];
  /** Workflow-level `env` (empty for actions). */
  env: Record<string, unknown>;
  jobs: GhaJob[];
  /** Declared inputs (lowercased name → type; `string` when untyped): dispatch/call inputs or action inputs. */
  inputs: Map<string, string>;
}

/** Whether a path is a workflow file: directly under a `.github/workflows/` folder. */
export function isWorkflowPath(path: string): boolean {
  const normalized = path.split('\\').join('/');
  const at = normalized.lastIndexOf('.github/workflows/');
  if (at < 0 || (at > 0 && normalized[at - 1] !== '/')) return false;
  const name = normalized.slice(at + '.github/workflows/'.length);
  return !name.includes('/') && (name.endsWith('.yml') || name.endsWith('.yaml'));
}

/** Whether a path is an action metadata file (`action.yml` / `action.yaml`). */
export function isActionPath(path: string): boolean {
  const name = path.slice(path.split('\\').join('/').lastIndexOf('/') + 1);
  return name === 'action.yml' || name === 'action.yaml';
}

/** The value at a path of plain data (undefined when missing). */
export function valueAt(root: unknown, path: Path): unknown {
  let current: unknown = root;
  for (const key of path) {
    if (typeof key === 'number') current = Array.isArray(current) ? (current as unknown[])[key] : undefined;
    else current = asRecord(current)?.[key];
    if (current === undefined) return undefined;
  }
  return current;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function stepLabel(owner: string, index: number, value: Record<string, unknown>): string {
  const name = str(value.name) ?? str(value.id);
  return name !== undefined && !name.includes('${{')
    ? `${owner} step "${name}"`
    : `${owner} step ${index + 1}`;
}

function stepsOf(owner: string, path: Path, steps: unknown): GhaStep[] {
  const out: GhaStep[] = [];
  asArray(steps).forEach((item, index) => {
    const value = asRecord(item);
    if (!value) return;
    out.push({
      index,
      path: [...path, index],
      value,
      uses: str(value.uses)?.trim(),
      run: str(value.run),
      with: asRecord(value.with) ?? {},
      env: asRecord(value.env) ?? {},
      label: stepLabel(owner, index, value),
    });
  });
  return out;
}

function triggersOf(on: unknown): string[] {
  if (typeof on === 'string') return [on.trim().toLowerCase()];
  if (Array.isArray(on))
    return on.filter((t): t is string => typeof t === 'string').map((t) => t.trim().toLowerCase());
  const map = asRecord(on);
  return map ? Object.keys(map).map((t) => t.toLowerCase()) : [];
}

function inputsOf(declared: unknown, into: Map<string, string>, forceString: boolean): void {
  const map = asRecord(declared);
  if (!map) return;
  for (const [name, spec] of Object.entries(map)) {
    const type = forceString ? 'string' : (str(asRecord(spec)?.type)?.toLowerCase() ?? 'string');
    const key = name.toLowerCase();
    if (into.get(key) !== 'string') into.set(key, type);
  }
}

/** Reads one YAML document as a workflow or composite action. */
export function buildGhaDoc(file: YamlDocument): BuildResult<GhaDoc> {
  const workflowPath = isWorkflowPath(file.path);
  const root = asRecord(file.value);
  if (!root)
    return workflowPath
      ? { warning: 'Not a GitHub Actions workflow: the top level is not a mapping' }
      : undefined;
  const onKey = 'on' in root ? 'on' : 'true' in root ? 'true' : undefined;
  if (onKey !== undefined || 'jobs' in root) {
    const on = onKey === undefined ? undefined : root[onKey];
    const inputs = new Map<string, string>();
    const onMap = asRecord(on);
    inputsOf(asRecord(onMap?.workflow_dispatch)?.inputs, inputs, false);
    inputsOf(asRecord(onMap?.workflow_call)?.inputs, inputs, false);
    const jobs: GhaJob[] = [];
    for (const [id, raw] of Object.entries(asRecord(root.jobs) ?? {})) {
      const value = asRecord(raw);
      if (!value) continue;
      const label = `job ${id}`;
      jobs.push({
        id,
        path: ['jobs', id],
        value,
        env: asRecord(value.env) ?? {},
        steps: stepsOf(label, ['jobs', id, 'steps'], value.steps),
        label,
      });
    }
    return {
      doc: {
        kind: 'workflow',
        file,
        path: file.path,
        root,
        onPath: onKey === undefined ? undefined : [onKey],
        triggers: triggersOf(on),
        env: asRecord(root.env) ?? {},
        jobs,
        inputs,
      },
    };
  }
  const runs = asRecord(root.runs);
  if (runs && !workflowPath) {
    const inputs = new Map<string, string>();
    inputsOf(root.inputs, inputs, true);
    const steps = stepsOf('action', ['runs', 'steps'], runs.steps);
    const job: GhaJob = { id: '', path: ['runs'], value: runs, env: {}, steps, label: 'action' };
    return {
      doc: {
        kind: 'action',
        file,
        path: file.path,
        root,
        onPath: undefined,
        triggers: [],
        env: {},
        jobs: [job],
        inputs,
      },
    };
  }
  return workflowPath
    ? { warning: 'Not a GitHub Actions workflow: it has neither `on` nor `jobs`' }
    : undefined;
}

/** Whether the workflow has any of the triggers. */
export function hasTrigger(doc: GhaDoc, names: readonly string[]): boolean {
  return doc.triggers.some((t) => names.includes(t));
}

/** Reports at the node at `path` (its key with `key: true`). */
export function reportAt(
  doc: GhaDoc,
  report: IacReport,
  path: Path,
  details: { key?: boolean; resource?: string; message?: string } = {},
): void {
  const { start, end } = doc.file.locate(path, details.key ? { key: true } : undefined);
  report({
    path: doc.path,
    start,
    end,
    ...(details.resource !== undefined && { resource: details.resource }),
    ...(details.message !== undefined && { message: details.message }),
  });
}

/** Env scopes visible to a step, innermost first (step, job, workflow). */
function envScopes(doc: GhaDoc, job: GhaJob | undefined, step: GhaStep | undefined): Path[] {
  const scopes: Path[] = [];
  if (step) scopes.push([...step.path, 'env']);
  if (job && doc.kind === 'workflow') scopes.push([...job.path, 'env']);
  if (doc.kind === 'workflow') scopes.push(['env']);
  return scopes;
}

/** Whether the string at `path` contains an expression whose value is attacker text. */
export function holdsTainted(doc: GhaDoc, path: Path, classify: Classifier): boolean {
  return expressionsAt(doc.file, path).some((e) => taintOf(e.inner, classify) === Taint.Value);
}

/**
 * A classifier that also follows `env.NAME` to the env variable visible to the step, and judges it by the
 * expressions in its value.
 */
export function withEnv(
  doc: GhaDoc,
  job: GhaJob | undefined,
  step: GhaStep | undefined,
  base: Classifier,
): Classifier {
  const scopes = envScopes(doc, job, step);
  return (segments) => {
    if (segments[0] !== 'env' || segments.length !== 2) return base(segments);
    const name = segments[1];
    for (const scope of scopes) {
      const env = asRecord(valueAt(doc.root, scope));
      if (!env) continue;
      const key = Object.keys(env).find((k) => k.toLowerCase() === name);
      if (key === undefined) continue;
      return holdsTainted(doc, [...scope, key], base) ? Taint.Value : Taint.None;
    }
    return Taint.None;
  };
}

/** Names of the env variables visible to a step whose values carry attacker text (innermost definition wins). */
export function taintedEnvNames(
  doc: GhaDoc,
  job: GhaJob | undefined,
  step: GhaStep | undefined,
  base: Classifier,
): Set<string> {
  const seen = new Set<string>();
  const tainted = new Set<string>();
  for (const scope of envScopes(doc, job, step)) {
    const env = asRecord(valueAt(doc.root, scope));
    if (!env) continue;
    for (const key of Object.keys(env)) {
      if (seen.has(key)) continue;
      seen.add(key);
      if (holdsTainted(doc, [...scope, key], base)) tainted.add(key);
    }
  }
  return tainted;
}

/** The effective `permissions` of a job: its own, else the workflow's; undefined when neither sets them. */
export function effectivePermissions(doc: GhaDoc, job: GhaJob): { value: unknown; path: Path } | undefined {
  if ('permissions' in job.value) return { value: job.value.permissions, path: [...job.path, 'permissions'] };
  if ('permissions' in doc.root) return { value: doc.root.permissions, path: ['permissions'] };
  return undefined;
}

/** The `uses:` of a step, split into its parts. */
export interface UsesRef {
  kind: 'local' | 'docker' | 'remote' | 'unknown';
  /** `owner/repo[/path]` for remote actions, the image for docker. */
  name: string;
  /** The part after `@` (remote), undefined when absent. */
  ref: string | undefined;
  /** Owned by GitHub (`actions/*`, `github/*`). */
  firstParty: boolean;
  /** Pinned to a full commit SHA (remote) or an image digest (docker). */
  pinned: boolean;
}

const FIRST_PARTY_OWNERS = new Set(['actions', 'github']);

function isHex(text: string, length: number): boolean {
  if (text.length !== length) return false;
  for (const c of text.toLowerCase()) if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

export function parseUses(raw: string): UsesRef {
  const uses = raw.trim();
  if (uses.includes('${{'))
    return { kind: 'unknown', name: uses, ref: undefined, firstParty: false, pinned: false };
  if (uses.startsWith('./') || uses.startsWith('../') || uses === '.')
    return { kind: 'local', name: uses, ref: undefined, firstParty: false, pinned: true };
  if (uses.toLowerCase().startsWith('docker://')) {
    const image = uses.slice('docker://'.length);
    const digest = image.indexOf('@sha256:');
    return {
      kind: 'docker',
      name: image,
      ref: undefined,
      firstParty: false,
      pinned: digest >= 0 && isHex(image.slice(digest + 8), 64),
    };
  }
  const at = uses.lastIndexOf('@');
  const name = at < 0 ? uses : uses.slice(0, at);
  const ref = at < 0 ? undefined : uses.slice(at + 1);
  const owner = (name.split('/')[0] ?? '').toLowerCase();
  return {
    kind: 'remote',
    name,
    ref,
    firstParty: FIRST_PARTY_OWNERS.has(owner),
    pinned: ref !== undefined && isHex(ref, 40),
  };
}

/** Whether a step uses the given action (`actions/checkout`), at any version. */
export function usesAction(step: GhaStep, action: string): boolean {
  if (step.uses === undefined) return false;
  const ref = parseUses(step.uses);
  return ref.kind === 'remote' && ref.name.toLowerCase() === action;
}

/**
 * Whether an `if:` condition keeps a job or step to pull requests from the repository itself (not forks):
 * `github.event.pull_request.head.repo.full_name == github.repository` or `...head.repo.fork == false`.
 */
export function restrictsToSameRepo(condition: unknown): boolean {
  if (typeof condition !== 'string') return false;
  const text = condition.toLowerCase().split(/\s+/).join('');
  return (
    text.includes('head.repo.full_name==github.repository') ||
    text.includes('github.repository==github.event.pull_request.head.repo.full_name') ||
    text.includes('head_repository.full_name==github.repository') ||
    text.includes('github.repository==github.event.workflow_run.head_repository.full_name') ||
    text.includes('head.repo.fork==false') ||
    text.includes('!github.event.pull_request.head.repo.fork')
  );
}

/** The scripts of a step that run as code: `run:` and the `script:` input of `actions/github-script`. */
export function stepScripts(step: GhaStep): { path: Path; kind: 'run' | 'github-script' }[] {
  const out: { path: Path; kind: 'run' | 'github-script' }[] = [];
  if (step.run !== undefined) out.push({ path: [...step.path, 'run'], kind: 'run' });
  if (usesAction(step, 'actions/github-script') && typeof step.with.script === 'string')
    out.push({ path: [...step.path, 'with', 'script'], kind: 'github-script' });
  return out;
}

/** Every `uses:` of a document: steps' actions and jobs' reusable workflows, with their paths. */
export function allUses(
  doc: GhaDoc,
): { uses: string; path: Path; resource: string; step: GhaStep | undefined }[] {
  const out: { uses: string; path: Path; resource: string; step: GhaStep | undefined }[] = [];
  for (const job of doc.jobs) {
    if (doc.kind === 'workflow' && typeof job.value.uses === 'string')
      out.push({
        uses: job.value.uses.trim(),
        path: [...job.path, 'uses'],
        resource: job.label,
        step: undefined,
      });
    for (const step of job.steps)
      if (step.uses !== undefined)
        out.push({ uses: step.uses, path: [...step.path, 'uses'], resource: step.label, step });
  }
  return out;
}
