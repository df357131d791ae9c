/**
 * The Kubernetes document model that checks read. `parse.ts` builds one `K8sManifests` per scan: every
 * resource of every matched file, so that checks needing several objects (a NetworkPolicy for a namespace,
 * the ServiceAccount a pod uses, a LimitRange) see the whole set. Each object keeps its own YAML document,
 * so findings point into the right file.
 */
import type { IacFinding, IacReport, IacRuleMeta } from '../../check.js';
import { asArray, asRecord, type YamlDocument } from '../../yaml/load.js';

export type YamlPath = readonly (string | number)[];

export type ContainerList = 'containers' | 'initContainers' | 'ephemeralContainers';

export interface K8sContainer {
  list: ContainerList;
  index: number;
  /** `''` when the container has no name. */
  name: string;
  value: Record<string, unknown>;
  /** Absolute path of the container in its YAML document. */
  path: YamlPath;
}

export interface K8sPod {
  /** Absolute path of the pod spec (`spec`, `spec.template.spec`, `spec.jobTemplate.spec.template.spec`). */
  path: YamlPath;
  value: Record<string, unknown>;
  /** Absolute path of the pod's metadata (`metadata` for a Pod, the template's metadata otherwise). */
  metadataPath: YamlPath;
  metadata: Record<string, unknown> | undefined;
  containers: K8sContainer[];
}

export interface K8sObject {
  kind: string;
  apiVersion: string;
  /** `metadata.name`, or `metadata.generateName`, or `''`. */
  name: string;
  /** `metadata.namespace` when given as a string. */
  namespace: string | undefined;
  doc: YamlDocument;
  /** Path of the object in its document: `[]`, or `['items', i]` for a member of a `List`. */
  path: YamlPath;
  value: Record<string, unknown>;
  /** The pod template of workload kinds. */
  pod: K8sPod | undefined;
  /** What a human recognises: `Deployment/web`. */
  resource: string;
}

/** All resources of the scanned manifests (one per scan: see the module comment). */
export interface K8sManifests {
  objects: K8sObject[];
}

/** Pod spec path per workload kind. */
export const POD_SPEC_PATHS: Readonly<Record<string, YamlPath>> = {
  Pod: ['spec'],
  PodTemplate: ['template', 'spec'],
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
  // Same pod template shape: OpenShift DeploymentConfig, Argo Rollout.
  DeploymentConfig: ['spec', 'template', 'spec'],
  Rollout: ['spec', 'template', 'spec'],
};

const CONTAINER_LISTS: readonly ContainerList[] = ['containers', 'initContainers', 'ephemeralContainers'];

/** The plain value at `path` under `value` (undefined when any step is missing). */
export function get(value: unknown, path: YamlPath): unknown {
  let current = value;
  for (const key of path) {
    if (typeof key === 'number') {
      if (!Array.isArray(current)) return undefined;
      current = current[key];
    } else {
      const record = asRecord(current);
      if (!record) return undefined;
      current = record[key];
    }
  }
  return current;
}

export function getRecord(value: unknown, path: YamlPath): Record<string, unknown> | undefined {
  return asRecord(get(value, path));
}

export function getString(value: unknown, path: YamlPath): string | undefined {
  const found = get(value, path);
  return typeof found === 'string' ? found : undefined;
}

