// `npm run bench`: how big the extension is and how fast the opportunity panel follows Salesforce.
// A benchmark, not a test: it prints measured figures against their targets and never fails on a figure.
//
//   npm run bench               builds the Chrome extension first
//   npm run bench -- --no-build  measures the existing .output/chrome-mv3
//
// Prints one table and writes every figure (samples included) to .tmp/bench.json.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { BrowserContext, Page } from 'playwright-core';
import { launchExtension, optionsUrl, type LaunchedExtension } from '../tests/e2e/harness';
import { benchApiCalls } from './bench-api';
import { benchBadges } from './bench-badges';
import { benchPopup } from './bench-popup';
import { benchCredit } from './bench-credit';
import { benchRosterImport, benchRosterOrgImport } from './bench-roster';
import { benchSummary, SUMMARY_TARGET_MS } from './bench-summary';
import { benchImpact, describeImpactBench } from './bench-impact';
import { startFakeOrg, type FakeOrg } from '../tests/fake-org/server';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUTPUT = join(ROOT, '.output', 'chrome-mv3');
const REPORT = join(ROOT, '.tmp', 'bench.json');

const KIB = 1024;
const TARGETS = {
  contentScriptGzipKiB: 30,
  panelAfterHeaderMs: 100,
  /** "Well under a few seconds" for a 10,000-row roster. */
  rosterImportMs: 3_000,
  /** 100,000 attributions: the weekly summary's budget is 50 ms for one week; a whole org gets a second. */
  creditAllMs: 1_000,
  /** One week's summary with its 12-week trend over 100,000 attributions (Node). */
  summaryWeekMs: SUMMARY_TARGET_MS,
  /** Every rendered row of a 2,000-row list view badged within 100 ms of appearing. */
  badgeAfterRowMs: 100,
  longTaskMs: 50,
  badgeMemoryMiB: 10,
  /** The weekly summary popup's first meaningful paint with 100,000 attributions. */
  popupPaintMs: 150,
  /** 100,000 attributions: the popup opened right after a change shows the new figures this soon. */
  freshFiguresMs: 300,
};
const ROSTER_ROWS = 10_000;
const ROSTER_RUNS = 3;
/** SPA navigations measured per render delay, after a few unmeasured ones that warm up the JIT and caches. */
const NAVIGATIONS = 20;
const WARM_UP_NAVIGATIONS = 2;
const PAGE_LOADS = 10;
const STEP_TIMEOUT_MS = 5_000;

// ---------------------------------------------------------------------------------------------------------
// Statistics

interface Stats {
  n: number;
  median: number;
  p90: number;
  min: number;
  max: number;
}

function stats(values: number[]): Stats | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  // Nearest rank: the value 90 % of the samples are at or below.
  const p90 = sorted[Math.ceil(0.9 * sorted.length) - 1]!;
  return { n: sorted.length, median, p90, min: sorted[0]!, max: sorted[sorted.length - 1]! };
}

// ---------------------------------------------------------------------------------------------------------
// Build and bundle sizes

