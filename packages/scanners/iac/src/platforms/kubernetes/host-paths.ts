/** hostPath volumes of the scanned workloads, classified by how much of the host they expose. */
import { asArray, asRecord } from '../../yaml/load.js';
import type { K8sManifests, K8sObject, YamlPath } from './model.js';
import { workloads } from './model.js';
import { classifyHostPath, type HostPathKind } from './shared.js';

export interface HostPathVolume {
  obj: K8sObject;
  /** Absolute path of the `hostPath.path` value. */
  path: YamlPath;
  hostPath: string;
  volume: string;
  kind: HostPathKind;
}

export function hostPathVolumes(manifests: K8sManifests): HostPathVolume[] {
  const out: HostPathVolume[] = [];
  for (const { obj, pod } of workloads(manifests)) {
    asArray(pod.value.volumes).forEach((item, index) => {
      const volume = asRecord(item);
      const hostPath = asRecord(volume?.hostPath)?.path;
      if (typeof hostPath !== 'string') return;
      const kind = classifyHostPath(hostPath);
      if (kind === undefined) return;
      const name = typeof volume?.name === 'string' ? volume.name : `#${index + 1}`;
      out.push({
        obj,
        path: [...pod.path, 'volumes', index, 'hostPath', 'path'],
        hostPath,
        volume: name,
        kind,
      });
    });
  }
  return out;
}
