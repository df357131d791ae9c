/** Shared logic of the four resource checks (CPU/memory, limits/requests). */
import type { IacReport } from '../../check.js';
import { asArray, asRecord } from '../../yaml/load.js';
import {
  containerAnchor,
  containerResource,
  containersOf,
  findingAt,
  objectsOfKind,
  sameNamespace,
  type K8sManifests,
} from './model.js';

export type ComputeResource = 'cpu' | 'memory';

function isSet(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

/** Whether a LimitRange of the scanned set gives containers of the namespace a default for the resource. */
function hasLimitRangeDefault(
  manifests: K8sManifests,
  namespace: string | undefined,
  section: 'limits' | 'requests',
  resource: ComputeResource,
): boolean {
  return objectsOfKind(manifests, 'LimitRange').some((range) => {
    if (!sameNamespace(range.namespace, namespace)) return false;
    return asArray(asRecord(range.value.spec)?.limits).some((item) => {
      const limit = asRecord(item);
      if (!limit || limit.type !== 'Container') return false;
      // A default limit also becomes the default request.
      if (isSet(asRecord(limit.default)?.[resource])) return true;
      return section === 'requests' && isSet(asRecord(limit.defaultRequest)?.[resource]);
    });
  });
}

/**
 * Reports containers (and init containers) without a limit (or request) for the resource. A request is
 * implied by a limit (Kubernetes copies the limit), so requests are missing only when neither is set.
 */
export function reportMissingResource(
  manifests: K8sManifests,
  report: IacReport,
  section: 'limits' | 'requests',
  resource: ComputeResource,
): void {
  for (const { obj, container } of containersOf(manifests, ['containers', 'initContainers'])) {
    const resources = asRecord(container.value.resources);
    const limits = asRecord(resources?.limits);
    const requests = asRecord(resources?.requests);
    if (isSet(limits?.[resource])) continue;
    if (section === 'requests' && isSet(requests?.[resource])) continue;
    if (hasLimitRangeDefault(manifests, obj.namespace, section, resource)) continue;
    const own = section === 'limits' ? limits : requests;
    const options = { resource: containerResource(obj, container) };
    if (own) report(findingAt(obj, [...container.path, 'resources', section], { key: true, ...options }));
    else if (resources) report(findingAt(obj, [...container.path, 'resources'], { key: true, ...options }));
    else report(containerAnchor(obj, container));
  }
}
