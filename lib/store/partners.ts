import { normalizePartnerName } from '../attribution/names';
import { AppError } from '../errors';
import { checkPartnerInput, type PartnerInput } from '../roster/partner-input';
import type { ChangeContext } from './attributions';
import type { AuditRow, PartnerLedgerDb, PartnerRow } from './db';

export type { PartnerInput };

const byName = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/** Alphabetical as a person reads it: "globex" next to "Globex", "Émile" next to "Emile". */
export function comparePartners(a: PartnerRow, b: PartnerRow): number {
  return byName.compare(a.name, b.name) || a.normalizedName.localeCompare(b.normalizedName) || a.id.localeCompare(b.id);
}

/** The whole roster, alphabetically. */
export async function listPartners(db: PartnerLedgerDb): Promise<PartnerRow[]> {
  const partners = await db.partners.toArray();
  return partners.sort(comparePartners);
}

/** The partners offered for new attributions, alphabetically. */
export async function listActivePartners(db: PartnerLedgerDb): Promise<PartnerRow[]> {
  return (await listPartners(db)).filter((partner) => partner.active);
}

/** Checks an entry and returns it cleaned, or throws the first problem as a message for the user. */
function validInput(input: PartnerInput, where = ''): PartnerInput {
  const checked = checkPartnerInput(input);
  if (!checked.ok) throw new AppError('invalid_request', `${where}${checked.problems[0]!.message}`);
  return checked.value;
}

function duplicateName(existing: PartnerRow): AppError {
  return new AppError('duplicate_partner_name', `A partner named “${existing.name}” already exists.`);
}

function auditEntry(
  change: ChangeContext,
  action: AuditRow['action'],
  before: PartnerRow | null,
  after: PartnerRow | null,
): AuditRow {
  return {
    at: change.now,
    actor: change.actor,
    entity: 'partner',
    entityId: (after ?? before)!.id,
    action,
    before,
    after,
  };
}

function sameFields(a: PartnerRow, b: PartnerRow): boolean {
  return (
    a.name === b.name && a.type === b.type && a.tier === b.tier && a.accountId === b.accountId && a.active === b.active
  );
}

/**
 * Adds a partner to the roster. Names are unique without regard to case, accents or spacing, so
 * "Globex Café" and "globex cafe" can never split one partner's pipeline in two.
 */
export async function addPartner(db: PartnerLedgerDb, input: PartnerInput, change: ChangeContext): Promise<PartnerRow> {
  const clean = validInput(input);
  const normalizedName = normalizePartnerName(clean.name);
  return db.transaction('rw', [db.partners, db.audit], async () => {
    const existing = await db.partners.where({ normalizedName }).first();
    if (existing) throw duplicateName(existing);
    const partner: PartnerRow = {
      id: change.newId(),
      ...clean,
      normalizedName,
      createdAt: change.now,
      updatedAt: change.now,
    };
    await db.partners.add(partner);
    await db.audit.add(auditEntry(change, 'create', null, partner));
    return partner;
  });
}

/**
 * Changes a partner; deactivating is `{ active: false }`. A change that alters nothing writes
 * nothing, so the audit trail only holds real changes.
 */
export async function updatePartner(
  db: PartnerLedgerDb,
  id: string,
  patch: Partial<PartnerInput>,
  change: ChangeContext,
): Promise<PartnerRow> {
  return db.transaction('rw', [db.partners, db.audit, db.attributions, db.outbox], async () => {
    const before = await db.partners.get(id);
    if (!before) throw new AppError('not_found', 'That partner no longer exists. It may have been deleted.');
    const clean = validInput({
      name: patch.name ?? before.name,
      type: patch.type !== undefined ? patch.type : before.type,
      tier: patch.tier !== undefined ? patch.tier : before.tier,
      accountId: patch.accountId !== undefined ? patch.accountId : before.accountId,
      active: patch.active ?? before.active,
    });
    const normalizedName = normalizePartnerName(clean.name);
    if (normalizedName !== before.normalizedName) {
      const existing = await db.partners.where({ normalizedName }).first();
      if (existing && existing.id !== id) throw duplicateName(existing);
    }
    const after: PartnerRow = { ...before, ...clean, normalizedName, updatedAt: change.now };
    if (sameFields(before, after)) return before;
    await db.partners.put(after);
    await db.audit.add(auditEntry(change, 'update', before, after));
    if (after.name !== before.name || after.type !== before.type || after.accountId !== before.accountId) {
      await requeuePartnerClaims(db, id, change.now);
    }
    return after;
  });
}

/**
 * Queues the claims of a partner whose name, type or Account changed, so their records in the org (Partner_Name__c,
 * Partner_Key__c, Partner_Type__c, Partner_Account__c, which reports group by) follow: ceil(n / 200) pushes. Only the
 * browser that made the change sends them; the others learn the change from the roster (docs/roster.md).
 */
