/** The partner roster: listed, added, changed and imported, each change audited with who made it. */
import type { PartnerRow, PartnerLedgerDb } from '../store/db';
import {
  addPartner,
  importPartners,
  listPartners,
  updatePartner,
  type ImportRow,
  type PartnerInput,
} from '../store/partners';
import { changeContext, type Clock } from './change-context';

export interface PartnerServiceDeps extends Clock {
  db: PartnerLedgerDb;
  /** Told after each change, so the team's roster in the org follows (lib/sync/roster.ts). */
  changed?: () => void;
}

export function createPartnerService({ db, now, newId, changed }: PartnerServiceDeps) {
  const after = <T>(result: T): T => {
    changed?.();
    return result;
  };
  return {
    list(): Promise<PartnerRow[]> {
      return listPartners(db);
    },
    async add(input: PartnerInput): Promise<PartnerRow> {
      return after(await addPartner(db, input, await changeContext(db, { now, newId })));
    },
    async update(id: string, patch: Partial<PartnerInput>): Promise<PartnerRow> {
      return after(await updatePartner(db, id, patch, await changeContext(db, { now, newId })));
    },
    /** All or nothing: a roster file whose rows are all valid, in one transaction. */
    async import(rows: readonly ImportRow[]): Promise<{ created: number; updated: number }> {
      return after(await importPartners(db, rows, await changeContext(db, { now, newId })));
    },
  };
}

export type PartnerService = ReturnType<typeof createPartnerService>;
