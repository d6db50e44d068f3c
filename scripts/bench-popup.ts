/**
 * The weekly summary popup's first meaningful paint in real Chromium, with 100,000 attributions (and as many
 * touches) over 40,000 opportunities in the extension's IndexedDB: from the popup's navigation start to the
 * figures (the first figure group, "Partner-sourced pipeline") entering the DOM. The data is written straight into the
 * extension's database from one of its pages (a backup that size would pass the browser's message limit).
 *
 *   import { benchPopup } from './bench-popup'   (used by scripts/bench.ts)
 */
import type { Page } from 'playwright-core';
import { READY_PREFIX } from '../lib/store/settings';
import { launchExtension, popupUrl } from '../tests/e2e/harness';

export const POPUP_ATTRIBUTIONS = 100_000;
const OPPORTUNITIES = 40_000;
const RUNS = 11;
/** Changes made one after another, each followed at once by the popup: half new evidence, half renames. */
const CHANGE_RUNS = 10;

/** tsx keeps function names by wrapping functions in `__name(…)`; functions sent to the page need the helper there. */
const NAME_HELPER = 'globalThis.__name ??= (fn) => fn;';

/** Runs in an extension page: fills the stores the summary reads, in a few large transactions. */
async function fill({ attributions, opportunities }: { attributions: number; opportunities: number }): Promise<number> {
  const open = () =>
    new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('partner-ledger');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  // The background's Dexie makes the stores; should this page have come first, wait until it has (a
  // connection left open would hold its upgrade back, so each look closes it).
  const needed = ['partners', 'opportunities', 'attributions', 'touches'];
  let db = await open();
  for (let tries = 0; !needed.every((store) => db.objectStoreNames.contains(store)); tries++) {
    const found = `${[...db.objectStoreNames].join(', ') || 'no stores'} (version ${db.version})`;
    db.close();
    if (tries >= 60) throw new Error(`The extension's database still has ${found}.`);
    await new Promise((resolve) => setTimeout(resolve, 500));
    db = await open();
  }
  const now = Date.now();
  const iso = (ms: number) => new Date(ms).toISOString();
  const day = (ms: number) => iso(ms).slice(0, 10);
  // 18-character ids: the checksum suffix is not checked by the summary, only uniqueness matters.
  const oppId = (n: number) => `006Bn${String(n).padStart(10, '0')}AAA`;
  const uuid = (prefix: string, n: number) => `${prefix}-0000-4000-8000-${String(n).padStart(12, '0')}`;
  const actor = { deviceId: uuid('00000000', 1), userName: 'Jordan Kim' };
  const currencies = ['USD', 'EUR', 'GBP'];
  const put = (store: string, rows: unknown[]) =>
    new Promise<void>((resolve, reject) => {
      const tx = db.transaction(store, 'readwrite');
      const os = tx.objectStore(store);
      for (const row of rows) os.put(row);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
  const partners = Array.from({ length: 60 }, (_, i) => ({
    id: uuid('11111111', i),
    name: `Partner ${i}`,
    normalizedName: `partner ${i}`,
    type: 'system_integrator',
    tier: null,
    accountId: null,
    active: true,
    createdAt: iso(now),
    updatedAt: iso(now),
  }));
  await put('partners', partners);
  const opps = Array.from({ length: opportunities }, (_, i) => {
    const created = now - (i % 91) * 86_400_000;
    return {
      id: oppId(i),
      orgKey: 'acme',
      name: `Opportunity ${i}`,
      createdDate: day(created),
      createdAt: iso(created),
      source: 'api',
      seenAt: iso(now),
      amount: 1_000 + (i % 500) * 250,
      currency: currencies[i % 3],
      stage: i % 7 === 0 ? 'Closed Won' : 'Prospecting',
      closeDate: day(now - (i % 60) * 86_400_000),
      isClosed: i % 7 === 0,
      isWon: i % 7 === 0,
      fetchedAt: iso(now),
      attributionsPulledAt: iso(now),
    };
  });
  for (let i = 0; i < opps.length; i += 10_000) await put('opportunities', opps.slice(i, i + 10_000));
  for (let start = 0; start < attributions; start += 10_000) {
    const rows = [];
    const touches = [];
    for (let i = start; i < Math.min(attributions, start + 10_000); i++) {
      const id = uuid('22222222', i);
      const opportunityId = oppId(i % opportunities);
      const stamp = iso(now - (i % 120) * 3_600_000);
      rows.push({
        id,
        orgKey: 'acme',
        opportunityId,
        partnerId: partners[i % partners.length]!.id,
        kind: i < opportunities && i % 3 === 0 ? 'sourced' : 'influenced',
        note: '',
        createdBy: actor,
        createdAt: stamp,
        updatedAt: stamp,
        deleted: 0,
        version: `${stamp}-0000-${actor.deviceId}`,
      });
      touches.push({
        id: uuid('33333333', i),
        attributionId: id,
        opportunityId,
        type: 'joint_call',
        date: day(now - (i % 80) * 86_400_000),
        note: '',
        link: null,
        createdBy: actor,
        createdAt: stamp,
        updatedAt: stamp,
        deleted: 0,
        version: `${stamp}-0000-${actor.deviceId}`,
      });
    }
    await put('attributions', rows);
    await put('touches', touches);
  }
  db.close();
  return attributions;
}

/**
 * Notes, in the page, when the first figure group enters the DOM (the figures are painted with it), and when the
 * "Updating with the latest changes…" note leaves it after it was shown (the new figures replaced the last ones).
 * Measured in the page itself: a round trip to the benchmark would add its own delay to the figure.
 */
function figuresProbe() {
  const w = window as unknown as { __figuresAt?: number; __updatingSeen?: boolean; __freshAt?: number };
  // components/summary/weekly-summary.tsx renders the note as `.pl-updating`.
  const updating = () => document.querySelector('.pl-updating') !== null;
  const observer = new MutationObserver(() => {
    if (w.__figuresAt === undefined && document.querySelector('[role="group"]')) w.__figuresAt = performance.now();
    if (w.__freshAt !== undefined) return;
    if (updating()) w.__updatingSeen = true;
    else if (w.__updatingSeen) {
      w.__freshAt = performance.now();
      observer.disconnect();
    }
  });
  observer.observe(document, { childList: true, subtree: true });
}

export interface PopupBench {
  attributions: number;
  /** Navigation start → the figures in the DOM, one per run, with the week's summary ready (the usual case). */
  paintMs: number[];
  /** Within those runs: navigation start → the popup's script starts, and → the summary's answer arrives. */
  scriptMs: number[];
  answerMs: number[];
  /**
   * Opened right after a change, while the background makes the summary again: navigation start → the
   * last figures in the DOM, marked as updating, and → the new figures replacing them. One per change.
   */
  whilePreparing: number[];
  whilePreparingFresh: number[];
  /** Of those, how many popups first showed the last figures marked updating (the others had the new ones). */
  markedUpdating: number;
  /** What each change was, in order. */
  changes: string[];
}

interface PaintTimes {
  paint: number;
  /** From the popup's own performance marks (entrypoints/popup/main.tsx). */
  script: number;
  answer: number;
}

async function paint(page: Page, extensionId: string): Promise<PaintTimes> {
  await page.goto(popupUrl(extensionId));
  await page.getByRole('group', { name: 'Partner-sourced pipeline' }).waitFor({ timeout: 60_000 });
  const times = await page.evaluate(() => {
    const mark = (name: string) => performance.getEntriesByName(name, 'mark')[0]?.startTime ?? NaN;
    return {
      paint: (window as unknown as { __figuresAt?: number }).__figuresAt,
      script: mark('partner-ledger:script'),
      answer: mark('partner-ledger:summary'),
    };
  });
  if (times.paint === undefined) throw new Error('The popup showed its figures, but the probe missed them.');
  return { ...times, paint: times.paint };
}

/** Waits until the background has stored the current week's summary made after `since`. */
async function waitUntilReady(page: Page, since: number): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const ready = await page.evaluate(
      ({ prefix, after }) =>
        new Promise<boolean>((resolve) => {
          const request = indexedDB.open('partner-ledger');
          request.onsuccess = () => {
            const db = request.result;
            const all = db.transaction('settings').objectStore('settings').getAll();
            all.onsuccess = () => {
              db.close();
              resolve(
                (all.result as { key: string; value: { at?: number } }[]).some(
                  (row) => row.key.startsWith(prefix) && (row.value.at ?? 0) >= after,
                ),
              );
            };
          };
          request.onerror = () => resolve(false);
        }),
      { prefix: READY_PREFIX, after: since },
    );
    if (ready) return;
    await page.waitForTimeout(500);
  }
  throw new Error('The background did not prepare the summary within two minutes.');
}

