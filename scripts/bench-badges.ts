/**
 * Warmth badges on a 2,000-row list view in real Chromium, against the fake org:
 * - latency: from a row (or board card) appearing in the DOM to its badge appearing, for every tagged row —
 *   the first batch, every batch loaded by infinite scroll, rows rendered anew by sorting, and the board;
 * - long tasks (> 50 ms) on the page's main thread during the same steps, with and without the extension
 *   (the difference is what the extension causes);
 * - memory: the renderer's JS heap after garbage collection and its DOM node count, with and without.
 *
 *   import { benchBadges } from './bench-badges'   (used by scripts/bench.ts)
 */
import 'fake-indexeddb/auto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { addAttribution } from '../lib/store/attributions';
import { createBackup } from '../lib/store/backup/create';
import { createDb } from '../lib/store/db';
import { chromiumArgs, launchExtension } from '../tests/e2e/harness';
import { ensureChromium } from './ensure-chromium';
import { createSeedData, type OrgData } from '../tests/fake-org/data';
import { startFakeOrg, type FakeOrg } from '../tests/fake-org/server';

const EXTRA_ROWS = 2_000;
/** One opportunity in TAG_EVERY carries a partner tag (about 20 %, a partner-heavy pipeline). */
const TAG_EVERY = 5;
const RUNS = 3;
const DEVICE_ID = crypto.randomUUID();

export interface BadgeLatencies {
  step: string;
  /** Milliseconds from each tagged row appearing to its badge appearing. */
  latencies: number[];
  /** Tagged rows that never got a badge within the wait. */
  missing: number;
}

export interface BadgeBench {
  rows: number;
  tagged: number;
  steps: BadgeLatencies[];
  longTasks: { withExtension: number[]; without: number[] };
  memory: { withExtension: MemoryFigures; without: MemoryFigures };
}

interface MemoryFigures {
  heapBytes: number;
  nodes: number;
}

/** A backup holding a partner tag on every TAG_EVERY-th opportunity, restored through the extension's own request. */
async function backupWithTags(state: OrgData): Promise<{ json: string; ids: string[] }> {
  const db = createDb(`bench-badges-${Date.now()}`);
  const ids = state.opportunities.filter((_, i) => i % TAG_EVERY === 0).map((o) => o.Id);
  const today = new Date();
  let n = 0;
  for (const id of ids) {
    const daysAgo = (n++ * 7) % 90;
    await addAttribution(
      db,
      {
        orgKey: 'acme',
        opportunityId: id,
        partnerName: `Partner ${n % 40}`,
        kind: n % 3 === 0 ? 'sourced' : 'influenced',
        note: '',
        touch: {
          type: 'joint_call',
          date: new Date(today.getTime() - daysAgo * 86_400_000).toISOString().slice(0, 10),
          note: '',
        },
      },
      {
        actor: { deviceId: DEVICE_ID, userName: 'Jordan Kim' },
        now: today.toISOString(),
        newId: () => crypto.randomUUID(),
      },
    );
  }
  const json = JSON.stringify(await createBackup(db, today.toISOString()));
  await db.delete();
  return { json, ids };
}

/** tsx keeps function names by wrapping functions in `__name(…)`; functions sent to the page need the helper there. */
const NAME_HELPER = 'globalThis.__name ??= (fn) => fn;';

