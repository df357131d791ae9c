/**
 * Kubernetes manifests. One document per scan: every resource of every matched file (see `model.ts`), so
 * that checks relating objects (NetworkPolicy per namespace, ServiceAccount of a pod, LimitRange defaults)
 * see the whole set; each finding points into the file of its object.
 */
import type { Platform } from '../../check.js';
import { KUBERNETES_CHECKS } from './checks/index.js';
import type { K8sManifests } from './model.js';
import { matchesManifest, parseManifests } from './parse.js';

export type { K8sManifests, K8sObject } from './model.js';

export const platform: Platform<K8sManifests> = {
  id: 'kubernetes',
  title: 'Kubernetes manifests',
  matches: matchesManifest,
  parse: parseManifests,
  checks: KUBERNETES_CHECKS,
};