/** Builds the pod model of a workload object (undefined for other kinds or odd shapes). */
export function podOf(kind: string, value: Record<string, unknown>, prefix: YamlPath): K8sPod | undefined {
  const specPath = POD_SPEC_PATHS[kind];
  if (!specPath) return undefined;
  const spec = getRecord(value, specPath);
  if (!spec) return undefined;
  const metadataRel = [...specPath.slice(0, -1), 'metadata'];
  const path = [...prefix, ...specPath];
  const containers: K8sContainer[] = [];
  for (const list of CONTAINER_LISTS) {
    asArray(spec[list]).forEach((item, index) => {
      const container = asRecord(item);
      if (!container) return;
      const name = typeof container.name === 'string' ? container.name : '';
      containers.push({ list, index, name, value: container, path: [...path, list, index] });
    });
  }
  return {
    path,
    value: spec,
    metadataPath: [...prefix, ...metadataRel],
    metadata: getRecord(value, metadataRel),
    containers,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Positions and reporting

/** Offsets of the node at `path`; with `line`, only its first line (for multi-line maps and sequences). */
export function rangeAt(
  doc: YamlDocument,
  path: YamlPath,
  options: { key?: boolean; line?: boolean } = {},
): { start: number; end: number } {
  const range = doc.locate(path, options.key ? { key: true } : undefined);
  if (!options.line) return range;
  const newline = doc.text.indexOf('\n', range.start);
  return { start: range.start, end: newline === -1 || newline > range.end ? range.end : newline };
}

/** A finding at the node at `path` of the object's document. */
export function findingAt(
  obj: K8sObject,
  path: YamlPath,
  options: { key?: boolean; line?: boolean; resource?: string; message?: string } = {},
): IacFinding {
  const range = rangeAt(obj.doc, path, options);
  return {
    path: obj.doc.path,
    start: range.start,
    end: range.end,
    resource: options.resource ?? obj.resource,
    ...(options.message !== undefined && { message: options.message }),
  };
}

/** The first line of the object (its first key): where a finding about the object as a whole goes. */
export function objectAnchor(obj: K8sObject, options: { message?: string } = {}): IacFinding {
  return findingAt(obj, obj.path, { line: true, ...options });
}

/** The pod spec's key (`spec:`): where a finding about a missing pod-level setting goes. */
export function podAnchor(obj: K8sObject, pod: K8sPod, options: { message?: string } = {}): IacFinding {
  return findingAt(obj, pod.path, { key: true, ...options });
}

/** The container's first line (`- name: app`): where a finding about a missing container setting goes. */
export function containerAnchor(
  obj: K8sObject,
  container: K8sContainer,
  options: { message?: string } = {},
): IacFinding {
  return findingAt(obj, container.path, {
    line: true,
    resource: containerResource(obj, container),
    ...options,
  });
}

/** `Deployment/web container app`, `Pod/x init container setup`. */
export function containerResource(obj: K8sObject, container: K8sContainer): string {
  const label =
    container.list === 'initContainers'
      ? 'init container'
      : container.list === 'ephemeralContainers'
        ? 'ephemeral container'
        : 'container';
  return `${obj.resource} ${label} ${container.name || `#${container.index + 1}`}`;
}

/** A reporter that drops repeated findings at the same place (pod-level settings shared by containers). */
export function onceReporter(report: IacReport): IacReport {
  const seen = new Set<string>();
  return (finding) => {
    const key = `${finding.path}\0${finding.start}\0${finding.end}`;
    if (seen.has(key)) return;
    seen.add(key);
    report(finding);
  };
}

// ---------------------------------------------------------------------------------------------------------
// Iteration

export function workloads(manifests: K8sManifests): { obj: K8sObject; pod: K8sPod }[] {
  const out: { obj: K8sObject; pod: K8sPod }[] = [];
  for (const obj of manifests.objects) if (obj.pod) out.push({ obj, pod: obj.pod });
  return out;
}

export function containersOf(
  manifests: K8sManifests,
  lists: readonly ContainerList[] = CONTAINER_LISTS,
): { obj: K8sObject; pod: K8sPod; container: K8sContainer }[] {
  const out: { obj: K8sObject; pod: K8sPod; container: K8sContainer }[] = [];
  for (const { obj, pod } of workloads(manifests))
    for (const container of pod.containers)
      if (lists.includes(container.list)) out.push({ obj, pod, container });
  return out;
}

export function objectsOfKind(manifests: K8sManifests, ...kinds: string[]): K8sObject[] {
  return manifests.objects.filter((obj) => kinds.includes(obj.kind));
}

/** Whether two namespaces may be the same (an unspecified namespace is decided at apply time). */
export function sameNamespace(a: string | undefined, b: string | undefined): boolean {
  return a === undefined || b === undefined || a === b;
}

// ---------------------------------------------------------------------------------------------------------
// Security context

/** A securityContext field as it applies to a container: its own value, else the pod's. */
export interface EffectiveSetting {
  value: unknown;
  path: YamlPath;
  level: 'container' | 'pod';
}

/** Pod-level securityContext fields a container inherits unless it sets them itself. */
export function effectiveSetting(
  pod: K8sPod,
  container: K8sContainer,
  field: string,
): EffectiveSetting | undefined {
  const own = getRecord(container.value, ['securityContext']);
  if (own && own[field] !== undefined && own[field] !== null)
    return { value: own[field], path: [...container.path, 'securityContext', field], level: 'container' };
  const shared = getRecord(pod.value, ['securityContext']);
  if (shared && shared[field] !== undefined && shared[field] !== null)
    return { value: shared[field], path: [...pod.path, 'securityContext', field], level: 'pod' };
  return undefined;
}

/** Where to report a missing container setting: the container's `securityContext:` key, else the container. */
export function securityContextAnchor(
  obj: K8sObject,
  container: K8sContainer,
  options: { message?: string } = {},
): IacFinding {
  if (asRecord(container.value.securityContext))
    return findingAt(obj, [...container.path, 'securityContext'], {
      key: true,
      resource: containerResource(obj, container),
      ...options,
    });
  return containerAnchor(obj, container, options);
}

/** Windows pods: Linux-only settings (runAsNonRoot, capabilities, seccomp, ...) do not apply. */
export function isWindowsPod(pod: K8sPod): boolean {
  if (getString(pod.value, ['os', 'name'])?.toLowerCase() === 'windows') return true;
  if (getString(pod.value, ['nodeSelector', 'kubernetes.io/os'])?.toLowerCase() === 'windows') return true;
  return get(pod.value, ['securityContext', 'windowsOptions', 'hostProcess']) === true;
}

/** Whether a string is resolved: not a template or shell placeholder. */
export function isResolved(value: string): boolean {
  return !value.includes('{{') && !value.includes('${') && !value.includes('$(');
}

// ---------------------------------------------------------------------------------------------------------
// Metadata

const OWASP_MISCONFIGURATION = 'owasp:A05:2021';

/** Check metadata with the platform filled in; tags default to Kubernetes + OWASP A05 (misconfiguration). */
export function k8sMeta(meta: Omit<IacRuleMeta, 'platform' | 'tags'> & { tags?: string[] }): IacRuleMeta {
  return {
    ...meta,
    platform: 'kubernetes',
    tags: ['kubernetes', ...(meta.tags ?? [OWASP_MISCONFIGURATION])],
  };
}
