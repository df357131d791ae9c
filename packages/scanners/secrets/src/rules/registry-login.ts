import type { SecretRule } from '../secret-rule.js';

/**
 * Passwords given on the command line of a container registry login. A catch-all: tokens with a
 * provider format (Docker Hub, GitHub, Azure Container Registry...) are reported by their own rules.
 */
export const REGISTRY_LOGIN_RULES: readonly SecretRule[] = [
  {
    id: 'secrets/registry-login-password',
    title: 'Registry password on a login command line',
    severity: 'high',
    precision: 'high',
    cwe: ['CWE-798', 'CWE-214'],
    description:
      'A password or token passed with -p or --password to docker, podman, buildah, nerdctl, oras or helm ' +
      'registry login. It pulls and usually pushes images for the account, and the command line is visible ' +
      'to other processes and kept in shell history and CI logs.',
    help: {
      bad: 'docker login registry.acme.io -u ci-bot -p Hx4qTz8mLw2vRb6n', // rampart-ignore: secrets/* synthetic documentation example
      good: 'echo "$REGISTRY_TOKEN" | docker login registry.acme.io -u ci-bot --password-stdin',
      fix: 'Revoke the password or token, and pass credentials with --password-stdin from a CI secret or use a credential helper.',
    },
    references: [
      'https://docs.docker.com/reference/cli/docker/login/',
      'https://docs.podman.io/en/latest/markdown/podman-login.1.html',
    ],
    keywords: ['login'],
    pattern:
      /(?<![A-Za-z0-9_-])(?:docker|podman|buildah|nerdctl|oras|helm\s{1,4}registry)\s{1,4}login\b[^\n|;&]{0,200}?\s(?:-p|--password)(?:\s{1,4}|=)["']?(?<secret>[^\s"'`]{6,128})/,
    fallback: true,
  },
];
