/** Host paths bind-mounted into services (short `SRC:DST[:MODE]` and long `{type: bind, source}` syntax). */
import { asArray, asRecord } from '../../yaml/load.js';
import { classifyHostPath, type HostPathKind } from '../kubernetes/shared.js';
import type { ComposeFile, ComposeService } from './model.js';

export interface BindMount {
  service: ComposeService;
  /** Index in the service's `volumes` list. */
  index: number;
  source: string;
  kind: HostPathKind;
}

function hostSource(item: unknown): string | undefined {
  if (typeof item === 'string') {
    if (!item.startsWith('/')) return undefined; // named volume, relative or home path
    const colon = item.indexOf(':');
    return colon === -1 ? undefined : item.slice(0, colon); // `/path` alone is an anonymous volume
  }
  const record = asRecord(item);
  if (!record || typeof record.source !== 'string') return undefined;
  if (record.type !== undefined && record.type !== 'bind') return undefined;
  return record.source.startsWith('/') ? record.source : undefined;
}

export function bindMounts(file: ComposeFile): BindMount[] {
  const out: BindMount[] = [];
  for (const service of file.services) {
    asArray(service.value.volumes).forEach((item, index) => {
      const source = hostSource(item);
      const kind = source === undefined ? undefined : classifyHostPath(source);
      if (source !== undefined && kind !== undefined) out.push({ service, index, source, kind });
    });
  }
  return out;
}
