import { describe, expect, it } from 'vitest';
import type { IacFinding } from '../../src/check.js';
import { platform } from '../../src/platforms/dockerfile/index.js';
import type { DockerDocument } from '../../src/platforms/dockerfile/model.js';
import {
  isDockerfilePath,
  joinLines,
  MAX_DOCKERFILE_BYTES,
  readJsonArray,
} from '../../src/platforms/dockerfile/parse.js';
import { invocation, parseShell } from '../../src/platforms/dockerfile/shell.js';
import { expand, parseImageRef } from '../../src/platforms/dockerfile/vars.js';

function parse(text: string, path = 'Dockerfile'): { doc: DockerDocument; errors: string[] } {
  const { docs, errors } = platform.parse([{ path, text }]);
  const doc = docs[0];
  if (doc === undefined) throw new Error(`no document: ${errors.map((e) => e.message).join('; ')}`);
  return { doc, errors: errors.map((e) => `${e.line ?? '?'}: ${e.message}`) };
}

function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

/** `rule-id:line` of every finding of every check. */
function findings(text: string): string[] {
  const { docs } = platform.parse([{ path: 'Dockerfile', text }]);
  const out: string[] = [];
  for (const doc of docs)
    for (const check of platform.checks)
      check.check(doc, (f: IacFinding) =>
        out.push(`${check.meta.id.slice('iac/docker-'.length)}:${lineOf(text, f.start)}`),
      );
  return out.sort();
}

describe('dockerfile paths', () => {
  it('matches Dockerfile names case-insensitively', () => {
    for (const path of [
      'Dockerfile',
      'dockerfile',
      'app/Dockerfile',
      'Dockerfile.prod',
      'build/Dockerfile.dev',
      'web.Dockerfile',
      'api.dockerfile',
      'Containerfile',
      'DOCKERFILE',
    ])
      expect(isDockerfilePath(path), path).toBe(true);
    for (const path of [
      'Dockerfile.dockerignore',
      'app.Dockerfile.dockerignore',
      'Dockerfile.md',
      'Dockerfile.yml',
      'docs/dockerfile.ts',
      'Dockerfiles/x.txt',
      'my-dockerfile',
      'compose.yaml',
    ])
      expect(isDockerfilePath(path), path).toBe(false);
  });

  it('reads Dockerfile.<ext> only when it starts like a Dockerfile', () => {
    expect(platform.matches('Dockerfile.prod', '# build\n\nFROM alpine:3.20\n')).toBe(true);
    expect(platform.matches('Dockerfile.j2', '{% if x %}\nFROM a\n{% endif %}\n')).toBe(true);
    expect(platform.matches('Dockerfile.vim', '" Vim syntax file\nsyn keyword x\n')).toBe(false);
    expect(platform.matches('Dockerfile', 'not a dockerfile at all')).toBe(true);
  });
});

