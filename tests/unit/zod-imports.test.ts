// Zod is configured once, in lib/zod.ts (no eval: extension pages and the service worker forbid it). A module
// that imports 'zod' directly could run before that configuration, so every module imports `z` from there.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from '../../lib/zod';

const ROOT = join(__dirname, '../..');
const SOURCE_FOLDERS = ['lib', 'components', 'entrypoints'];
const CONFIGURING_MODULE = 'lib/zod.ts';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(?:ts|tsx|js|mjs)$/.test(entry.name) ? [path] : [];
  });
}

/** Static, re-exporting, side-effect and dynamic imports of 'zod' or any of its entry points ('zod/mini'…). */
function importsZodDirectly(source: string): boolean {
  return /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)['"]zod(?:\/[^'"]*)?['"]/.test(source);
}

describe('zod imports', () => {
  it('recognises every way of importing zod, and nothing else', () => {
    for (const line of [
      "import { z } from 'zod';",
      'import type { z } from "zod";',
      "export { z } from 'zod';",
      "import 'zod';",
      "const { z } = await import('zod');",
      "import { z } from 'zod/mini';",
      "import { config } from 'zod/v4/core';",
    ]) {
      expect(importsZodDirectly(line), line).toBe(true);
    }
    for (const line of ["import { z } from '../zod';", "import { z } from '../../lib/zod';", "const zod = 'zod';"]) {
      expect(importsZodDirectly(line), line).toBe(false);
    }
  });

  it(`leaves 'zod' to ${CONFIGURING_MODULE} in lib/, components/ and entrypoints/`, () => {
    const files = SOURCE_FOLDERS.flatMap((folder) => sourceFiles(join(ROOT, folder)));
    expect(files.length).toBeGreaterThan(100);
    const offenders = files
      .map((file) => relative(ROOT, file))
      .filter((file) => file !== CONFIGURING_MODULE && importsZodDirectly(readFileSync(join(ROOT, file), 'utf8')));
    expect(offenders).toEqual([]);
    expect(importsZodDirectly(readFileSync(join(ROOT, CONFIGURING_MODULE), 'utf8'))).toBe(true);
  });

  it('configures Zod once, without eval', () => {
    expect(z.config().jitless).toBe(true);
    const files = SOURCE_FOLDERS.flatMap((folder) => sourceFiles(join(ROOT, folder)));
    const configuring = files.filter((file) => /\bz\.config\(/.test(readFileSync(file, 'utf8')));
    expect(configuring.map((file) => relative(ROOT, file))).toEqual([CONFIGURING_MODULE]);
  });
});