/** Records, in the page's own world, when rows, cards and badges enter the DOM, and the long tasks. */
function probe() {
  const w = window as unknown as {
    __plBench: { rows: Map<string, number>; badges: Map<string, number>; longTasks: number[]; reset(): void };
  };
  const bench = {
    rows: new Map<string, number>(),
    badges: new Map<string, number>(),
    longTasks: [] as number[],
    reset() {
      bench.rows.clear();
      bench.badges.clear();
      bench.longTasks.length = 0;
    },
  };
  w.__plBench = bench;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) bench.longTasks.push(entry.duration);
  }).observe({ type: 'longtask', buffered: true });
  const keyOf = (el: Element) =>
    (el as HTMLElement).dataset.rowKeyValue ?? el.querySelector<HTMLElement>('a[data-recordid]')?.dataset.recordid;
  const start = () =>
    new MutationObserver((records) => {
      const now = performance.now();
      for (const record of records) {
        for (const node of record.addedNodes) {
          if (!(node instanceof Element)) continue;
          if (node.localName === 'pl-warmth-badge') {
            const owner = node.closest('tr[data-row-key-value], .pipelineViewCard');
            const key = owner && keyOf(owner);
            if (key && !bench.badges.has(key)) bench.badges.set(key, now);
            continue;
          }
          const found = node.matches('tr[data-row-key-value], .pipelineViewCard')
            ? [node]
            : [...node.querySelectorAll('tr[data-row-key-value], .pipelineViewCard')];
          for (const el of found) {
            const key = keyOf(el);
            if (key) bench.rows.set(key, now);
          }
        }
      }
    }).observe(document, { childList: true, subtree: true });
  if (document.documentElement) start();
  else document.addEventListener('readystatechange', start, { once: true });
}

interface Collected {
  rows: Record<string, number>;
  badges: Record<string, number>;
  longTasks: number[];
}

async function collect(page: Page): Promise<Collected> {
  return page.evaluate(() => {
    const b = (
      window as unknown as {
        __plBench: { rows: Map<string, number>; badges: Map<string, number>; longTasks: number[] };
      }
    ).__plBench;
    return { rows: Object.fromEntries(b.rows), badges: Object.fromEntries(b.badges), longTasks: [...b.longTasks] };
  });
}

const resetProbe = (page: Page) =>
  page.evaluate(() => (window as unknown as { __plBench: { reset(): void } }).__plBench.reset());

/** Waits until every tagged row now in the DOM has its badge (or 5 s), then reads the probe. */
async function settle(page: Page, tagged: Set<string>, withExtension: boolean): Promise<Collected> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const got = await collect(page);
    const waiting = Object.keys(got.rows).filter((id) => tagged.has(id) && got.badges[id] === undefined);
    if (!withExtension || waiting.length === 0 || Date.now() > deadline) {
      await page.waitForTimeout(100); // long tasks are reported after they end
      return collect(page);
    }
    await page.waitForTimeout(50);
  }
}

function latencies(got: Collected, tagged: Set<string>): { latencies: number[]; missing: number } {
  const result: number[] = [];
  let missing = 0;
  for (const [id, appeared] of Object.entries(got.rows)) {
    if (!tagged.has(id)) continue;
    const badged = got.badges[id];
    if (badged === undefined) missing++;
    else result.push(Math.max(0, badged - appeared));
  }
  return { latencies: result, missing };
}

/** The list view's steps: first batch, infinite scroll to the end, sort, board. */
async function runSteps(page: Page, org: FakeOrg, tagged: Set<string>, withExtension: boolean) {
  const steps: BadgeLatencies[] = [];
  const longTasks: number[] = [];
  const record = (step: string, got: Collected) => {
    longTasks.push(...got.longTasks);
    if (withExtension) steps.push({ step, ...latencies(got, tagged) });
  };
  await page.goto(
    `${org.lightningOrigin}/lightning/o/Opportunity/list?filterName=AllOpportunities&fakeOrgDisplay=table`,
  );
  await page.waitForSelector('.windowViewMode-normal.active tr[data-row-key-value]');
  record('first 50 rows', await settle(page, tagged, withExtension));
  const scrolled: Collected = { rows: {}, badges: {}, longTasks: [] };
  for (;;) {
    await resetProbe(page);
    const added = await page.evaluate(() =>
      (window as unknown as { __fakeOrg: { loadMoreRows(): Promise<number> } }).__fakeOrg.loadMoreRows(),
    );
    if (!added) break;
    const got = await settle(page, tagged, withExtension);
    Object.assign(scrolled.rows, got.rows);
    Object.assign(scrolled.badges, got.badges);
    scrolled.longTasks.push(...got.longTasks);
  }
  record('rows loaded by infinite scroll', scrolled);
  await resetProbe(page);
  await page.evaluate(() =>
    (window as unknown as { __fakeOrg: { sortList(label: string, direction: string): void } }).__fakeOrg.sortList(
      'Amount',
      'descending',
    ),
  );
  record('rows rendered anew by sorting', await settle(page, tagged, withExtension));
  await resetProbe(page);
  await page.evaluate(() =>
    (window as unknown as { __fakeOrg: { setListDisplay(display: string): void } }).__fakeOrg.setListDisplay('kanban'),
  );
  record(
    `board of ${org.state.opportunities.length.toLocaleString('en-US')} cards`,
    await settle(page, tagged, withExtension),
  );
  return { steps, longTasks };
}

