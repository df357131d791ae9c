import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { IacCheck, IacFinding, SourceText } from '../../src/check.js';
import { platform } from '../../src/platforms/kubernetes/index.js';
import type { K8sManifests } from '../../src/platforms/kubernetes/model.js';
import { MAX_MANIFEST_BYTES } from '../../src/platforms/kubernetes/parse.js';
import {
  classifyHostPath,
  hasUrlCredentials,
  isLiteralSecretValue,
  isSecretName,
  parseImage,
} from '../../src/platforms/kubernetes/shared.js';
import { runFixtures } from '../support/fixtures.js';

const here = dirname(fileURLToPath(import.meta.url));
const fixtureRoot = join(here, '../fixtures/kubernetes');
const checksDir = join(here, '../../src/platforms/kubernetes/checks');
const PREFIX = 'iac/k8s-';

function run(
  check: IacCheck<K8sManifests>,
  files: SourceText[],
): { findings: IacFinding[]; errors: string[] } {
  const { docs, errors } = platform.parse(files);
  const findings: IacFinding[] = [];
  for (const doc of docs) check.check(doc, (finding) => findings.push(finding));
  return { findings, errors: errors.map((e) => e.message) };
}

function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

describe('kubernetes checks', () => {
  it('has at least 40 checks with unique, sorted ids', () => {
    const ids = platform.checks.map((c) => c.meta.id);
    expect(ids.length).toBeGreaterThanOrEqual(40);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });

  it('registers every file of checks/', () => {
    const files = readdirSync(checksDir)
      .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
      .map((f) => `${PREFIX}${f.slice(0, -3)}`)
      .sort();
    expect(platform.checks.map((c) => c.meta.id).sort()).toEqual(files);
  });

  for (const check of platform.checks) {
    const { meta } = check;
    const name = meta.id.slice(PREFIX.length);
    describe(meta.id, () => {
      it('has complete metadata', () => {
        expect(meta.id.startsWith(PREFIX)).toBe(true);
        expect(meta.platform).toBe('kubernetes');
        expect(meta.title.length).toBeGreaterThan(0);
        expect(meta.description.length).toBeGreaterThan(40);
        expect(meta.cwe.length).toBeGreaterThan(0);
        for (const cwe of meta.cwe) expect(cwe).toMatch(/^CWE-\d+$/);
        expect(meta.references.length).toBeGreaterThan(0);
        expect(meta.help.fix.length).toBeGreaterThan(0);
        expect(meta.tags).toContain('kubernetes');
      });

      it('flags help.bad and not help.good', () => {
        const bad = run(check, [{ path: 'deploy.yaml', text: meta.help.bad }]);
        expect(bad.errors).toEqual([]);
        expect(bad.findings.length).toBeGreaterThan(0);
        const good = run(check, [{ path: 'deploy.yaml', text: meta.help.good }]);
        expect(good.errors).toEqual([]);
        expect(good.findings).toEqual([]);
      });

      it('matches its fixtures', () => {
        const dir = join(fixtureRoot, name);
        expect(existsSync(dir)).toBe(true);
        const results = runFixtures(platform, check, dir);
        expect(results.some((r) => r.kind === 'ng')).toBe(true);
        expect(results.some((r) => r.kind === 'ok')).toBe(true);
        for (const result of results) {
          expect({ name: result.name, errors: result.errors }).toEqual({ name: result.name, errors: [] });
          if (result.kind === 'ng') expect(result.expected.length, result.name).toBeGreaterThan(0);
          else expect(result.expected, result.name).toEqual([]);
          expect({ name: result.name, lines: result.actual }).toEqual({
            name: result.name,
            lines: result.expected,
          });
        }
      });
    });
  }
});

