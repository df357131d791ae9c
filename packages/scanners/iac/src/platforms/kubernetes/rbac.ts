/** The rules of Roles and ClusterRoles, normalised for the RBAC checks. */
import { asArray, asRecord } from '../../yaml/load.js';
import { objectsOfKind, type K8sManifests, type K8sObject, type YamlPath } from './model.js';

export interface RbacRule {
  obj: K8sObject;
  /** Absolute path of the rule in its document. */
  path: YamlPath;
  apiGroups: string[];
  resources: string[];
  verbs: string[];
  resourceNames: string[];
}

function strings(value: unknown): string[] {
  return asArray(value).map((item) => (typeof item === 'string' ? item : ''));
}

/** Every resource rule (rules with `nonResourceURLs` only are left out) of every Role and ClusterRole. */
export function rbacRules(manifests: K8sManifests): RbacRule[] {
  const out: RbacRule[] = [];
  for (const obj of objectsOfKind(manifests, 'Role', 'ClusterRole')) {
    asArray(obj.value.rules).forEach((item, index) => {
      const rule = asRecord(item);
      if (!rule) return;
      out.push({
        obj,
        path: [...obj.path, 'rules', index],
        apiGroups: strings(rule.apiGroups),
        resources: strings(rule.resources),
        verbs: strings(rule.verbs),
        resourceNames: strings(rule.resourceNames),
      });
    });
  }
  return out;
}

/** Whether the rule applies to the API group (`''` is the core group). */
export function hasGroup(rule: RbacRule, group: string): boolean {
  return rule.apiGroups.includes('*') || rule.apiGroups.includes(group);
}

export function hasVerb(rule: RbacRule, ...verbs: string[]): boolean {
  return rule.verbs.includes('*') || verbs.some((verb) => rule.verbs.includes(verb));
}

/** Indexes of `resources` entries naming the resource explicitly (`*` is the wildcard rule's business). */
export function resourceIndexes(rule: RbacRule, ...resources: string[]): number[] {
  const out: number[] = [];
  rule.resources.forEach((resource, index) => {
    if (resources.includes(resource)) out.push(index);
  });
  return out;
}

export function rulePath(
  rule: RbacRule,
  field: 'apiGroups' | 'resources' | 'verbs',
  index: number,
): YamlPath {
  return [...rule.path, field, index];
}

export function ruleResource(rule: RbacRule): string {
  return `${rule.obj.resource} rule ${Number(rule.path[rule.path.length - 1]) + 1}`;
}
