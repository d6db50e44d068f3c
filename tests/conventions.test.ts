// The conventions of docs/conventions.md, held by a test (in the manner of refined-github's
// build/features.test.ts): features, Salesforce selectors and their fixture pages, tests for lib/, file names.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as selectors from '../lib/crm/salesforce/selectors';
import type { FixtureMatch } from '../lib/crm/salesforce/selectors';
import { features } from '../lib/features';
import { FIXTURE_PAGES_DIR, loadFixturePage } from './fixtures/load-page';

const ROOT = join(__dirname, '..');
const FEATURES_DIR = join(ROOT, 'lib', 'features');
/** Where the repository's own files live (build output, dependencies and tool state are not walked). */
const SOURCE_ROOTS = ['components', 'docs', 'entrypoints', 'lib', 'public', 'salesforce', 'scripts', 'tests'];

/** Every file under `dir`, as paths relative to the repository, skipping dot-folders (tool state). */
function filesUnder(dir: string): string[] {
  const absolute = join(ROOT, dir);
  if (!existsSync(absolute)) return [];
  return readdirSync(absolute).flatMap((name) => {
    if (name.startsWith('.') && statSync(join(absolute, name)).isDirectory()) return [];
    const path = join(dir, name);
    return statSync(join(ROOT, path)).isDirectory() ? filesUnder(path) : [path];
  });
}

const allFiles = SOURCE_ROOTS.flatMap(filesUnder);
const testFiles = allFiles.filter((path) => /\.test\.tsx?$/.test(path));
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

