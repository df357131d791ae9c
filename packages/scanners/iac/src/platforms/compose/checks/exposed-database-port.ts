import type { IacCheck } from '../../../check.js';
import { asArray, asRecord } from '../../../yaml/load.js';
import { composeMeta, findingAt, type ComposeFile } from '../model.js';

/** Well-known ports of databases, caches, brokers and admin APIs that should not face the network. */
const SENSITIVE_PORTS = new Map<number, string>([
  [1433, 'SQL Server'],
  [1521, 'Oracle'],
  [2375, 'Docker API'],
  [2376, 'Docker API'],
  [2379, 'etcd'],
  [3306, 'MySQL'],
  [5432, 'PostgreSQL'],
  [5672, 'RabbitMQ'],
  [5984, 'CouchDB'],
  [6379, 'Redis'],
  [7474, 'Neo4j'],
  [7687, 'Neo4j'],
  [8086, 'InfluxDB'],
  [8529, 'ArangoDB'],
  [9042, 'Cassandra'],
  [9200, 'Elasticsearch'],
  [9300, 'Elasticsearch'],
  [11211, 'Memcached'],
  [15672, 'RabbitMQ management'],
  [26257, 'CockroachDB'],
  [27017, 'MongoDB'],
  [28015, 'RethinkDB'],
]);

const ALL_INTERFACES = new Set(['0.0.0.0', '::', '[::]']);

/** Container port range of `a` or `a-b`; undefined when not a plain number (interpolated). */
function portRange(text: string): [number, number] | undefined {
  const [low, high = low] = text.split('-');
  const a = Number(low);
  const b = Number(high);
  if (!Number.isInteger(a) || !Number.isInteger(b) || low === '' || high === '') return undefined;
  return [a, b];
}

function sensitiveIn(range: [number, number]): string | undefined {
  for (const [port, name] of SENSITIVE_PORTS)
    if (port >= range[0] && port <= range[1]) return `${port} (${name})`;
  return undefined;
}

/** Replaces `${VAR}` / `${VAR:-default}` interpolations with a token without `:`. */
function withoutInterpolation(text: string): string {
  let out = '';
  let index = 0;
  for (let open = text.indexOf('${'); open !== -1; open = text.indexOf('${', index)) {
    const close = text.indexOf('}', open);
    if (close === -1) break;
    out += `${text.slice(index, open)}VAR`;
    index = close + 1;
  }
  return out + text.slice(index);
}

/** The sensitive container port a `ports` entry publishes on all interfaces, if any. */
function exposed(item: unknown): string | undefined {
  if (typeof item === 'number') return sensitiveIn([item, item]);
  if (typeof item === 'string') {
    let text = withoutInterpolation(item.trim());
    const slash = text.indexOf('/');
    if (slash !== -1) text = text.slice(0, slash);
    let ip: string | undefined;
    if (text.startsWith('[')) {
      const close = text.indexOf(']');
      if (close === -1) return undefined;
      ip = text.slice(1, close);
      text = text.slice(close + 2);
    }
    const parts = text.split(':');
    if (parts.length === 3 && ip === undefined) ip = parts.shift();
    if (parts.length > 2) return undefined;
    if (ip !== undefined && !ALL_INTERFACES.has(ip)) return undefined; // bound to one address (often 127.0.0.1)
    const container = portRange(parts[parts.length - 1] ?? '');
    return container && sensitiveIn(container);
  }
  const record = asRecord(item);
  if (!record) return undefined;
  const hostIp = record.host_ip;
  if (typeof hostIp === 'string' && !ALL_INTERFACES.has(hostIp.trim())) return undefined;
  if (hostIp !== undefined && typeof hostIp !== 'string') return undefined;
  const target = typeof record.target === 'number' ? String(record.target) : record.target;
  const container = typeof target === 'string' ? portRange(target) : undefined;
  return container && sensitiveIn(container);
}

export const check: IacCheck<ComposeFile> = {
  meta: composeMeta({
    id: 'iac/compose-exposed-database-port',
    title: 'Database or admin port published on all interfaces',
    severity: 'low',
    cwe: ['CWE-668'],
    description:
      'A `ports` entry without a host address (`"5432:5432"`) publishes the port on every interface of the host, and Docker\'s iptables rules bypass host firewalls such as ufw. Databases, caches and admin APIs published this way are reachable from the network, often with default credentials.',
    help: {
      bad: `services:
  db:
    image: postgres:16.3
    ports:
      - "5432:5432"
`,
      good: `services:
  db:
    image: postgres:16.3
    ports:
      - "127.0.0.1:5432:5432"
`,
      fix: 'Bind the port to the loopback address (`"127.0.0.1:5432:5432"`), or do not publish it and reach the service over the compose network.',
    },
    references: [
      'https://docs.docker.com/reference/compose-file/services/#ports',
      'https://docs.docker.com/engine/network/packet-filtering-firewalls/',
    ],
    precision: 'high',
  }),
  check(file, report) {
    for (const service of file.services) {
      asArray(service.value.ports).forEach((item, index) => {
        const port = exposed(item);
        if (port)
          report(
            findingAt(file, service, ['ports', index], {
              message: `Port ${port} is published on all host interfaces`,
            }),
          );
      });
    }
  },
};
