/**
 * @module architecture/layering.test
 * The layering of DESIGN.md, checked on every import: the rules engine knows nothing of any
 * country's law or of storage; the law uses only the engine and the kernel; the kernel depends on
 * nothing of Samaki. Imports are read with TypeScript's own pre-processor, not a regex.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = join(dir, entry);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return entry.endsWith('.ts') ? [full] : [];
  });
}

/** The top-level src folder each relative import of a file lands in. */
function importedFolders(file: string): { specifier: string; folder: string }[] {
  const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return info.importedFiles
    .map((f) => f.fileName)
    .filter((s) => s.startsWith('.'))
    .map((specifier) => {
      const target = relative(SRC, resolve(dirname(file), specifier));
      return { specifier, folder: target.split(/[\\/]/)[0]! };
    });
}

const RULES: Record<string, readonly string[]> = {
  kernel: ['kernel'],
  rules: ['rules', 'kernel'],
  law: ['law', 'rules', 'kernel'],
};

describe('layering (DESIGN.md)', () => {
  for (const [layer, allowed] of Object.entries(RULES)) {
    it(`src/${layer} imports only ${allowed.map((a) => `src/${a}`).join(', ')}`, () => {
      const files = sourceFiles(join(SRC, layer)).filter((f) => !f.endsWith('.test.ts'));
      expect(files.length).toBeGreaterThan(0);
      const violations = files.flatMap((file) =>
        importedFolders(file)
          .filter((i) => !allowed.includes(i.folder))
          .map((i) => `${relative(SRC, file)} imports ${i.specifier}`),
      );
      expect(violations).toEqual([]);
    });
  }

  it('the checker sees a forbidden import (it can fail)', () => {
    const probe = join(SRC, 'rules', 'law.ts');
    const folders = importedFolders(probe).map((i) => i.folder);
    expect(folders).toContain('kernel');
    expect(folders.every((f) => RULES.rules!.includes(f))).toBe(true);
    // The CLI imports the law and the database: a layer the rules must never import.
    const cli = importedFolders(join(SRC, 'cli', 'commands', 'start.ts')).map((i) => i.folder);
    expect(cli).toContain('db');
    expect(cli.every((f) => RULES.rules!.includes(f))).toBe(false);
  });
});
