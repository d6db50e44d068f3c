// How long a roster import of 10,000 partners takes: parsing the CSV, then writing it in one
// transaction (into fake-indexeddb, which is slower than a browser's IndexedDB: read the figures as an
// upper bound), and, connected, until the org's roster holds it: the sObject Collections writes to the fake
// org through the real REST client, in-process (no network, so read the org part as a lower bound).
// A benchmark, not a test: it prints figures and never fails on one.
//
//   npx tsx scripts/bench-roster.ts
import 'fake-indexeddb/auto';
import { pathToFileURL } from 'node:url';
import { PARTNER_TYPES } from '../lib/attribution/model';
import { toId18 } from '../lib/record-id';
import { parseRosterCsv, toRosterCsv } from '../lib/roster/csv';
import type { ChangeContext } from '../lib/store/attributions';
import { createDb, type PartnerRow } from '../lib/store/db';
import { importPartners, listPartners } from '../lib/store/partners';
import { createRestClient } from '../lib/crm/salesforce/rest-client';
import { syncRoster } from '../lib/sync/roster';
import type { SyncApi } from '../lib/sync/types';
import { createSeedData, USER_IDS } from '../tests/fake-org/data';
import { createRestApi } from '../tests/fake-org/rest/api';
import { inProcessFetch } from '../tests/fake-org/rest/in-process-fetch';

const PARTNERS = 10_000;
const RUNS = 5;
/** Partners with a tier (every fifth has none): the ones a tier rename changes. */
const TIERED = PARTNERS - PARTNERS / 5;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** A roster file as a team would export it from a spreadsheet: every column filled in for most rows. */
function rosterCsv(accountIds?: readonly string[]): string {
  const partners: PartnerRow[] = Array.from({ length: PARTNERS }, (_, i) => ({
    id: String(i),
    name: `Partner ${i} “Consulting”, Région ${i % 50}`,
    normalizedName: '',
    type: i % 7 === 0 ? null : PARTNER_TYPES[i % PARTNER_TYPES.length]!,
    tier: i % 5 === 0 ? null : `Tier ${i % 3}`,
    accountId: i % 2 ? (accountIds?.[i % accountIds.length] ?? toId18(`001Ak${String(i).padStart(10, '0')}`)!) : null,
    active: i % 10 !== 0,
    createdAt: '',
    updatedAt: '',
  }));
  return toRosterCsv(partners);
}

function changeContext(): ChangeContext {
  return { actor: { deviceId: 'bench' }, now: new Date().toISOString(), newId: () => crypto.randomUUID() };
}

/** Parse and import times of a 10,000-row roster CSV, into an empty roster and over an existing one. */
export async function benchRosterImport(): Promise<{ label: string; medianMs: number; runs: number }[]> {
  const text = rosterCsv();
  const samples = { parse: [] as number[], create: [] as number[], update: [] as number[], total: [] as number[] };

  for (let run = 0; run < RUNS; run++) {
    const db = createDb(`partner-ledger-bench-${run}-${Date.now()}`);
    try {
      const t0 = performance.now();
      const preview = parseRosterCsv(text, []);
      const t1 = performance.now();
      if (preview.problems.length > 0 || preview.rows.length !== PARTNERS) {
        throw new Error(`The bench roster does not parse cleanly: ${JSON.stringify(preview.problems.slice(0, 3))}`);
      }
      const created = await importPartners(db, preview.rows, changeContext());
      const t2 = performance.now();
      if (created.created !== PARTNERS)
        throw new Error(`Expected ${PARTNERS} partners created, got ${created.created}.`);

      // The same file again with the tiers renamed: the weekly refresh of a roster kept in a spreadsheet.
      const existing = await listPartners(db);
      const changed = parseRosterCsv(text.replaceAll(',Tier ', ',Level '), existing);
      const t3 = performance.now();
      const updated = await importPartners(db, changed.rows, changeContext());
      const t4 = performance.now();
      if (updated.updated !== TIERED) throw new Error(`Expected ${TIERED} partners updated, got ${updated.updated}.`);

      samples.parse.push(t1 - t0);
      samples.create.push(t2 - t1);
      samples.total.push(t2 - t0);
      samples.update.push(t4 - t3);
    } finally {
      await db.delete();
    }
  }

  const n = PARTNERS.toLocaleString('en');
  return [
    { label: `parse a ${n}-row roster CSV`, medianMs: median(samples.parse), runs: RUNS },
    { label: `import ${n} new partners (one transaction)`, medianMs: median(samples.create), runs: RUNS },
    { label: `parse + import ${n} new partners`, medianMs: median(samples.total), runs: RUNS },
    {
      label: `re-import ${n} partners, ${TIERED.toLocaleString('en')} changed`,
      medianMs: median(samples.update),
      runs: RUNS,
    },
  ];
}