/** The repository files a module imports by relative path, resolved as TypeScript resolves them. */
function relativeImports(path: string): string[] {
  const specifiers = [...read(path).matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"?]+)/g)].map((m) => m[1]!);
  return specifiers.flatMap((specifier) => {
    const base = join(dirname(path), specifier);
    const found = [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')].find(
      (candidate) => existsSync(join(ROOT, candidate)) && statSync(join(ROOT, candidate)).isFile(),
    );
    return found ? [found] : [];
  });
}

/** Every module directly in lib/features/, loaded on demand (Vite needs the pattern spelled out). */
const featureModules = import.meta.glob(['../lib/features/*.ts', '../lib/features/*.tsx', '!../lib/features/index.ts']);

describe('features', () => {
  const featureFiles = readdirSync(FEATURES_DIR)
    .filter((name) => /\.tsx?$/.test(name) && name !== 'index.ts')
    .map((name) => name.replace(/\.tsx?$/, ''));
  const indexSource = read('lib/features/index.ts');

  it('lib/features/ holds one file per feature, the list, and helpers/', () => {
    const folders = readdirSync(FEATURES_DIR).filter((name) => statSync(join(FEATURES_DIR, name)).isDirectory());
    expect(folders).toEqual(['helpers']);
    expect(featureFiles.length).toBeGreaterThan(0);
  });

  it.each(featureFiles)('%s is registered once in lib/features/index.ts, with its file name as id', async (file) => {
    const imports = [...indexSource.matchAll(new RegExp(`from '\\./${file}'`, 'g'))];
    expect(imports, 'imported once by the list').toHaveLength(1);
    const feature = ((await featureModules[`../lib/features/${file}.ts`]?.()) ??
      (await featureModules[`../lib/features/${file}.tsx`]?.())) as { default: { id: string } } | undefined;
    expect(feature, 'a module with a default export').toBeDefined();
    expect(feature!.default.id).toBe(file);
    expect(
      features.filter((registered) => registered === feature!.default),
      'listed once',
    ).toHaveLength(1);
  });

  it('lists nothing but those files, each id once, none with an empty include', () => {
    expect(features.map((feature) => feature.id).sort()).toEqual([...featureFiles].sort());
    for (const feature of features) expect(feature.include.length, feature.id).toBeGreaterThan(0);
  });

  it.each(featureFiles)('%s imports no other feature', (file) => {
    const path = allFiles.find((candidate) => candidate.replace(/\.tsx?$/, '') === `lib/features/${file}`)!;
    const otherFeatures = relativeImports(path).filter((imported) => dirname(imported) === 'lib/features');
    expect(otherFeatures).toEqual([]);
  });
});

describe('Salesforce selectors', () => {
  type Selector = string | readonly string[] | ((...args: string[]) => string);
  const exported = selectors as unknown as Record<string, unknown>;
  const named = Object.entries(exported).filter(([name]) => !name.endsWith('_')) as [string, Selector][];
  const pages = readdirSync(FIXTURE_PAGES_DIR).filter((name) => name.endsWith('.html'));
  const documents = new Map(pages.map((page) => [page, loadFixturePage(page)]));

  const fixturesOf = (name: string) => exported[`${name}_`] as readonly FixtureMatch[] | undefined;
  const build = (selector: Selector, args: readonly string[]): readonly string[] =>
    typeof selector === 'function' ? [selector(...args)] : typeof selector === 'string' ? [selector] : selector;
  /** A CSS selector's matches; a `…Tags` list (custom element names, see selectors.ts) counts elements by name. */
  const count = (page: string, css: string) => documents.get(page)!.querySelectorAll(css).length;
  const countTags = (page: string, tagNames: readonly string[]) =>
    [...documents.get(page)!.querySelectorAll('*')].filter((element) => tagNames.includes(element.localName)).length;
  const isTagList = (name: string) => name.endsWith('Tags');

  it('are all accompanied by fixtures', () => {
    expect(named.length).toBeGreaterThan(15);
    const without = named.filter(([name]) => !Array.isArray(fixturesOf(name)) || fixturesOf(name)!.length === 0);
    expect(without.map(([name]) => name)).toEqual([]);
  });

  it.each(named)('%s matches its fixture pages as many times as they say', (name, selector) => {
    for (const [expected, page, ...args] of fixturesOf(name) ?? []) {
      expect(pages, `${name}_ names ${page}`).toContain(page);
      const matched = build(selector, args);
      const found = isTagList(name) ? countTags(page, matched) : count(page, matched.join(', '));
      expect(found, `${name} in ${page}`).toBe(expected);
    }
  });

  it.each(named)('%s matches at least one element, each alternative of a list included', (name, selector) => {
    const fixtures = fixturesOf(name) ?? [];
    const total = (css: (args: readonly string[]) => string) =>
      fixtures.reduce(
        (sum, [, page, ...args]) => sum + (isTagList(name) ? countTags(page, [css(args)]) : count(page, css(args))),
        0,
      );
    if (Array.isArray(selector)) {
      for (const alternative of selector as readonly string[]) {
        expect(
          total(() => alternative),
          `${name}: ${alternative}`,
        ).toBeGreaterThan(0);
      }
    } else {
      expect(
        total((args) => build(selector, args).join(', ')),
        name,
      ).toBeGreaterThan(0);
    }
  });

  it('never rely on generated ids', () => {
    const all = named.flatMap(([, selector]) => build(selector, ['Object', 'Field']));
    for (const css of all) expect(css).not.toMatch(/input-\d|\blwc-[a-z0-9]+-host|#[a-z]+-\d/);
  });

  it('leave no fixture page unused', () => {
    const used = new Set(named.flatMap(([name]) => (fixturesOf(name) ?? []).map(([, page]) => page)));
    expect(pages.filter((page) => !used.has(page))).toEqual([]);
  });
});

/**
 * lib/ files no test imports directly, and why they need none of their own. An entry for a file a test
 * does import, or for a file that is gone, fails: the list only shrinks.
 */
const UNTESTED_LIB_FILES: Record<string, string> = {
  'lib/attribution/rules.ts': 'checked through the store: tests/unit/store/attributions.test.ts breaks each rule',
  'lib/crm/salesforce/match-patterns.ts': 'two manifest match patterns; the e2e suite loads the extension there',
  'lib/features/opportunity-panel.tsx': 'wiring of tested helpers and components; runs in tests/e2e/panel.e2e.ts',
  'lib/features/lead-panel.tsx': 'wiring of tested helpers and components; runs in tests/e2e/leads.e2e.ts',
  'lib/features/warmth-list-badges.ts': 'wiring of tested helpers; runs in Chromium in tests/e2e/warmth.e2e.ts',
  'lib/features/warmth-record-badge.ts': 'wiring of tested helpers; runs in Chromium in tests/e2e/warmth.e2e.ts',
  'lib/roster/partner-input.ts': 'checked through tests/unit/roster/csv.test.ts and the options partners section',
  'lib/services/team-rules.ts':
    'run through createServices against the fake org: tests/unit/services/team-rules.test.ts',
  'lib/store/team-rules.ts': 'which rules are in force, run through tests/unit/services/team-rules.test.ts',
  'lib/sync/team-rules.ts': 'pull and push run against the fake org in tests/unit/services/team-rules.test.ts',
  'lib/store/backup/integrity.ts': 'checked through parseBackup: tests/unit/store/backup/integrity.test.ts',
  'lib/store/sync-state.ts': 'one patch helper, checked through every sync test: tests/unit/sync/run.test.ts',
  'lib/sync/apply-remote.ts': 'checked through the pull that calls it: tests/unit/sync/pull.test.ts',
};

describe('tests for lib/', () => {
  const imported = new Set(testFiles.flatMap(relativeImports));
  const libFiles = allFiles.filter((path) => path.startsWith('lib/') && /\.tsx?$/.test(path));

  it('every lib/ file is imported by a test, or says why not', () => {
    const untested = libFiles.filter((path) => !imported.has(path) && !(path in UNTESTED_LIB_FILES));
    expect(untested, untested.join(' ')).toEqual([]);
  });

  it('the list of exceptions holds no tested or missing file', () => {
    const stale = Object.keys(UNTESTED_LIB_FILES).filter((path) => imported.has(path) || !libFiles.includes(path));
    expect(stale).toEqual([]);
  });

  it('no lib/ file is over 400 lines without a one-line reason at its top', () => {
    const long = libFiles.filter((path) => {
      const text = read(path);
      return text.split('\n').length > 400 && !text.startsWith('// Over 400 lines because ');
    });
    expect(long).toEqual([]);
  });
});

/**
 * Names fixed by others: the Salesforce Metadata API's (`Partner_Attribution__c.object-meta.xml`), READMEs,
 * and tools' dotfiles (`.gitignore`).
 */
const isNamedByOthers = (path: string) =>
  path.startsWith('salesforce/force-app/') || basename(path) === 'README.md' || basename(path).startsWith('.');
const KEBAB_CASE = /^[a-z0-9]+(?:-[a-z0-9]+)*(?:\.[a-z0-9]+(?:-[a-z0-9]+)*)*$/;

/**
 * Tests not named after one file, and why. Like the list above, an entry that no longer applies fails.
 */
const TESTS_OF_MORE_THAN_ONE_FILE: Record<string, string> = {
  'tests/unit/fake-org/list-views.test.ts': 'the fake org’s list views, across its pages and client',
  'tests/unit/fake-org/rest/auth-limits.test.ts': 'sessions and API limits of the fake REST API',
  'tests/unit/fake-org/rest/currency.test.ts': 'multi-currency behaviour of the fake REST API',
  'tests/unit/fake-org/rest/https.test.ts': 'the fake org over real HTTPS',
  'tests/unit/fake-org/rest/properties.test.ts': 'properties of the fake REST API as a whole',
  'tests/unit/fake-org/rest/resources.test.ts': 'the fake REST API’s resources, one after another',
  'tests/unit/fake-org/rest/upsert.test.ts': 'upserts through the fake REST API',
  'tests/unit/messaging/summary-handlers.test.ts': 'the summary requests, through lib/messaging/handlers.ts',
  'tests/unit/salesforce-metadata.test.ts': 'the salesforce/ metadata against the validators and the fake org',
  'tests/unit/store/migrations/all-migrations.test.ts': 'the whole migration chain, every version in turn',
  'tests/unit/store/schema.test.ts': 'the store’s tables and row schemas, lib/store/db.ts and row-schemas.ts',
  'tests/unit/store/summary-settings.test.ts': 'the summary settings as lib/store/settings.ts keeps them',
  'tests/unit/sync/convergence.property.test.ts': 'a property of the whole sync engine: devices converge',
  'tests/unit/sync/convergence.rest.property.test.ts': 'the same property through the fake REST API',
  'tests/unit/sync/size-budgets.test.ts': 'size budgets across the store and the push: Touches__c, parked refusals',
  'tests/unit/sync/adversary.property.test.ts': 'a property of the whole sync engine: a hostile teammate harms no one',
  'tests/unit/components/impact/impact-views.test.tsx': 'the Partner impact views of components/impact/',
  'tests/unit/impact/docs.test.ts': 'docs/partner-impact.md against the constants of lib/impact/',
  'tests/unit/layers.test.ts': 'the import direction of every lib/ file',
  'tests/unit/salesforce-reports.test.ts': 'the reports, report type and dashboard of salesforce/',
  'tests/unit/zod-imports.test.ts': 'every module imports Zod through lib/zod.ts',
};

/** Where the files a unit test folder tests live: tests/unit mirrors lib/, components/ and tests/fake-org/. */
function testedFolder(testFolder: string): string {
  const rest = relative('tests/unit', testFolder);
  if (rest === 'components' || rest.startsWith('components/')) return rest;
  if (rest === 'fake-org' || rest.startsWith('fake-org/')) return join('tests', rest);
  return join('lib', rest);
}

describe('file names', () => {
  it('are kebab-case everywhere', () => {
    const misnamed = allFiles.filter((path) => !isNamedByOthers(path) && !KEBAB_CASE.test(basename(path)));
    expect(misnamed).toEqual([]);
  });

  it('name each unit test after the file it tests (`<file>.test.ts`, or `<file>.<aspect>.test.ts`)', () => {
    const unitTests = testFiles.filter((path) => path.startsWith('tests/unit/'));
    const unmatched = unitTests.filter((path) => {
      if (path in TESTS_OF_MORE_THAN_ONE_FILE) return false;
      const tested = basename(path).split('.')[0]!;
      const folder = testedFolder(dirname(path));
      const isTested = (file: string) =>
        file.startsWith(`${folder}/`) && !file.startsWith('tests/unit/') && basename(file).split('.')[0] === tested;
      return !allFiles.some(isTested);
    });
    expect(unmatched, unmatched.join(' ')).toEqual([]);
  });

  it('the list of tests of more than one file holds only existing tests', () => {
    const gone = Object.keys(TESTS_OF_MORE_THAN_ONE_FILE).filter((path) => !testFiles.includes(path));
    expect(gone, gone.join(' ')).toEqual([]);
  });

  it('keep every test under tests/', () => {
    expect(allFiles.filter((path) => /\.test\.tsx?$/.test(path) && !path.startsWith('tests/'))).toEqual([]);
  });
});
