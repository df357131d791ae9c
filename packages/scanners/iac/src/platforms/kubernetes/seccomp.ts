/** The seccomp profile that applies to a container: securityContext fields first, then the legacy annotations. */
import { asRecord } from '../../yaml/load.js';
import { get, type K8sContainer, type K8sPod, type YamlPath } from './model.js';

export type SeccompKind = 'default' | 'unconfined' | 'unknown';

export interface SeccompSetting {
  kind: SeccompKind;
  /** Absolute path of the value that decides. */
  path: YamlPath;
  level: 'container' | 'pod';
}

const POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
const CONTAINER_ANNOTATION = 'container.seccomp.security.alpha.kubernetes.io/';

function fieldKind(value: unknown): SeccompKind {
  if (value === 'RuntimeDefault' || value === 'Localhost') return 'default';
  if (value === 'Unconfined') return 'unconfined';
  return 'unknown';
}

function annotationKind(value: unknown): SeccompKind {
  if (typeof value !== 'string') return 'unknown';
  if (value === 'runtime/default' || value === 'docker/default' || value.startsWith('localhost/'))
    return 'default';
  if (value === 'unconfined') return 'unconfined';
  return 'unknown';
}

/** Undefined when no profile is set anywhere (the runtime then runs the container Unconfined). */
export function seccompOf(pod: K8sPod, container: K8sContainer): SeccompSetting | undefined {
  const own = get(container.value, ['securityContext', 'seccompProfile', 'type']);
  if (own !== undefined && own !== null)
    return {
      kind: fieldKind(own),
      path: [...container.path, 'securityContext', 'seccompProfile', 'type'],
      level: 'container',
    };
  const annotations = asRecord(pod.metadata?.annotations);
  const ownAnnotation = `${CONTAINER_ANNOTATION}${container.name}`;
  if (annotations && container.name !== '' && annotations[ownAnnotation] !== undefined)
    return {
      kind: annotationKind(annotations[ownAnnotation]),
      path: [...pod.metadataPath, 'annotations', ownAnnotation],
      level: 'container',
    };
  const shared = get(pod.value, ['securityContext', 'seccompProfile', 'type']);
  if (shared !== undefined && shared !== null)
    return {
      kind: fieldKind(shared),
      path: [...pod.path, 'securityContext', 'seccompProfile', 'type'],
      level: 'pod',
    };
  if (annotations && annotations[POD_ANNOTATION] !== undefined)
    return {
      kind: annotationKind(annotations[POD_ANNOTATION]),
      path: [...pod.metadataPath, 'annotations', POD_ANNOTATION],
      level: 'pod',
    };
  return undefined;
}
