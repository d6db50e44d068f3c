import { describe, expect, it } from 'vitest';
import {
  createdDateKnown,
  hasUnknownFacts,
  UNKNOWN_FACT_WORDS,
  unknownFactItems,
} from '../../../lib/attribution/unknown-facts';
import { opportunity } from './summary-fixtures';

describe('createdDateKnown', () => {
  it('knows a real calendar date and an instant, not an empty, impossible or unreadable one', () => {
    expect(createdDateKnown({ createdAt: '2026-11-18' })).toBe(true);
    expect(createdDateKnown({ createdAt: '2026-11-18T10:00:00.000Z' })).toBe(true);
    expect(createdDateKnown({ createdAt: '' })).toBe(false);
    expect(createdDateKnown({ createdAt: '2026-02-30' })).toBe(false);
    expect(createdDateKnown({ createdAt: '18/11/2026 10:00' })).toBe(false);
  });
});

describe('unknownFactItems', () => {
  it('lists nothing for a deal whose facts are all known', () => {
    const known = opportunity('known');
    expect(hasUnknownFacts(known)).toBe(false);
    expect(unknownFactItems(known)).toEqual([]);
  });

  it('lists the created date, the amount and the currency, each starting with what is unknown', () => {
    const unknown = opportunity('page-only', { createdAt: '', amountCents: null, currency: null, fromPage: true });
    expect(hasUnknownFacts(unknown)).toBe(true);
    const items = unknownFactItems(unknown);
    expect(items.map((item) => item.reason)).toEqual(['created_unknown', 'amount_unknown', 'currency_unknown']);
    for (const item of items) {
      expect(item).toMatchObject({ opportunityId: 'page-only', name: 'Deal page-only' });
      expect(item.detail.startsWith(`${UNKNOWN_FACT_WORDS[item.reason as keyof typeof UNKNOWN_FACT_WORDS]}: `)).toBe(
        true,
      );
      expect(item.detail).toContain('while Partner Ledger is connected');
    }
  });

  it('tells an amount hidden by field access from one that is empty in Salesforce', () => {
    const [hidden] = unknownFactItems(opportunity('h', { amountCents: null, amountHidden: true }));
    expect(hidden!.detail).toBe(
      'Amount hidden by your Salesforce field access: ask your Salesforce admin for read access to Amount. ' +
        'It counts with no amount.',
    );
    const [empty] = unknownFactItems(opportunity('e', { amountCents: null }));
    expect(empty!.detail).toBe('Amount unknown: add the amount in Salesforce. It counts with no amount.');
  });
});
