// @vitest-environment node
// The direction of lib/: page → feature → message → background service → store → org, with pure code
// at the bottom. A layer may import its own layer and the ones below it, never one above. Type-only
// imports count too: a type from above is a dependency on above.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** lib/'s layers, lowest first. A path ending in `/` is a folder; any other names one module. */
const LAYERS = [
  // Pure values every layer uses: weeks and the clock, Intl formatters, errors, Salesforce record ids.
  // The org's field limits are data generated from salesforce/, with no imports: every layer may read them.
  {
    name: 'base',
    paths: [
      'lib/time/',
      'lib/intl.ts',
      'lib/errors.ts',
      'lib/record-id.ts',
      'lib/zod.ts',
      'lib/crm/salesforce/field-limits.generated.ts',
    ],
  },
  { name: 'domain', paths: ['lib/attribution/', 'lib/roster/', 'lib/impact/'] },
  { name: 'crm', paths: ['lib/crm/'] },
  { name: 'store', paths: ['lib/store/'] },
  { name: 'sync', paths: ['lib/sync/'] },
  { name: 'services', paths: ['lib/services/'] },
  { name: 'messaging', paths: ['lib/messaging/'] },
  { name: 'features', paths: ['lib/features/'] },
] as const;

/** What components may use only as types: the background's code stays out of pages and the content script. */
const BACKGROUND_ONLY = ['lib/store/', 'lib/sync/', 'lib/services/'];
const BY_MESSAGE = 'components get data by message, not from the store';

interface Import {
  specifier: string;
  /** `import type`, `export type`, all-`type` specifiers, or `typeof import('…')`: erased from the bundle. */
  typeOnly: boolean;
}