describe('dockerfile parser', () => {
  it('accepts empty and comment-only files', () => {
    for (const text of ['', '\n\n', '# just a comment\n', '# syntax=docker/dockerfile:1\n']) {
      const { doc, errors } = parse(text);
      expect(errors).toEqual([]);
      expect(doc.stages).toEqual([]);
    }
  });

  it('reports unknown instructions with their line and still checks the rest', () => {
    const text = 'FROM node:20.18-slim\nFOOBAR baz\nRUN npm ci\nUSER root\n';
    const { doc, errors } = parse(text);
    expect(errors).toEqual(['2: Unknown instruction "FOOBAR"']);
    expect(doc.stages[0]?.instructions.map((i) => i.keyword)).toEqual(['FROM', 'RUN', 'USER']);
    expect(findings(text)).toContain('root-user:4');
  });

  it('reports instructions before FROM, empty instructions and a missing FROM', () => {
    expect(parse('RUN echo hi\nFROM alpine:3.20\n').errors).toEqual(['1: RUN before the first FROM']);
    expect(parse('FROM alpine:3.20\nRUN\nUSER app\n').errors).toEqual(['2: RUN has no arguments']);
    expect(parse('ARG X=1\n').errors).toEqual([]);
    expect(parse('FROM node AS\nFROM a b c\nFROM alpine:3.20 AS ok\n').errors).toEqual([
      '1: FROM expects `image [AS name]`',
      '2: FROM expects `image [AS name]`',
    ]);
    expect(parse('FROM alpine:3.20\nENV ONLY_NAME\n').errors).toEqual(['2: ENV ONLY_NAME has no value']);
    expect(parse('# fragment\nLABEL a=b\n').errors).toEqual([
      '2: LABEL before the first FROM',
      '2: No FROM instruction',
    ]);
  });

  it('caps unknown-instruction errors for files that are not Dockerfiles', () => {
    const text = Array.from({ length: 30 }, (_, i) => `word${i} value`).join('\n');
    const { errors } = parse(text);
    expect(errors.length).toBe(11);
    expect(errors[10]).toBe('?: 20 more unknown instructions');
  });

  it('gives templated files one info-level error and no document', () => {
    const text = 'FROM {{ .Image }}\n{{ range .Steps }}\nRUN {{ . }}\n{{ end }}\n';
    const { docs, errors } = platform.parse([{ path: 'Dockerfile.tmpl', text }]);
    expect(docs).toEqual([]);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.level).toBe('info');
    expect(errors[0]?.line).toBe(1);
    expect(errors[0]?.message).toMatch(/template/);
  });

  it('never throws on binary or odd input', () => {
    for (const text of [
      '\u0000\u0001\u0002FROM',
      'FROM a\nRUN "unterminated',
      'FROM a\nRUN $(((',
      'FROM a\nRUN echo `x',
      'FROM\n',
      '\\\n\\\n',
    ]) {
      expect(() => platform.parse([{ path: 'Dockerfile', text }])).not.toThrow();
      expect(() => findings(text)).not.toThrow();
    }
  });

  it('reads parser directives and the escape character', () => {
    const text =
      '# syntax=docker/dockerfile:1.7\n# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN powershell -Command `\n    Write-Host hello\n';
    const { doc, errors } = parse(text);
    expect(errors).toEqual([]);
    expect(doc.directives.map((d) => [d.name, d.value])).toEqual([
      ['syntax', 'docker/dockerfile:1.7'],
      ['escape', '`'],
    ]);
    expect(doc.escape).toBe('`');
    expect(doc.instructions[1]?.args.text).toBe('powershell -Command     Write-Host hello');
    // Windows images run cmd/PowerShell: RUN is not lexed as a POSIX shell.
    expect(doc.instructions[1]?.commands).toEqual([]);
  });

  it('joins continuation lines, drops comment lines inside them and maps offsets back', () => {
    const text =
      'FROM debian:12\nRUN apt-get update && \\\n    # install tools\n\n    apt-get install -y \\\n      curl\n';
    const { doc } = parse(text);
    const run = doc.instructions[1];
    expect(run?.args.text).toBe('apt-get update &&     apt-get install -y       curl');
    const curl = run?.commands[1]?.words[3];
    expect(curl?.value).toBe('curl');
    expect(text.slice(curl?.start, curl?.end)).toBe('curl');
    expect(lineOf(text, curl?.start ?? 0)).toBe(6);
  });

  it('handles CRLF line endings and a byte order mark', () => {
    const text = '\uFEFFFROM alpine:3.20\r\nRUN apk add \\\r\n  curl\r\nUSER root\r\n';
    const { doc, errors } = parse(text);
    expect(errors).toEqual([]);
    expect(doc.stages[0]?.image).toBe('alpine:3.20');
    expect(doc.instructions[1]?.commands[0]?.words.map((w) => w.value)).toEqual(['apk', 'add', 'curl']);
    expect(findings(text)).toContain('root-user:4');
  });

  it('keeps heredoc bodies inside their instruction', () => {
    const text = [
      'FROM debian:12',
      'RUN <<EOF',
      'apt-get update',
      'FROM bogus',
      'USER root',
      'EOF',
      'COPY <<-CONF /etc/app.conf',
      '\tkey=value',
      '\tCONF',
      'RUN python3 <<PY',
      'import os',
      'PY',
      'USER app',
      '',
    ].join('\n');
    const { doc, errors } = parse(text);
    expect(errors).toEqual([]);
    expect(doc.stages).toHaveLength(1);
    expect(doc.instructions.map((i) => i.keyword)).toEqual(['FROM', 'RUN', 'COPY', 'RUN', 'USER']);
    const run = doc.instructions[1];
    expect(run?.heredocs[0]?.body.text).toBe('apt-get update\nFROM bogus\nUSER root');
    expect(run?.commands.map((c) => c.words.map((w) => w.value).join(' '))).toEqual([
      'apt-get update',
      'FROM bogus',
      'USER root',
    ]);
    expect(doc.instructions[2]?.heredocs[0]?.stripTabs).toBe(true);
    // A heredoc fed to another interpreter is not lexed as shell.
    expect(doc.instructions[3]?.commands.map((c) => c.words[0]?.value)).toEqual(['python3']);
    expect(findings(text).filter((f) => f.startsWith('root-user'))).toEqual([]);
  });

  it('reports an unterminated heredoc', () => {
    const { errors } = parse('FROM debian:12\nRUN <<EOF\necho hi\n');
    expect(errors).toEqual(['2: Here-document <<EOF is not terminated']);
  });

  it('reads stages: image, alias, platform, parent and ARG defaults', () => {
    const text = [
      'ARG BASE=node:20.18-slim',
      'ARG TAG',
      'FROM --platform=$BUILDPLATFORM ${BASE} AS build',
      'FROM build as test',
      'FROM scratch',
      'FROM golang:${TAG}',
      'FROM ghcr.io/acme/app:1.2@sha256:abc',
      '',
    ].join('\n');
    const { doc } = parse(text);
    const [build, test, scratch, golang, pinned] = doc.stages;
    expect(build?.alias).toBe('build');
    expect(build?.platform).toBe('$BUILDPLATFORM');
    expect(build?.resolved).toEqual({ ref: 'node:20.18-slim', name: 'node', tag: '20.18-slim' });
    expect(text.slice(build?.imageStart, build?.imageEnd)).toBe('${BASE}');
    expect(test?.parent).toBe(0);
    expect(scratch?.scratch).toBe(true);
    expect(golang?.resolved).toBeUndefined();
    expect(doc.final).toBe(pinned);
    expect(pinned?.resolved).toEqual({
      ref: 'ghcr.io/acme/app:1.2@sha256:abc',
      registry: 'ghcr.io',
      name: 'acme/app',
      tag: '1.2',
      digest: 'sha256:abc',
    });
  });

  it('reads exec-form JSON with offsets, and falls back to shell form for invalid JSON', () => {
    const text = 'FROM node:20\nCMD ["node", "x y.js", "\\u0041"]\nCMD [node, "a"]\n';
    const { doc } = parse(text);
    const cmd = doc.instructions[1];
    expect(cmd?.json).toBe(true);
    expect(cmd?.words.map((w) => w.value)).toEqual(['node', 'x y.js', 'A']);
    expect(text.slice(cmd?.words[1]?.start, cmd?.words[1]?.end)).toBe('"x y.js"');
    expect(doc.instructions[2]?.json).toBe(false);
    expect(readJsonArray({ text: '[]', map: [0, 1, 2] })).toEqual([]);
  });

  it('reads ENV, ARG and LABEL properties in both forms', () => {
    const { doc } = parse(
      'FROM a:1\nENV A=1 B="two words" \\\n    C=3\nENV LEGACY some value\nARG NAME\nLABEL x=y\n',
    );
    expect(doc.instructions[1]?.properties.map((p) => [p.name, p.value])).toEqual([
      ['A', '1'],
      ['B', 'two words'],
      ['C', '3'],
    ]);
    expect(doc.instructions[2]?.properties.map((p) => [p.name, p.value])).toEqual([['LEGACY', 'some value']]);
    expect(doc.instructions[3]?.properties.map((p) => [p.name, p.value])).toEqual([['NAME', null]]);
    expect(doc.instructions[4]?.properties.map((p) => [p.name, p.value])).toEqual([['x', 'y']]);
  });

  it('stops lexing RUN after SHELL switches to PowerShell', () => {
    const text =
      'FROM debian:12\nSHELL ["pwsh", "-Command"]\nRUN sudo Get-Thing\nSHELL ["/bin/bash", "-c"]\nRUN sudo ls\n';
    expect(findings(text).filter((f) => f.startsWith('sudo'))).toEqual(['sudo:5']);
  });

  it('ignores ONBUILD triggers and keyword case', () => {
    const text = 'from debian:12\nonbuild RUN sudo make\nrun sudo ls\n';
    expect(findings(text).filter((f) => f.startsWith('sudo'))).toEqual(['sudo:3']);
  });

  it('skips files over the size limit with an error', () => {
    const text = `FROM alpine:3.20\n${'# padding\n'.repeat(MAX_DOCKERFILE_BYTES / 10)}`;
    const { docs, errors } = platform.parse([{ path: 'Dockerfile', text }]);
    expect(docs).toEqual([]);
    expect(errors.map((e) => e.message)).toEqual(['Dockerfile is larger than 1024 KiB; skipped']);
  });

  it('parses a large file quickly', () => {
    const lines = ['FROM debian:12'];
    for (let i = 0; i < 5000; i++)
      lines.push(
        `RUN echo ${i} && curl -fsSL https://example.com/${i} -o /tmp/${i} \\`,
        `    && rm -f /tmp/${i}`,
      );
    const started = performance.now();
    const { doc } = parse(lines.join('\n'));
    expect(doc.instructions).toHaveLength(5001);
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});

describe('shell lexer', () => {
  const lex = (text: string): string[] =>
    parseShell({ text, map: Array.from({ length: text.length + 1 }, (_, i) => i) }).map((c) =>
      [
        c.depth,
        c.before ?? '',
        c.assignments.map((a) => a.value).join(','),
        c.words.map((w) => w.value).join(' '),
        c.after ?? '',
      ].join(' ~ '),
    );

  it('splits commands on operators and removes quotes and redirections', () => {
    expect(lex(`A=1 B="x y" echo 'a b' "c"d >/dev/null 2>&1 && curl -o- x | sh; ls`)).toEqual([
      '0 ~  ~ A=1,B=x y ~ echo a b cd ~ &&',
      '0 ~ && ~  ~ curl -o- x ~ |',
      '0 ~ | ~  ~ sh ~ ;',
      '0 ~ ; ~  ~ ls ~ ',
    ]);
  });

  it('keeps expansions as written and skips comments and in-script heredocs', () => {
    expect(lex('echo "$(curl -s x)" ${HOME}/a # comment\ncat <<EOT > f\nsudo rm -rf /\nEOT\nid')).toEqual([
      '0 ~  ~  ~ echo $(curl -s x) ${HOME}/a ~ ;',
      '0 ~ ; ~  ~ cat ~ ;',
      '0 ~ ; ~  ~ id ~ ',
    ]);
  });

  it('drops if/then/do prefixes and lexes nested sh -c scripts', () => {
    expect(lex(`if [ -f x ]; then sudo -u app bash -ec "apt-get update && ls"; fi`)).toEqual([
      '0 ~  ~  ~ [ -f x ] ~ ;',
      '0 ~ ; ~  ~ sudo -u app bash -ec apt-get update && ls ~ ;',
      '1 ~  ~  ~ apt-get update ~ &&',
      '1 ~ && ~  ~ ls ~ ',
    ]);
  });

  it('unwraps sudo, env and other wrappers', () => {
    const [command] = parseShell({
      text: 'sudo -E env DEBIAN_FRONTEND=noninteractive nohup apt-get install -y x',
      map: Array.from({ length: 80 }, (_, i) => i),
    });
    const inv = command === undefined ? undefined : invocation(command);
    expect(inv?.name).toBe('apt-get');
    expect(inv?.args.map((a) => a.value)).toEqual(['install', '-y', 'x']);
    expect(inv?.assignments.map((a) => a.value)).toEqual(['DEBIAN_FRONTEND=noninteractive']);
  });
});

describe('dockerfile variables and images', () => {
  it('expands known variables and gives up on unknown ones', () => {
    const scope = new Map<string, string | null>([
      ['A', 'x'],
      ['EMPTY', ''],
      ['UNSET', null],
    ]);
    expect(expand('$A/${A}', scope)).toBe('x/x');
    expect(expand('${MISSING:-d}', scope)).toBe('d');
    expect(expand('${EMPTY:-d}', scope)).toBe('d');
    expect(expand('${A:+alt}', scope)).toBe('alt');
    expect(expand('${UNSET}', scope)).toBeUndefined();
    expect(expand('$MISSING', scope)).toBeUndefined();
    expect(expand('\\$A', scope)).toBe('$A');
  });

  it('parses image references', () => {
    expect(parseImageRef('alpine')).toEqual({ ref: 'alpine', name: 'alpine' });
    expect(parseImageRef('localhost:5000/team/app')).toEqual({
      ref: 'localhost:5000/team/app',
      registry: 'localhost:5000',
      name: 'team/app',
    });
    expect(parseImageRef('Docker.io/Library/Node:20')?.name).toBe('library/node');
    expect(parseImageRef('ruby:{tag}')).toBeUndefined();
    expect(parseImageRef('node:${V}')).toBeUndefined();
  });

  it('joins lines with a custom escape character', () => {
    const text = 'RUN a `\n  b';
    expect(joinLines(text, 3, text.length, '`').text).toBe('a   b');
  });
});

describe('dockerfile findings on a realistic multi-stage file', () => {
  it('reports only what applies to each stage', () => {
    const text = [
      '# syntax=docker/dockerfile:1',
      'FROM node:20.18-bookworm-slim AS deps',
      'WORKDIR /app',
      'COPY package.json package-lock.json ./',
      'RUN --mount=type=cache,target=/root/.npm npm ci',
      '',
      'FROM node:20.18-bookworm-slim AS build',
      'WORKDIR /app',
      'COPY --from=deps /app/node_modules ./node_modules',
      'COPY . .',
      'RUN apt-get update && apt-get install -y --no-install-recommends python3 && npm run build',
      '',
      'FROM gcr.io/distroless/nodejs20-debian12:nonroot',
      'WORKDIR /app',
      'COPY --from=build /app/dist ./dist',
      'EXPOSE 3000',
      'HEALTHCHECK CMD ["/nodejs/bin/node", "dist/health.js"]',
      'CMD ["dist/server.js"]',
      '',
    ].join('\n');
    expect(findings(text)).toEqual([
      'apt-unpinned-packages:11',
      'base-image-no-digest:13',
      'base-image-no-digest:2',
      'base-image-no-digest:7',
    ]);
  });
});