function build(): void {
  console.log('Building the Chrome extension (npx wxt build)…');
  const result = spawnSync('npx', ['wxt', 'build'], { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) {
    process.stdout.write(result.stdout ?? '');
    process.stderr.write(result.stderr ?? '');
    throw new Error(`wxt build failed (exit ${result.status ?? result.signal}).`);
  }
}

interface BundleSize {
  files: string[];
  raw: number;
  gzip: number;
}

function sizeOf(files: string[]): BundleSize {
  let raw = 0;
  let gzip = 0;
  for (const file of files) {
    const bytes = readFileSync(file);
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return { files: files.map((file) => relative(OUTPUT, file)), raw, gzip };
}

/** Output paths are root-relative (`/chunks/x.js`) in HTML and file-relative (`./x.js`) in chunks. */
function resolveOutputPath(from: string, specifier: string): string {
  return specifier.startsWith('/') ? join(OUTPUT, specifier) : join(dirname(from), specifier);
}

/** Static imports only: a dynamic `import("…")` is loaded later, when needed, so it is not part of the page's cost. */
const STATIC_IMPORT = /(?:\bimport|\bexport)\s*(?:[^'"`();]*?\bfrom\s*)?["']([./][^"']+\.js)["']/g;
const HTML_SCRIPT = /<script\b[^>]*\bsrc="([^"]+\.js)"|<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+\.js)"/g;

/** Every JS file an HTML page loads: its scripts and modulepreloads, then their static imports, transitively. */
function scriptsOfPage(htmlFile: string): string[] {
  const html = join(OUTPUT, htmlFile);
  const queue = [...readFileSync(html, 'utf8').matchAll(HTML_SCRIPT)].map((m) =>
    resolveOutputPath(html, (m[1] ?? m[2])!),
  );
  const seen = new Set<string>();
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const match of readFileSync(file, 'utf8').matchAll(STATIC_IMPORT))
      queue.push(resolveOutputPath(file, match[1]!));
  }
  return [...seen].sort();
}

function measureBundles(): Record<'contentScript' | 'background' | 'popup' | 'options', BundleSize> {
  return {
    contentScript: sizeOf([join(OUTPUT, 'content-scripts', 'salesforce.js')]),
    background: sizeOf([join(OUTPUT, 'background.js')]),
    popup: sizeOf(scriptsOfPage('popup.html')),
    options: sizeOf(scriptsOfPage('options.html')),
  };
}

// ---------------------------------------------------------------------------------------------------------
// In-page probes. These functions run in the page's main world, so they may only use their arguments and the
// page's globals. Times are the page's performance.now(), taken in MutationObserver callbacks: no polling.

const TITLE_IN_ACTIVE_PAGE =
  'div.windowViewMode-normal.active records-highlights2 slot[name="primaryField"] lightning-formatted-text';

/** tsx keeps function names by wrapping functions in `__name(…)`; functions sent to the page need the helper there. */
async function installNameHelper(context: BrowserContext): Promise<void> {
  await context.addInitScript('globalThis.__name ??= (fn) => fn;');
}

interface LoadMarks {
  /** Since navigation start (the page's time origin). */
  header?: number;
  host?: number;
  panel?: number;
  panelText?: string;
}

/** From document start: when the record title, the panel host and the panel's name first appear. */
function loadProbe(titleSelector: string): void {
  const marks: LoadMarks = {};
  let done: (marks: LoadMarks) => void = () => {};
  const page = window as unknown as { __benchLoad: Promise<LoadMarks> };
  page.__benchLoad = new Promise((resolve) => (done = resolve));
  const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

  const check = () => {
    const now = performance.now();
    if (marks.header === undefined && text(document.querySelector(titleSelector))) marks.header = now;
    const host = document.querySelector('partner-ledger-panel');
    if (host?.shadowRoot && marks.host === undefined) {
      marks.host = now;
      // The host's shadow root is out of the document observer's reach.
      shadowObserver.observe(host.shadowRoot, { childList: true, subtree: true, characterData: true });
    }
    const title = text(host?.shadowRoot?.querySelector('h2.pl-title'));
    if (title && title !== 'Loading…') {
      Object.assign(marks, { panel: now, panelText: title });
      documentObserver.disconnect();
      shadowObserver.disconnect();
      done(marks);
    }
  };
  const documentObserver = new MutationObserver(check);
  const shadowObserver = new MutationObserver(check);
  documentObserver.observe(document, { childList: true, subtree: true, characterData: true });
}

interface NavMarks {
  /** Milliseconds after the navigation call. */
  header?: number;
  panel?: number;
  /** When `navigate()` returned (the fake org renders synchronously inside it when its delay is 0). */
  navigateReturned?: number;
  /**
   * The previous page's panel was seen gone. The content script removes it inside `history.pushState` (WXT's
   * location watcher uses the Navigation API), so this first shows when `navigate()` returns.
   */
  oldPanelRemoved?: number;
  /** The content script appended the new panel host (after its request to the background). */
  newPanelHost?: number;
  error?: string;
}

/**
 * One SPA navigation, timed. t0 = the `__fakeOrg.navigate` call; the header mark is the new active page's
 * title showing `name`; the panel mark is the panel's h2 showing `name` (its host is re-created per page).
 */
function timeNavigation({
  path,
  name,
  titleSelector,
  timeoutMs,
}: {
  path: string;
  name: string;
  titleSelector: string;
  timeoutMs: number;
}): Promise<NavMarks> {
  const fakeOrg = (window as unknown as { __fakeOrg: { navigate(path: string): Promise<void> } }).__fakeOrg;
  const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
  const previousPage = document.querySelector('div.windowViewMode-normal.active');
  const previousHost = document.querySelector('partner-ledger-panel');
  const marks: NavMarks = {};

  return new Promise((resolve) => {
    const observers: MutationObserver[] = [];
    const watchedHosts = new Set<Element>();
    let t0 = 0;
    const finish = (error?: string) => {
      for (const observer of observers) observer.disconnect();
      clearTimeout(timer);
      if (error) marks.error = error;
      resolve(marks);
    };
    const timer = setTimeout(() => finish(`timed out after ${timeoutMs} ms`), timeoutMs);

    const check = () => {
      const elapsed = performance.now() - t0;
      const title = document.querySelector(titleSelector);
      const page = title?.closest('div.windowViewMode-normal.active');
      if (marks.header === undefined && page && page !== previousPage && text(title) === name) marks.header = elapsed;

      if (previousHost && !previousHost.isConnected && marks.oldPanelRemoved === undefined)
        marks.oldPanelRemoved = elapsed;
      const host = document.querySelector('partner-ledger-panel');
      if (host?.shadowRoot && !watchedHosts.has(host)) watchHost(host);
      if (host && host !== previousHost && marks.newPanelHost === undefined) marks.newPanelHost = elapsed;
      if (
        marks.panel === undefined &&
        host?.isConnected &&
        text(host.shadowRoot?.querySelector('h2.pl-title')) === name
      ) {
        marks.panel = elapsed;
      }
      if (marks.header !== undefined && marks.panel !== undefined) finish();
    };
    // The panel's shadow root is out of the body observer's reach: each host gets its own observer.
    const watchHost = (host: Element) => {
      watchedHosts.add(host);
      const observer = new MutationObserver(check);
      observer.observe(host.shadowRoot!, { childList: true, subtree: true, characterData: true });
      observers.push(observer);
    };
    const bodyObserver = new MutationObserver(check);
    bodyObserver.observe(document.body, {
      childList: true,
      subtree: true,
      characterData: true,
      attributes: true,
      attributeFilter: ['class'],
    });
    observers.push(bodyObserver);
    if (previousHost?.shadowRoot) watchHost(previousHost);

    t0 = performance.now();
    void fakeOrg.navigate(path);
    marks.navigateReturned = performance.now() - t0;
    check();
  });
}

// ---------------------------------------------------------------------------------------------------------
// Browser measurements

interface Opportunity {
  id: string;
  name: string;
}

interface NavigationRound {
  renderDelayMs: number;
  samples: Array<NavMarks & { id: string }>;
}

/** Full page load of an opportunity: resolves with the in-page marks once the panel shows a name. */
async function loadOpportunity(page: Page, org: FakeOrg, id: string): Promise<LoadMarks> {
  await page.goto(org.opportunityUrl(id));
  const marks = await page.evaluate(
    (timeoutMs) =>
      Promise.race([
        (window as unknown as { __benchLoad: Promise<LoadMarks> }).__benchLoad,
        new Promise<LoadMarks>((resolve) => setTimeout(() => resolve({}), timeoutMs)),
      ]),
    STEP_TIMEOUT_MS,
  );
  return marks;
}

async function measureNavigations(
  page: Page,
  org: FakeOrg,
  targets: Opportunity[],
  renderDelayMs: number,
): Promise<NavigationRound> {
  const [start, ...rest] = targets;
  await loadOpportunity(page, org, start!.id);
  await page.evaluate(
    (ms) => (window as unknown as { __fakeOrg: { setRenderDelay(ms: number): void } }).__fakeOrg.setRenderDelay(ms),
    renderDelayMs,
  );

  const samples: NavigationRound['samples'] = [];
  for (const [index, target] of rest.entries()) {
    const marks = await page.evaluate(timeNavigation, {
      path: `/lightning/r/Opportunity/${target.id}/view`,
      name: target.name,
      titleSelector: TITLE_IN_ACTIVE_PAGE,
      timeoutMs: STEP_TIMEOUT_MS,
    });
    if (index >= WARM_UP_NAVIGATIONS) samples.push({ id: target.id, ...marks });
    // Let the previous panel's leftover work (effects, late responses) finish before the next navigation.
    await page.waitForTimeout(100);
  }
  return { renderDelayMs, samples };
}

async function measurePageLoads(
  page: Page,
  org: FakeOrg,
  targets: Opportunity[],
): Promise<Array<LoadMarks & { id: string; expected: string }>> {
  const [warmUp, ...measured] = targets;
  await loadOpportunity(page, org, warmUp!.id);
  const samples = [];
  for (const target of measured)
    samples.push({ id: target.id, expected: target.name, ...(await loadOpportunity(page, org, target.id)) });
  return samples;
}

async function chromiumVersion(browser: LaunchedExtension, page: Page): Promise<string> {
  // Playwright may give a persistent context no Browser object; the DevTools protocol knows the version too.
  const fromBrowser = browser.context.browser()?.version();
  if (fromBrowser) return fromBrowser;
  const session = await browser.context.newCDPSession(page);
  try {
    return ((await session.send('Browser.getVersion')) as { product: string }).product;
  } finally {
    await session.detach();
  }
}

// ---------------------------------------------------------------------------------------------------------
// Report

interface Row {
  metric: string;
  median: string;
  p90: string;
  min: string;
  max: string;
  target: string;
  verdict: string;
}

const ms = (value: number) => `${value.toFixed(1)} ms`;
const kib = (bytes: number) => `${(bytes / KIB).toFixed(1)} KiB`;

function sizeRow(metric: string, bytes: number, targetKiB?: number): Row {
  const target = targetKiB === undefined ? '' : `≤ ${targetKiB} KiB`;
  const verdict = targetKiB === undefined ? '' : bytes <= targetKiB * KIB ? 'ok' : 'over';
  return { metric, median: kib(bytes), p90: '', min: '', max: '', target, verdict };
}

function timeRow(metric: string, values: number[], targetMs?: number): Row {
  const s = stats(values);
  if (!s) return { metric, median: 'no data', p90: '', min: '', max: '', target: '', verdict: '' };
  const target = targetMs === undefined ? '' : `≤ ${targetMs} ms`;
  // A latency target should hold for nearly every navigation, so the verdict reads the p90.
  const verdict = targetMs === undefined ? '' : s.p90 <= targetMs ? 'ok' : 'over';
  return {
    metric: `${metric} (n=${s.n})`,
    median: ms(s.median),
    p90: ms(s.p90),
    min: ms(s.min),
    max: ms(s.max),
    target,
    verdict,
  };
}

/** A row for a figure measured elsewhere as a median of `runs` runs. */
function medianRow(metric: string, medianMs: number, runs: number, targetMs?: number): Row {
  const target = targetMs === undefined ? '' : `≤ ${targetMs} ms`;
  const verdict = targetMs === undefined ? '' : medianMs <= targetMs ? 'ok' : 'over';
  return { metric: `${metric} (n=${runs})`, median: ms(medianMs), p90: '', min: '', max: '', target, verdict };
}

/** A roster file as a partner team would export it: name, type, tier, account id, active. */
function rosterCsv(rows: number, run: number): string {
  const types = [
    'system_integrator',
    'reseller_channel',
    'technology_alliance',
    'oem_embedded',
    'strategic_gtm',
    'isv_marketplace',
  ];
  const lines = ['name,type,tier,account_id,active'];
  for (let i = 0; i < rows; i++)
    lines.push(`Partner ${run}-${i},${types[i % types.length]},Tier ${1 + (i % 3)},,${i % 10 ? 'true' : 'false'}`);
  return lines.join('\r\n');
}

/**
 * Times the roster import as a user meets it, in the options page of real Chromium: from choosing the
 * file to the preview, and from pressing Import to the confirmation. Each run imports new names.
 */
async function measureRosterImport(
  browser: LaunchedExtension,
): Promise<{ preview: number[]; import: number[]; total: number[] }> {
  const page = await browser.context.newPage();
  const result = { preview: [] as number[], import: [] as number[], total: [] as number[] };
  try {
    await page.goto(optionsUrl(browser.extensionId));
    for (let run = 0; run < ROSTER_RUNS; run++) {
      const buffer = Buffer.from(rosterCsv(ROSTER_ROWS, run));
      const start = performance.now();
      await page.getByLabel('Roster CSV file').setInputFiles({ name: 'roster.csv', mimeType: 'text/csv', buffer });
      const button = page.getByRole('button', { name: `Import ${ROSTER_ROWS.toLocaleString('en-US')} partners` });
      await button.waitFor({ timeout: 60_000 });
      const previewed = performance.now();
      await button.click();
      await page
        .getByRole('status')
        .filter({ hasText: /import/i })
        .first()
        .waitFor({ timeout: 60_000 });
      const done = performance.now();
      result.preview.push(previewed - start);
      result.import.push(done - previewed);
      result.total.push(done - start);
    }
  } finally {
    await page.close();
  }
  return result;
}

function formatTable(rows: Row[]): string {
  const columns: Array<keyof Row> = ['metric', 'median', 'p90', 'min', 'max', 'target', 'verdict'];
  const width = (column: keyof Row) => Math.max(column.length, ...rows.map((row) => row[column].length));
  const line = (cells: Record<keyof Row, string>) =>
    columns
      .map((column, i) => (i === 0 ? cells[column].padEnd(width(column)) : cells[column].padStart(width(column))))
      .join('  ')
      .trimEnd();
  const header = Object.fromEntries(columns.map((column) => [column, column])) as Record<keyof Row, string>;
  return [line(header), columns.map((column) => '-'.repeat(width(column))).join('  '), ...rows.map(line)].join('\n');
}

const defined = (values: Array<number | undefined>) => values.filter((value): value is number => value !== undefined);

function navigationRows(round: NavigationRound): Row[] {
  const ok = round.samples.filter((sample) => sample.header !== undefined && sample.panel !== undefined);
  const label = `SPA nav, delay ${round.renderDelayMs} ms:`;
  // The indented rows split nav → panel: the new host appears once the background has answered.
  return [
    timeRow(
      `${label} nav → header`,
      ok.map((s) => s.header!),
    ),
    timeRow(
      `${label} nav → panel`,
      ok.map((s) => s.panel!),
    ),
    timeRow(
      `${label} panel after header`,
      ok.map((s) => s.panel! - s.header!),
      TARGETS.panelAfterHeaderMs,
    ),
    timeRow(`${label}   nav → new panel host`, defined(ok.map((s) => s.newPanelHost))),
    timeRow(
      `${label}   new host → name shown`,
      ok.filter((s) => s.newPanelHost !== undefined).map((s) => s.panel! - s.newPanelHost!),
    ),
  ];
}

function loadRows(loads: LoadMarks[]): Row[] {
  const ok = loads.filter((load) => load.header !== undefined && load.panel !== undefined);
  return [
    timeRow(
      'page load: start → header',
      ok.map((l) => l.header!),
    ),
    timeRow(
      'page load: start → panel',
      ok.map((l) => l.panel!),
    ),
    timeRow(
      'page load: panel after header',
      ok.map((l) => l.panel! - l.header!),
      TARGETS.panelAfterHeaderMs,
    ),
    timeRow('page load:   start → panel host', defined(ok.map((l) => l.host))),
  ];
}

// ---------------------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const noBuild = process.argv.includes('--no-build');
  if (!noBuild) build();
  const sizes = measureBundles();

  let org: FakeOrg | undefined;
  let browser: LaunchedExtension | undefined;
  try {
    org = await startFakeOrg({ port: 0 });
    const defaultDelay = org.ui.renderDelayMs;
    // Distinct opportunities within a round, so the fake org never re-shows a cached page (each round starts
    // with a full page load, which empties its page cache).
    const all: Opportunity[] = org.state.opportunities.map((o) => ({
      id: o.Id,
      name: o.Name.replace(/\s+/g, ' ').trim(),
    }));
    const perRound = 1 + WARM_UP_NAVIGATIONS + NAVIGATIONS;
    if (all.length < perRound)
      throw new Error(`The fake org has ${all.length} opportunities; the benchmark needs ${perRound}.`);
    const opportunitiesFrom = (offset: number, count: number) =>
      Array.from({ length: count }, (_, i) => all[(offset + i) % all.length]!);

    console.log('Launching Chromium with the extension…');
    browser = await launchExtension();
    await installNameHelper(browser.context);
    await browser.context.addInitScript(loadProbe, TITLE_IN_ACTIVE_PAGE);

    const page = await browser.context.newPage();
    const machine = {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      node: process.version,
      chromium: await chromiumVersion(browser, page),
    };

    console.log(`Timing ${NAVIGATIONS} SPA navigations at render delay ${defaultDelay} ms and at 0 ms…`);
    const rounds = [
      await measureNavigations(page, org, opportunitiesFrom(0, perRound), defaultDelay),
      await measureNavigations(page, org, opportunitiesFrom(perRound, perRound), 0),
    ];
    // A fresh tab: the 0 ms delay is kept in the tab's sessionStorage, and full loads use the org's default.
    await page.close();
    const loadPage = await browser.context.newPage();
    console.log(`Timing ${PAGE_LOADS} full page loads…`);
    const loads = await measurePageLoads(loadPage, org, opportunitiesFrom(0, PAGE_LOADS + 1));

    console.log(
      `Timing a ${ROSTER_ROWS.toLocaleString('en-US')}-row roster import in the options page (${ROSTER_RUNS} runs)…`,
    );
    const rosterInBrowser = await measureRosterImport(browser);
    console.log('Timing credit for 100,000 attributions and the roster import in Node…');
    const credit = await benchCredit();
    console.log('Timing the weekly summary for 100,000 attributions in Node…');
    const summary = await benchSummary();
    const rosterInNode = await benchRosterImport();
    console.log('Timing a connected 10,000-partner import, with its writes to the fake org…');
    const rosterToOrg = await benchRosterOrgImport();
    console.log('Counting Partner impact calls and timing its figures at 50,000 closed opportunities in Node…');
    const impact = await benchImpact();
    console.log('Counting Salesforce API calls against the fake org…');
    const apiCalls = await benchApiCalls();
    console.log('Timing warmth badges on a 2,000-row list view and board, with and without the extension…');
    // As with the popup below: a failure is reported with the other figures rather than losing them.
    let badgesFailure: string | undefined;
    const badges = await benchBadges().catch((error: unknown) => {
      badgesFailure = `warmth badges: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
      const none = { heapBytes: 0, nodes: 0 };
      return {
        rows: 0,
        tagged: 0,
        steps: [],
        longTasks: { withExtension: [], without: [] },
        memory: { withExtension: none, without: none },
      };
    });
    const longWith = badges.longTasks.withExtension;
    const longWithout = badges.longTasks.without;
    const heapAdded = badges.memory.withExtension.heapBytes - badges.memory.without.heapBytes;
    console.log('Timing the weekly summary popup with 100,000 attributions…');
    // A failure here (the browser, the data) is reported with the other figures rather than losing them.
    let popupFailure: string | undefined;
    const popup = await benchPopup().catch((error: unknown) => {
      popupFailure = `weekly summary popup: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
      return {
        attributions: 100_000,
        paintMs: [],
        scriptMs: [],
        answerMs: [],
        whilePreparing: [],
        whilePreparingFresh: [],
        markedUpdating: 0,
        changes: [],
      };
    });

    const rows = [
      sizeRow('content script, gzip', sizes.contentScript.gzip, TARGETS.contentScriptGzipKiB),
      sizeRow('content script, raw', sizes.contentScript.raw),
      sizeRow('background, gzip', sizes.background.gzip),
      sizeRow('background, raw', sizes.background.raw),
      sizeRow(`popup (${sizes.popup.files.length} chunks), gzip`, sizes.popup.gzip),
      sizeRow(`popup (${sizes.popup.files.length} chunks), raw`, sizes.popup.raw),
      sizeRow(`options (${sizes.options.files.length} chunks), gzip`, sizes.options.gzip),
      sizeRow(`options (${sizes.options.files.length} chunks), raw`, sizes.options.raw),
      ...rounds.flatMap(navigationRows),
      ...loadRows(loads),
      timeRow(`roster CSV ${ROSTER_ROWS / 1000}k rows: choose file → preview (Chromium)`, rosterInBrowser.preview),
      timeRow(`roster CSV ${ROSTER_ROWS / 1000}k rows: import → saved (Chromium)`, rosterInBrowser.import),
      timeRow(
        `roster CSV ${ROSTER_ROWS / 1000}k rows: preview + import (Chromium)`,
        rosterInBrowser.total,
        TARGETS.rosterImportMs,
      ),
      ...rosterInNode.map((r) => medianRow(`${r.label} (Node, fake-indexeddb)`, r.medianMs, r.runs)),
      timeRow(
        `import ${rosterToOrg.rows.toLocaleString('en')} partners and write them to the org ` +
          `(${rosterToOrg.writeCalls[0] ?? 0} calls; Node, fake org)`,
        rosterToOrg.samplesMs,
        3_000,
      ),
      ...credit.map((r) => medianRow(`credit, ${r.label}`, r.medianMs, r.runs, TARGETS.creditAllMs)),
      ...summary.map((r) => timeRow(`${r.label} (Node)`, r.samples, r.targetMs)),
      timeRow(
        `impact: time to figures, warm cache, ${impact.closed.toLocaleString('en-US')} closed opportunities (Node)`,
        impact.samples,
        impact.targetMs,
      ),
      timeRow('impact: the same after the background restarted (Node)', impact.restartedSamples),
      ...badges.steps.map((step) =>
        timeRow(
          `badges: ${step.step}, row → badge`,
          step.latencies,
          step.step.startsWith('board') ? undefined : TARGETS.badgeAfterRowMs,
        ),
      ),
      timeRow(
        `popup first paint, ${popup.attributions.toLocaleString('en-US')} attributions, summary ready`,
        popup.paintMs,
        TARGETS.popupPaintMs,
      ),
      timeRow('  of which: navigation → popup script starts', popup.scriptMs),
      timeRow('  of which: navigation → summary answer arrives', popup.answerMs),
      timeRow(
        `popup first paint, ${popup.attributions.toLocaleString('en-US')} attributions, opened right after a change ` +
          `(${popup.markedUpdating} of ${popup.whilePreparing.length} showed the last figures marked updating)`,
        popup.whilePreparing,
      ),
      timeRow('  then: navigation → the new figures', popup.whilePreparingFresh, TARGETS.freshFiguresMs),
      timeRow('long tasks, list view + board, with the extension', longWith),
      timeRow('long tasks, list view + board, without the extension', longWithout),
      {
        metric: 'badges: JS heap + DOM nodes added by the extension',
        median: `${(heapAdded / KIB / KIB).toFixed(1)} MiB`,
        p90: `${(badges.memory.withExtension.nodes - badges.memory.without.nodes).toLocaleString('en-US')} nodes`,
        min: '',
        max: '',
        target: `≤ ${TARGETS.badgeMemoryMiB} MiB`,
        verdict: heapAdded <= TARGETS.badgeMemoryMiB * KIB * KIB ? 'ok' : 'over',
      },
    ];
    const failures = [
      ...(popupFailure ? [popupFailure] : []),
      ...(badgesFailure ? [badgesFailure] : []),
      ...badges.steps
        .filter((step) => step.missing)
        .map((step) => `badges, ${step.step}: ${step.missing} tagged rows never got a badge`),
      ...rounds.flatMap((round) =>
        round.samples
          .filter((s) => s.error)
          .map((s) => `SPA nav (delay ${round.renderDelayMs} ms) to ${s.id}: ${s.error}`),
      ),
      ...loads
        .filter((l) => l.panel === undefined)
        .map((l) => `page load of ${l.id}: no panel name within ${STEP_TIMEOUT_MS} ms`),
      ...loads
        .filter((l) => l.panelText !== undefined && l.panelText !== l.expected)
        .map((l) => `page load of ${l.id}: panel showed "${l.panelText}"`),
    ];

    console.log(
      `\nPartner Ledger benchmark — ${machine.cpus} × ${machine.cpuModel}, Node ${machine.node}, Chromium ${machine.chromium}`,
    );
    console.log(
      'Sizes: KiB = 1024 bytes, gzip level 9. Times: medians of the samples; the verdict compares the p90 with the target.\n',
    );
    console.log(formatTable(rows));
    if (failures.length) console.log(`\nSamples left out:\n  ${failures.join('\n  ')}`);
    console.log('\nSalesforce API calls (exact counts, real client and sync engine against the fake org):\n');
    console.log(
      formatTable(
        apiCalls.figures.map((f) => ({
          metric: f.label,
          median: String(f.calls),
          p90: '',
          min: '',
          max: '',
          target: f.budget === undefined ? '' : `≤ ${f.budget}`,
          verdict: f.budget === undefined ? '' : f.calls <= f.budget ? 'ok' : 'over',
        })),
      ),
    );
    console.log(
      `\nWarmth badges: ${badges.rows.toLocaleString('en-US')} rows, ${badges.tagged} tagged. Long tasks over ${TARGETS.longTaskMs} ms during the same steps: ` +
        `${longWith.length} with the extension (the fake org renders the rows and board itself), ${longWithout.length} without; ` +
        `longest ${Math.max(0, ...longWith).toFixed(0)} ms with, ${Math.max(0, ...longWithout).toFixed(0)} ms without.`,
    );
    console.log(
      `\nEstimate: ${apiCalls.perUserDay} calls per user per working day; ${apiCalls.teamDay.toLocaleString('en-US')} for a 50-user team.`,
    );

    console.log(`\nPartner impact:\n${describeImpactBench(impact).join('\n')}`);

    mkdirSync(dirname(REPORT), { recursive: true });
    const report = {
      date: new Date().toISOString(),
      machine,
      built: !noBuild,
      targets: TARGETS,
      sizes,
      navigation: rounds.map((round) => ({
        ...round,
        stats: {
          navToHeader: stats(defined(round.samples.map((s) => s.header))),
          navToPanel: stats(defined(round.samples.map((s) => s.panel))),
          panelAfterHeader: stats(
            round.samples
              .filter((s) => s.header !== undefined && s.panel !== undefined)
              .map((s) => s.panel! - s.header!),
          ),
          navToOldPanelRemoved: stats(defined(round.samples.map((s) => s.oldPanelRemoved))),
          navToNewPanelHost: stats(defined(round.samples.map((s) => s.newPanelHost))),
        },
      })),
      pageLoad: {
        renderDelayMs: defaultDelay,
        samples: loads,
        stats: {
          startToHeader: stats(defined(loads.map((l) => l.header))),
          startToPanel: stats(defined(loads.map((l) => l.panel))),
          panelAfterHeader: stats(
            loads.filter((l) => l.header !== undefined && l.panel !== undefined).map((l) => l.panel! - l.header!),
          ),
        },
      },
      rosterImport: { rows: ROSTER_ROWS, chromium: rosterInBrowser, node: rosterInNode, toOrg: rosterToOrg },
      credit,
      summary,
      impact,
      apiCalls,
      badges,
      popup,
      failures,
    };
    writeFileSync(REPORT, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`\nWrote ${relative(ROOT, REPORT)}`);
  } finally {
    await browser?.close();
    await org?.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