/** Runs of the connected import: enough for a p90 that is not simply the slowest run. */
const ORG_RUNS = 10;
const API_HOST = 'acme.my.salesforce.com';

/**
 * A connected 10,000-row import, end to end: parse, import into the local roster, then the roster sync that writes
 * it to the org (one sObject Collections call per 200 partners). Each run gets a fresh database and a fresh org.
 */
export async function benchRosterOrgImport(): Promise<{ rows: number; samplesMs: number[]; writeCalls: number[] }> {
  // The org checks every Account__c: the partners point at the seeded org's accounts.
  const text = rosterCsv(createSeedData(new Date()).accounts.map((account) => account.Id));
  const samplesMs: number[] = [];
  const writeCalls: number[] = [];
  for (let run = 0; run < ORG_RUNS; run++) {
    const db = createDb(`partner-ledger-bench-org-${run}-${Date.now()}`);
    const state = createSeedData(new Date());
    const api = createRestApi({ state, classicOrigin: `https://${API_HOST}` });
    const client = createRestClient({
      apiHost: API_HOST,
      sessionId: api.createSession(USER_IDS.jordanKim),
      fetch: inProcessFetch(api),
    });
    let writes = 0;
    const syncApi: SyncApi = {
      query: (soql, schema) => client.query(soql, schema),
      queryMore: (url, schema) => client.queryMore(url, schema),
      upsertCollection: (object, field, records) => {
        writes++;
        return client.upsertCollection(object, field, records as unknown as readonly Record<string, unknown>[]);
      },
    };
    const ctx = { db, api: syncApi, now: () => Date.now(), newId: () => crypto.randomUUID() };
    try {
      await syncRoster(ctx, 'acme'); // joins the org's (empty) roster, as a browser connected before importing
      const t0 = performance.now();
      const preview = parseRosterCsv(text, []);
      await importPartners(db, preview.rows, changeContext());
      const outcome = await syncRoster(ctx, 'acme');
      const t1 = performance.now();
      const stored = state.customObjects.Partner_Ledger_Partner__c.records.length;
      if (outcome.pushed !== PARTNERS || stored !== PARTNERS) {
        throw new Error(`Expected ${PARTNERS} partners in the org, got ${stored} (${outcome.failed} refused).`);
      }
      samplesMs.push(t1 - t0);
      writeCalls.push(writes);
    } finally {
      await db.delete();
    }
  }
  return { rows: PARTNERS, samplesMs, writeCalls };
}

const percentile = (values: number[], share: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil(share * sorted.length) - 1]!;
};

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const results = await benchRosterImport();
  const width = Math.max(...results.map((r) => r.label.length));
  console.log(`Roster import, fake-indexeddb, median of ${RUNS} runs`);
  for (const { label, medianMs } of results) {
    console.log(`  ${label.padEnd(width)}  ${medianMs.toFixed(0).padStart(6)} ms`);
  }
  const org = await benchRosterOrgImport();
  console.log(
    `Connected import of ${org.rows.toLocaleString('en')} partners, parse + local import + org writes ` +
      `(${ORG_RUNS} runs, ${org.writeCalls[0]} write calls each, ceil(n / 200) = ${Math.ceil(org.rows / 200)}):`,
  );
  console.log(
    `  median ${median(org.samplesMs).toFixed(0)} ms, p90 ${percentile(org.samplesMs, 0.9).toFixed(0)} ms (target p90 < 3,000 ms)`,
  );
}