/** Every module a source text imports or re-exports, statically or dynamically. */
function importsOf(fileName: string, text: string): Import[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TSX);
  const found: Import[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const named = clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings : undefined;
      const onlyTypeNames =
        !!clause && !clause.name && !!named && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly);
      found.push({ specifier: node.moduleSpecifier.text, typeOnly: !!clause?.isTypeOnly || onlyTypeNames });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const named = node.exportClause && ts.isNamedExports(node.exportClause) ? node.exportClause : undefined;
      const onlyTypeNames = !!named && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly);
      found.push({ specifier: node.moduleSpecifier.text, typeOnly: node.isTypeOnly || onlyTypeNames });
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteralLike(node.arguments[0])
    ) {
      found.push({ specifier: node.arguments[0].text, typeOnly: false });
    } else if (
      ts.isImportTypeNode(node) &&
      ts.isLiteralTypeNode(node.argument) &&
      ts.isStringLiteral(node.argument.literal)
    ) {
      found.push({ specifier: node.argument.literal.text, typeOnly: true });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The repository path an import names (`lib/store/db`), or undefined for a package. */
function resolveImport(file: string, specifier: string): string | undefined {
  const path = specifier.replace(/\?.*$/, '');
  // WXT's aliases for the project root.
  if (/^[@~]{1,2}\//.test(path)) return path.replace(/^[@~]{1,2}\//, '');
  if (!path.startsWith('.')) return undefined;
  const target = join(dirname(file), path).replace(/\.(tsx?|jsx?)$/, '');
  // A folder stands for its index module.
  const folder = join(ROOT, target);
  return existsSync(folder) && statSync(folder).isDirectory() ? `${target}/index` : target;
}

function within(path: string, prefixes: readonly string[]): boolean {
  return prefixes.some((prefix) =>
    prefix.endsWith('/') ? path.startsWith(prefix) : path.replace(/\.(tsx?)$/, '') === prefix.replace(/\.(tsx?)$/, ''),
  );
}

/** The layer's index (0 = base), or -1 for a path in no layer. */
function layerOf(path: string): number {
  return LAYERS.findIndex((layer) => within(path, layer.paths));
}

/** Each import of a lib file that reaches a higher layer, or components/ from anywhere but lib/features. */
function upwardImports(file: string, imports: readonly Import[]): string[] {
  const own = layerOf(file);
  const problems: string[] = [];
  for (const { specifier } of imports) {
    const target = resolveImport(file, specifier);
    if (target === undefined) continue;
    if (target.startsWith('components/') && !file.startsWith('lib/features/')) {
      problems.push(`${file} imports '${specifier}': only lib/features may import components/`);
      continue;
    }
    const layer = layerOf(target);
    if (layer > own) {
      problems.push(`${file} imports '${specifier}': ${LAYERS[own]!.name} may not import ${LAYERS[layer]!.name}`);
    }
  }
  return problems;
}

/** Each runtime import of the background's code by a component. */
function backgroundImports(file: string, imports: readonly Import[]): string[] {
  return imports
    .filter(({ specifier, typeOnly }) => {
      const target = resolveImport(file, specifier);
      return !typeOnly && target !== undefined && within(target, BACKGROUND_ONLY);
    })
    .map(({ specifier }) => `${file} imports '${specifier}' at runtime: ${BY_MESSAGE}`);
}

function sourceFiles(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts'))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)))
    .sort();
}

function importsOfFile(file: string): Import[] {
  return importsOf(file, readFileSync(join(ROOT, file), 'utf8'));
}

describe('the layers of lib/', () => {
  const files = sourceFiles('lib');

  it('reads the files it checks', () => {
    expect(files).toContain('lib/services/index.ts');
    expect(files).toContain('lib/messaging/handlers.ts');
  });

  it('places every file of lib/ in a layer', () => {
    expect(files.filter((file) => layerOf(file) === -1)).toEqual([]);
  });

  // Parses every file of lib/ with the TypeScript compiler: seconds on a busy machine.
  it('never imports upwards, types included', { timeout: 60_000 }, () => {
    expect(files.flatMap((file) => upwardImports(file, importsOfFile(file)))).toEqual([]);
  });
});

describe('components/', () => {
  it('use the store, sync and services only through types of the protocol, never at runtime', () => {
    const files = sourceFiles('components');
    expect(files.length).toBeGreaterThan(0);
    expect(files.flatMap((file) => backgroundImports(file, importsOfFile(file)))).toEqual([]);
  });
});

describe('the import check itself', () => {
  const text = [
    "import { a } from '../store/db';",
    "import type { B } from '../services';",
    "import { type C, type D } from '../sync/types';",
    "import { type E, f } from '../sync/engine';",
    "export { g } from './same-layer';",
    "export type { H } from '../messaging/protocol';",
    "import '../../components/panel.css?inline';",
    "type I = typeof import('../features/runner');",
    "const j = () => import('zod');",
  ].join('\n');
  const imports = importsOf('lib/crm/example.ts', text);

  it('finds static, re-exported, side-effect, dynamic and type-position imports, and tells types apart', () => {
    expect(imports).toEqual([
      { specifier: '../store/db', typeOnly: false },
      { specifier: '../services', typeOnly: true },
      { specifier: '../sync/types', typeOnly: true },
      { specifier: '../sync/engine', typeOnly: false },
      { specifier: './same-layer', typeOnly: false },
      { specifier: '../messaging/protocol', typeOnly: true },
      { specifier: '../../components/panel.css?inline', typeOnly: false },
      { specifier: '../features/runner', typeOnly: true },
      { specifier: 'zod', typeOnly: false },
    ]);
  });

  it('names each upward import with its file and the layers involved', () => {
    const file = 'lib/crm/example.ts';
    expect(upwardImports(file, importsOf(file, text))).toEqual([
      `${file} imports '../store/db': crm may not import store`,
      `${file} imports '../services': crm may not import services`,
      `${file} imports '../sync/types': crm may not import sync`,
      `${file} imports '../sync/engine': crm may not import sync`,
      `${file} imports '../messaging/protocol': crm may not import messaging`,
      `${file} imports '../../components/panel.css?inline': only lib/features may import components/`,
      `${file} imports '../features/runner': crm may not import features`,
    ]);
    expect(upwardImports('lib/features/example.ts', importsOf('lib/features/example.ts', text))).toEqual([]);
  });

  it('lets components import the background only as types', () => {
    const file = 'components/example.tsx';
    const component = importsOf(
      file,
      [
        "import type { A } from '../lib/store/db';",
        "import { b } from '../lib/services/sync';",
        "import { c } from '../lib/time/week';",
      ].join('\n'),
    );
    const expected = `${file} imports '../lib/services/sync' at runtime: ${BY_MESSAGE}`;
    expect(backgroundImports(file, component)).toEqual([expected]);
  });
});