async function measureMemory(context: BrowserContext, page: Page): Promise<MemoryFigures> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  const dom = (await cdp.send('Memory.getDOMCounters')) as { nodes: number };
  await cdp.detach();
  return { heapBytes: heap.usedSize, nodes: dom.nodes };
}

export async function benchBadges(): Promise<BadgeBench> {
  const org = await startFakeOrg({ port: 0, data: createSeedData(new Date(), { extraOpportunities: EXTRA_ROWS }) });
  const { json, ids } = await backupWithTags(org.state);
  const tagged = new Set(ids);
  const result: BadgeBench = {
    rows: org.state.opportunities.length,
    tagged: ids.length,
    steps: [],
    longTasks: { withExtension: [], without: [] },
    memory: { withExtension: { heapBytes: 0, nodes: 0 }, without: { heapBytes: 0, nodes: 0 } },
  };
  try {
    const browser = await launchExtension();
    try {
      await browser.context.addInitScript(NAME_HELPER);
      await browser.context.addInitScript(probe);
      const options = await browser.context.newPage();
      await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
      const restored = await options.evaluate(
        (text) =>
          (
            globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean }> } } }
          ).chrome.runtime.sendMessage({ type: 'restoreBackup', payload: { text } }),
        json,
      );
      if (!restored.ok) throw new Error(`The benchmark backup was not restored: ${JSON.stringify(restored)}`);
      await options.close();
      for (let run = 0; run < RUNS; run++) {
        const page = await browser.context.newPage();
        const { steps, longTasks } = await runSteps(page, org, tagged, true);
        for (const step of steps) {
          const into = result.steps.find((s) => s.step === step.step);
          if (into) {
            into.latencies.push(...step.latencies);
            into.missing += step.missing;
          } else result.steps.push(step);
        }
        result.longTasks.withExtension.push(...longTasks);
        if (run === RUNS - 1) result.memory.withExtension = await measureMemory(browser.context, page);
        await page.close();
      }
    } finally {
      await browser.close();
    }

    // The same steps in the same Chromium without the extension.
    const profile = await mkdtemp(join(tmpdir(), 'partner-ledger-bench-'));
    const plain = await chromium.launchPersistentContext(profile, {
      executablePath: await ensureChromium(),
      headless: true,
      args: chromiumArgs('/nonexistent').filter((arg) => !arg.includes('extension')),
      ignoreHTTPSErrors: true,
    });
    try {
      await plain.addInitScript(NAME_HELPER);
      await plain.addInitScript(probe);
      for (let run = 0; run < RUNS; run++) {
        const page = await plain.newPage();
        const { longTasks } = await runSteps(page, org, tagged, false);
        result.longTasks.without.push(...longTasks);
        if (run === RUNS - 1) result.memory.without = await measureMemory(plain, page);
        await page.close();
      }
    } finally {
      await plain.close();
      await rm(profile, { recursive: true, force: true });
    }
  } finally {
    await org.close();
  }
  return result;
}
