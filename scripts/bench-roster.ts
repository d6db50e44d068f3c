// How long a roster import of 10,000 partners takes: parsing the CSV, then writing it in one
// transaction (into fake-indexeddb, which is slower than a browser's IndexedDB: read the figures as an
// upper bound). A benchmark, not a test: it prints figures and never fails on one.
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
function rosterCsv(): string {
  const partners: PartnerRow[] = Array.from({ length: PARTNERS }, (_, i) => ({
    id: String(i),
    name: `Partner ${i} “Consulting”, Région ${i % 50}`,
    normalizedName: '',
    type: i % 7 === 0 ? null : PARTNER_TYPES[i % PARTNER_TYPES.length]!,
    tier: i % 5 === 0 ? null : `Tier ${i % 3}`,
    accountId: i % 2 ? toId18(`001Ak${String(i).padStart(10, '0')}`)! : null,
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

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const results = await benchRosterImport();
  const width = Math.max(...results.map((r) => r.label.length));
  console.log(`Roster import, fake-indexeddb, median of ${RUNS} runs`);
  for (const { label, medianMs } of results) {
    console.log(`  ${label.padEnd(width)}  ${medianMs.toFixed(0).padStart(6)} ms`);
  }
}