async function requeuePartnerClaims(db: PartnerLedgerDb, partnerId: string, now: string): Promise<void> {
  const claims = await db.attributions.where('partnerId').equals(partnerId).toArray();
  for (const claim of claims) {
    if ((await db.outbox.where('attributionId').equals(claim.id).count()) > 0) continue;
    await db.outbox.add({ orgKey: claim.orgKey, attributionId: claim.id, version: claim.version, queuedAt: now });
  }
}

/**
 * Deletes a partner that was added by mistake. A partner that any attribution refers to (even a
 * removed one that has not synced yet) is kept: its history must stay readable, so it can only be
 * deactivated.
 */
export async function deletePartner(db: PartnerLedgerDb, id: string, change: ChangeContext): Promise<void> {
  await db.transaction('rw', [db.partners, db.attributions, db.audit], async () => {
    const before = await db.partners.get(id);
    if (!before) throw new AppError('not_found', 'That partner no longer exists. It may have been deleted already.');
    const uses = await db.attributions.where('partnerId').equals(id).count();
    if (uses > 0) {
      throw new AppError(
        'partner_in_use',
        `“${before.name}” is used by ${uses.toLocaleString('en')} ${uses === 1 ? 'attribution' : 'attributions'}, so ` +
          `it cannot be deleted. Deactivate it instead: its attributions stay, and it is no longer offered for new ` +
          `ones.`,
      );
    }
    await db.partners.delete(id);
    await db.audit.add(auditEntry(change, 'delete', before, null));
  });
}

/** A row to import; `line` (from the CSV preview) makes messages point at the file. */
export type ImportRow = PartnerInput & { line?: number };

function rowLabel(row: ImportRow, index: number): string {
  return row.line !== undefined ? `Line ${row.line}` : `Row ${index + 1}`;
}

/**
 * Imports a roster: rows whose name matches a partner (without regard to case, accents or spacing)
 * update its type, tier, Account and status, the others are created. All or nothing, in one
 * transaction, with one audit entry per partner that actually changed.
 */
export async function importPartners(
  db: PartnerLedgerDb,
  rows: readonly ImportRow[],
  change: ChangeContext,
): Promise<{ created: number; updated: number }> {
  const clean = rows.map((row, index) => validInput(row, `${rowLabel(row, index)}: `));
  const keys = clean.map((row) => normalizePartnerName(row.name));
  const firstIndex = new Map<string, number>();
  keys.forEach((key, index) => {
    const first = firstIndex.get(key);
    if (first !== undefined) {
      throw new AppError(
        'duplicate_partner_name',
        `“${clean[index]!.name}” is listed twice (${rowLabel(rows[first]!, first).toLowerCase()} and ` +
          `${rowLabel(rows[index]!, index).toLowerCase()}); each partner can appear only once.`,
      );
    }
    firstIndex.set(key, index);
  });

  return db.transaction('rw', [db.partners, db.audit], async () => {
    const byKey = new Map((await db.partners.toArray()).map((partner) => [partner.normalizedName, partner]));
    const created: PartnerRow[] = [];
    const updated: PartnerRow[] = [];
    const replaced: PartnerRow[] = [];
    clean.forEach((row, index) => {
      const normalizedName = keys[index]!;
      const before = byKey.get(normalizedName);
      if (!before) {
        const partner: PartnerRow = {
          id: change.newId(),
          ...row,
          normalizedName,
          createdAt: change.now,
          updatedAt: change.now,
        };
        created.push(partner);
        return;
      }
      // The roster keeps its own spelling of the name; renaming is done in the form.
      const after: PartnerRow = {
        ...before,
        type: row.type,
        tier: row.tier,
        accountId: row.accountId,
        active: row.active,
      };
      if (sameFields(before, after)) return;
      after.updatedAt = change.now;
      updated.push(after);
      replaced.push(before);
    });
    if (created.length) await db.partners.bulkAdd(created);
    if (updated.length) await db.partners.bulkPut(updated);
    // An import is one action: one audit entry for what it created and one for what it changed, each
    // holding every row before and after. Ten thousand entries would double the time of a large import.
    const batchEntry = (action: AuditRow['action'], before: PartnerRow[] | null, after: PartnerRow[]): AuditRow => ({
      at: change.now,
      actor: change.actor,
      entity: 'partner',
      entityId: change.newId(),
      action,
      before,
      after,
    });
    const audit = [
      ...(created.length ? [batchEntry('create', null, created)] : []),
      ...(updated.length ? [batchEntry('update', replaced, updated)] : []),
    ];
    if (audit.length) await db.audit.bulkAdd(audit);
    return { created: created.length, updated: updated.length };
  });
}