/** Sends a request to the background from an extension page, as the options page and the panel do. */
async function send(page: Page, type: string, payload: unknown): Promise<void> {
  const answer = await page.evaluate(
    (message) =>
      (
        globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean }> } } }
      ).chrome.runtime.sendMessage(message),
    { type, payload },
  );
  if (!answer.ok) throw new Error(`The benchmark's ${type} request failed: ${JSON.stringify(answer)}`);
}

const partnerInput = (name: string) => ({ name, type: 'system_integrator', tier: null, accountId: null, active: true });

/** The benchmark's ids, as `fill` makes them. */
const benchUuid = (prefix: string, n: number) => `${prefix}-0000-4000-8000-${String(n).padStart(12, '0')}`;

/**
 * One change to what summaries are made of, the usual way: new evidence on a tag (one deal changes), or,
 * every other time, a partner renamed (each of its deals changes: 1 in 60 of all deals).
 */
async function change(page: Page, run: number): Promise<string> {
  if (run % 2 === 0) {
    const attributionId = benchUuid('22222222', (run * 7_919) % POPUP_ATTRIBUTIONS);
    const date = new Date().toISOString().slice(0, 10);
    await send(page, 'addTouch', { attributionId, type: 'joint_call', date, note: `Bench touch ${run}` });
    return 'new evidence on a tag';
  }
  await send(page, 'updatePartner', {
    id: benchUuid('11111111', run),
    patch: { name: `Partner ${run} (renamed ${run})` },
  });
  return 'a partner renamed';
}

