/** Container images of the scanned workloads, parsed (unresolved images such as `{{ .Values.image }}` are left out). */
import { containersOf, type K8sContainer, type K8sManifests, type K8sObject, type K8sPod } from './model.js';
import { parseImage, type ImageRef } from './shared.js';

export interface ContainerImage {
  obj: K8sObject;
  pod: K8sPod;
  container: K8sContainer;
  image: string;
  ref: ImageRef;
}

export function containerImages(manifests: K8sManifests): ContainerImage[] {
  const out: ContainerImage[] = [];
  for (const { obj, pod, container } of containersOf(manifests)) {
    const image = container.value.image;
    if (typeof image !== 'string') continue;
    const ref = parseImage(image);
    if (ref) out.push({ obj, pod, container, image, ref });
  }
  return out;
}
