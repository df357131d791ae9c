import { describe, expect, it } from 'vitest';
import { fileFilter } from '../src/pipeline/file-filter.js';

const PATHS = [
  'package-lock.json',
  'a/b/package-lock.json',
  'yarn.lock',
  'deep/x/Cargo.lock',
  'src/app.map',
  'src/app.js',
  '.env',
  'config/.env.local',
  'docs/guide.md',
  'docs/api/v1.md',
  'README.md',
  'k8s/deploy.yaml',
  'Dockerfile',
  'svc/Dockerfile.prod',
] as const;

// Globs without a slash match the file name anywhere; globs with one match the whole path.
const CASES: { include: string[]; exclude?: string[]; expected: string[] }[] = [
  { include: ['**'], expected: [...PATHS] },
  {
    include: ['**'],
    exclude: ['package-lock.json', '*.lock', '*.map'],
    expected: PATHS.filter((p) => !/(?:package-lock\.json|\.lock|\.map)$/.test(p)),
  },
  { include: ['*.md'], exclude: ['docs/api/**'], expected: ['docs/guide.md', 'README.md'] },
  {
    include: ['Dockerfile', 'Dockerfile.*', '**/*.yaml'],
    expected: ['k8s/deploy.yaml', 'Dockerfile', 'svc/Dockerfile.prod'],
  },
  { include: ['.env*'], expected: ['.env', 'config/.env.local'] },
  { include: ['docs/**/*.md', '*.js'], expected: ['src/app.js', 'docs/guide.md', 'docs/api/v1.md'] },
];

describe('fileFilter', () => {
  it.each(CASES)('selects the right files for %j', ({ include, exclude, expected }) => {
    const wants = fileFilter({ include, ...(exclude ? { exclude } : {}) });
    expect(PATHS.filter(wants)).toEqual(PATHS.filter((p) => expected.includes(p)));
  });
});
