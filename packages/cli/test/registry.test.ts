import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SCANNER_REGISTRY } from '../src/registry.js';

const repo = new URL('../../../', import.meta.url);

describe('scanner registry', () => {
  it('lists exactly the folders under packages/scanners', () => {
    const folders = readdirSync(new URL('packages/scanners/', repo), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
    expect(SCANNER_REGISTRY.map((s) => s.id).sort()).toEqual(folders);
  });

  it('names each scanner package after its folder, as a CLI dependency and a workspace', () => {
    const cli = JSON.parse(readFileSync(new URL('packages/cli/package.json', repo), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    const root = JSON.parse(readFileSync(new URL('package.json', repo), 'utf8')) as { workspaces: string[] };
    for (const { id, packageName } of SCANNER_REGISTRY) {
      const pkg = JSON.parse(readFileSync(new URL(`packages/scanners/${id}/package.json`, repo), 'utf8')) as {
        name: string;
      };
      expect(pkg.name).toBe(packageName);
      expect(cli.dependencies[packageName]).toBeDefined();
      expect(root.workspaces).toContain(`packages/scanners/${id}`);
    }
  });

  it('keeps core free of scanner imports', () => {
    const files = readdirSync(new URL('packages/core/src/', repo), {
      recursive: true,
      withFileTypes: true,
    }).filter((d) => d.isFile());
    for (const file of files) {
      const text = readFileSync(`${file.parentPath}/${file.name}`, 'utf8');
      expect(text, file.name).not.toMatch(/from ['"]@rampart\/scanner-/);
    }
  });
});