describe('kubernetes platform', () => {
  it('matches manifests by content, not CI, compose or other YAML', () => {
    const manifest = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n';
    expect(platform.matches('k8s/pod.yaml', manifest)).toBe(true);
    expect(platform.matches('k8s/pod.yml', manifest)).toBe(true);
    expect(platform.matches('k8s/pod.json', manifest)).toBe(false);
    expect(platform.matches('values.yaml', 'image:\n  tag: 1.0\n')).toBe(false);
    expect(platform.matches('Chart.yaml', 'apiVersion: v2\nname: web\nversion: 1.0.0\n')).toBe(false);
    expect(platform.matches('.github/workflows/ci.yml', `${manifest}on: push\n`)).toBe(false);
    expect(platform.matches('.gitlab-ci.yml', manifest)).toBe(false);
    expect(platform.matches('docker-compose.yml', manifest)).toBe(false);
    expect(platform.matches('compose.yaml', 'services:\n  web:\n    image: nginx\n')).toBe(false);
    expect(platform.matches('chart/templates/deploy.yaml', 'apiVersion: apps/v1\nkind: Deployment\n')).toBe(
      true,
    );
  });

  it('parses multi-document files and flattens List kinds, with positions per item', () => {
    const text = [
      'apiVersion: v1',
      'kind: List',
      'items:',
      '  - apiVersion: v1',
      '    kind: Service',
      '    metadata:',
      '      name: a',
      '  - apiVersion: v1',
      '    kind: Pod',
      '    metadata:',
      '      name: b',
      '    spec:',
      '      containers:',
      '        - name: app',
      '          image: nginx:1.27',
      '---',
      '# comment only',
      '---',
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: c',
      '  namespace: shop',
      'spec:',
      '  template:',
      '    spec:',
      '      initContainers:',
      '        - name: init',
      '          image: busybox:1.36',
      '      containers:',
      '        - name: app',
      '          image: nginx:1.27',
      '---',
      'just a string',
      '',
    ].join('\n');
    const { docs, errors } = platform.parse([{ path: 'all.yaml', text }]);
    expect(errors).toEqual([]);
    const objects = docs[0]?.objects ?? [];
    expect(objects.map((o) => o.resource)).toEqual(['Service/a', 'Pod/b', 'Deployment/c']);
    expect(objects[1]?.path).toEqual(['items', 1]);
    const pod = objects[1]?.pod;
    expect(pod?.containers.map((c) => c.path)).toEqual([['items', 1, 'spec', 'containers', 0]]);
    const deployment = objects[2];
    expect(deployment?.namespace).toBe('shop');
    expect(deployment?.pod?.containers.map((c) => `${c.list}/${c.name}`)).toEqual([
      'containers/app',
      'initContainers/init',
    ]);
    const image = deployment?.doc.locate([...(deployment.pod?.containers[0]?.path ?? []), 'image']);
    expect(image && lineOf(text, image.start)).toBe(32);
  });

  it('builds pod models for every workload kind', () => {
    const kinds: [string, string][] = [
      ['Pod', 'spec:\n  containers:\n    - name: c\n      image: x:1\n'],
      [
        'Deployment',
        'spec:\n  template:\n    spec:\n      containers:\n        - name: c\n          image: x:1\n',
      ],
      [
        'StatefulSet',
        'spec:\n  template:\n    spec:\n      containers:\n        - name: c\n          image: x:1\n',
      ],
      [
        'DaemonSet',
        'spec:\n  template:\n    spec:\n      containers:\n        - name: c\n          image: x:1\n',
      ],
      [
        'ReplicaSet',
        'spec:\n  template:\n    spec:\n      containers:\n        - name: c\n          image: x:1\n',
      ],
      [
        'ReplicationController',
        'spec:\n  template:\n    spec:\n      containers:\n        - name: c\n          image: x:1\n',
      ],
      ['Job', 'spec:\n  template:\n    spec:\n      containers:\n        - name: c\n          image: x:1\n'],
      [
        'CronJob',
        'spec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n            - name: c\n              image: x:1\n',
      ],
    ];
    for (const [kind, body] of kinds) {
      const { docs } = platform.parse([
        { path: 'w.yaml', text: `apiVersion: v1\nkind: ${kind}\nmetadata:\n  name: w\n${body}` },
      ]);
      expect(
        docs[0]?.objects[0]?.pod?.containers.map((c) => c.name),
        kind,
      ).toEqual(['c']);
    }
    const { docs } = platform.parse([
      { path: 's.yaml', text: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\n' },
    ]);
    expect(docs[0]?.objects[0]?.pod).toBeUndefined();
  });

  it('reports invalid YAML with its line and goes on with the other files', () => {
    const broken = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n  labels: [a, b\nspec: {}\n';
    const fine = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: y\n';
    const { docs, errors } = platform.parse([
      { path: 'broken.yaml', text: broken },
      { path: 'fine.yaml', text: fine },
    ]);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.path).toBe('broken.yaml');
    expect(errors[0]?.level).toBe('warning');
    expect(errors[0]?.line).toBeGreaterThanOrEqual(5);
    expect(errors[0]?.message).toMatch(/^Invalid YAML/);
    expect(docs[0]?.objects.map((o) => o.resource)).toEqual(['Pod/y']);
  });

  it('skips Helm templates with an info-level error', () => {
    const template = [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: {{ include "web.fullname" . }}',
      'spec:',
      '  template:',
      '    spec:',
      '      containers:',
      '        - name: app',
      '          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"',
      '',
    ].join('\n');
    const inChart = platform.parse([{ path: 'chart/templates/deployment.yaml', text: template }]);
    expect(inChart.docs[0]?.objects).toEqual([]);
    expect(inChart.errors).toEqual([
      expect.objectContaining({ path: 'chart/templates/deployment.yaml', line: 4, level: 'info' }) as unknown,
    ]);
    expect(inChart.errors[0]?.message).toContain('helm template');
    // Outside templates/: parsed when it is valid YAML, an info error when the template breaks YAML.
    const flow =
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n{{- if .Values.enabled }}\nspec: {}\n{{- end }}\n';
    const elsewhere = platform.parse([{ path: 'deploy/pod.yaml', text: flow }]);
    expect(elsewhere.errors.map((e) => e.level)).toEqual(['info']);
  });

  it('keeps valid manifests with {{ }} in string values (alerting templates) outside templates/', () => {
    const text =
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: alerts\ndata:\n  msg: "{{ .Labels.alertname }}"\n';
    const { docs, errors } = platform.parse([{ path: 'monitoring/alerts.yaml', text }]);
    expect(errors).toEqual([]);
    expect(docs[0]?.objects).toHaveLength(1);
  });

  it('skips oversized files and documents that are not objects', () => {
    const huge = `apiVersion: v1\nkind: ConfigMap\n#${'x'.repeat(MAX_MANIFEST_BYTES)}\n`;
    const big = platform.parse([{ path: 'big.yaml', text: huge }]);
    expect(big.errors.map((e) => e.level)).toEqual(['warning']);
    const odd = platform.parse([
      { path: 'odd.yaml', text: 'apiVersion: v1\nkind: 3\n---\n- a\n---\nkind: Pod\n' },
    ]);
    expect(odd.errors).toEqual([]);
    expect(odd.docs[0]?.objects).toEqual([]);
  });

  it('leaves out kustomize patch files', () => {
    const deployment =
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n';
    const { docs } = platform.parse([
      {
        path: 'overlays/prod/kustomization.yaml',
        text: 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [../../base]\npatches:\n  - path: patches/replicas.yaml\npatchesStrategicMerge:\n  - ./env.yaml\n',
      },
      { path: 'overlays/prod/patches/replicas.yaml', text: deployment },
      { path: 'overlays/prod/env.yaml', text: deployment },
      { path: 'base/deployment.yaml', text: deployment },
    ]);
    expect(docs[0]?.objects.map((o) => `${o.doc.path} ${o.kind}`)).toEqual([
      'overlays/prod/kustomization.yaml Kustomization',
      'base/deployment.yaml Deployment',
    ]);
  });

  it('never throws on odd shapes', () => {
    const odd = [
      'apiVersion: v1\nkind: Pod\nmetadata: x\nspec:\n  containers: 3\n',
      'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - 1\n    - null\n    - name: [a]\n      securityContext: 7\n      env: {a: b}\n',
      'apiVersion: apps/v1\nkind: Deployment\nspec:\n  template: []\n',
      'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nrules:\n  - 1\n  - verbs: 2\n    resources: [3]\n',
      'apiVersion: v1\nkind: Service\nspec:\n  type: LoadBalancer\n  loadBalancerSourceRanges: x\n',
      'apiVersion: v1\nkind: Secret\ndata: [1]\nstringData:\n  a: null\n',
      'apiVersion: v1\nkind: List\nitems: [1, {kind: Pod}, {apiVersion: v1, kind: Pod, spec: {containers: [{}]}}]\n',
    ];
    for (const text of odd) {
      const { docs } = platform.parse([{ path: 'odd.yaml', text }]);
      for (const check of platform.checks)
        for (const doc of docs) expect(() => check.check(doc, () => undefined)).not.toThrow();
    }
  });
});

describe('shared container knowledge', () => {
  it('parses image references', () => {
    expect(parseImage('nginx')).toEqual({ repository: 'nginx', tag: undefined, digest: undefined });
    expect(parseImage('registry:5000/org/app:1.2')).toEqual({
      repository: 'registry:5000/org/app',
      tag: '1.2',
      digest: undefined,
    });
    expect(parseImage('registry:5000/org/app')).toEqual({
      repository: 'registry:5000/org/app',
      tag: undefined,
      digest: undefined,
    });
    expect(parseImage('app@sha256:abc')).toEqual({ repository: 'app', tag: undefined, digest: 'sha256:abc' });
    expect(parseImage('app:1@sha256:abc')?.tag).toBe('1');
    expect(parseImage('app:${TAG}')).toBeUndefined();
    expect(parseImage('{{ .Values.image }}')).toBeUndefined();
    expect(parseImage('')).toBeUndefined();
  });

  it('recognises secret-like names', () => {
    for (const name of [
      'DB_PASSWORD',
      'dbPassword',
      'MYSQL_ROOT_PASSWORD',
      'POSTGRES_PASSWD',
      'CLIENT_SECRET',
      'GITHUB_TOKEN',
      'API_KEY',
      'apiKey',
      'AWS_SECRET_ACCESS_KEY',
      'STRIPE_SECRET_KEY',
      'SECRET_KEY_BASE',
      'DB_PASS',
      'REDIS_PWD',
      'jwt.secret',
      'PRIVATE_KEY',
      'ENCRYPTION_KEY',
    ])
      expect(isSecretName(name), name).toBe(true);
    for (const name of [
      'PASSWORD_FILE',
      'TOKEN_URL',
      'SECRET_NAME',
      'KEY_PATH',
      'PWD',
      'PUBLIC_KEY',
      'AWS_ACCESS_KEY_ID',
      'MAX_TOKENS',
      'CACHE_KEY',
      'PASSWORD_MIN_LENGTH',
      'TOKEN_TTL',
      'USERNAME',
    ])
      expect(isSecretName(name), name).toBe(false);
  });

  it('separates literal secret values from references and placeholders', () => {
    for (const value of ['s3cr3t', 'changeme', 'hunter2!', 123456])
      expect(isLiteralSecretValue(value), String(value)).toBe(true);
    for (const value of [
      '',
      '  ',
      'xx',
      '${DB_PASSWORD}',
      '$(TOKEN)',
      '$TOKEN',
      '{{ .Values.pw }}',
      '<password>',
      'xxxxxx',
      '******',
      'true',
      'null',
      '/run/secrets/db',
      true,
      null,
      undefined,
      {},
    ])
      expect(isLiteralSecretValue(value), JSON.stringify(value)).toBe(false);
  });

  it('finds inline URL passwords', () => {
    expect(hasUrlCredentials('postgres://app:s3cret@db:5432/app')).toBe(true);
    expect(hasUrlCredentials('https://user:pa55word@example.com')).toBe(true);
    expect(hasUrlCredentials('postgres://app@db:5432/app')).toBe(false);
    expect(hasUrlCredentials('postgres://app:${DB_PASSWORD}@db/app')).toBe(false);
    expect(hasUrlCredentials('https://example.com/a:b@c')).toBe(false);
    expect(hasUrlCredentials('mailto:a@b')).toBe(false);
  });

  it('classifies host paths', () => {
    expect(classifyHostPath('/var/run/docker.sock')).toBe('socket');
    expect(classifyHostPath('/run/containerd/containerd.sock')).toBe('socket');
    expect(classifyHostPath('//var/run//docker.sock/')).toBe('socket');
    expect(classifyHostPath('/')).toBe('sensitive');
    expect(classifyHostPath('/etc')).toBe('sensitive');
    expect(classifyHostPath('/etc/')).toBe('sensitive');
    expect(classifyHostPath('/proc/sys/kernel')).toBe('sensitive');
    expect(classifyHostPath('/var/lib/kubelet/pki')).toBe('sensitive');
    expect(classifyHostPath('/etc/kubernetes/admin.conf')).toBe('sensitive');
    expect(classifyHostPath('/etc/ssl/certs')).toBe('other');
    expect(classifyHostPath('/var/log')).toBe('other');
    expect(classifyHostPath('/data/cache')).toBe('other');
    expect(classifyHostPath('relative/path')).toBeUndefined();
    expect(classifyHostPath('/data/${DIR}')).toBeUndefined();
  });
});