/** Fails when the ready report is not of the benchmark's rows (an index made before they were written). */
async function expectFigures(page: Page): Promise<void> {
  const count = await page.evaluate(
    (prefix) =>
      new Promise<number>((resolve) => {
        const request = indexedDB.open('partner-ledger');
        request.onsuccess = () => {
          const db = request.result;
          const all = db.transaction('settings').objectStore('settings').getAll();
          all.onsuccess = () => {
            db.close();
            const rows = all.result as {
              key: string;
              value: { report?: { summary?: { trend?: { byCurrency: unknown[] }[] } } };
            }[];
            const ready = rows.find((row) => row.key.startsWith(prefix));
            resolve((ready?.value.report?.summary?.trend ?? []).reduce((n, week) => n + week.byCurrency.length, 0));
          };
        };
        request.onerror = () => resolve(0);
      }),
    READY_PREFIX,
  );
  if (count === 0) throw new Error('The summary prepared after the rows were written shows none of them.');
}

/**
 * Writes the benchmark's rows into the extension's database and waits until the background has made the
 * current week's summary from them. `page` is left on the popup.
 */
export async function fillAndPrepare(page: Page, extensionId: string): Promise<void> {
  // Opening the popup page first makes the background create the database at its current version.
  await page.goto(popupUrl(extensionId));
  await page.getByRole('heading', { name: 'Weekly partner attribution' }).waitFor({ timeout: 30_000 });
  // The heading shows before the answer: wait until the background has made the database (version > 1),
  // or the rows below would create an empty one of their own.
  await page.waitForFunction(
    async () => (await indexedDB.databases()).some((db) => db.name === 'partner-ledger' && (db.version ?? 0) > 1),
    undefined,
    {
      timeout: 30_000,
    },
  );
  await page.evaluate(fill, { attributions: POPUP_ATTRIBUTIONS, opportunities: OPPORTUNITIES });
  // The rows were written past Dexie, so the background has not seen them: a roster import the usual way
  // tells it that its data changed in bulk (too many rows to follow one by one), so it reads every row
  // again, as after a restore. It prepares the current week again.
  const changedAt = Date.now();
  await send(page, 'importPartners', {
    rows: Array.from({ length: 60 }, (_, i) => partnerInput(`Bench Partner ${i}`)),
  });
  await waitUntilReady(page, changedAt);
  await expectFigures(page);
}

export async function benchPopup(): Promise<PopupBench> {
  const browser = await launchExtension();
  try {
    await browser.context.addInitScript(NAME_HELPER);
    await browser.context.addInitScript(figuresProbe);
    const page = await browser.context.newPage();
    await fillAndPrepare(page, browser.extensionId);
    const runs: PaintTimes[] = [];
    for (let run = 0; run < RUNS; run++) runs.push(await paint(page, browser.extensionId));

    // A change, and the popup opened at once: the last figures, marked updating, then the new ones.
    const whilePreparing: number[] = [];
    const whilePreparingFresh: number[] = [];
    const changes: string[] = [];
    let markedUpdating = 0;
    for (let run = 0; run < CHANGE_RUNS; run++) {
      changes.push(await change(page, run));
      whilePreparing.push((await paint(page, browser.extensionId)).paint);
      await page.getByText('Updating with the latest changes…').waitFor({ state: 'detached', timeout: 120_000 });
      // Never marked updating: the new figures were the first painted.
      const { freshAt, updating } = await page.evaluate(() => {
        const w = window as unknown as { __freshAt?: number; __updatingSeen?: boolean; __figuresAt?: number };
        return { freshAt: w.__updatingSeen ? w.__freshAt : w.__figuresAt, updating: w.__updatingSeen === true };
      });
      if (updating) markedUpdating++;
      if (freshAt === undefined) throw new Error('The popup showed the new figures, but the probe missed them.');
      whilePreparingFresh.push(freshAt);
      // Let the background's follow-up work (the report made again after the burst) end before the next change.
      await page.waitForTimeout(3_000);
    }
    return {
      attributions: POPUP_ATTRIBUTIONS,
      paintMs: runs.map((run) => run.paint),
      scriptMs: runs.map((run) => run.script),
      answerMs: runs.map((run) => run.answer),
      whilePreparing,
      whilePreparingFresh,
      markedUpdating,
      changes,
    };
  } finally {
    await browser.close();
  }
}
