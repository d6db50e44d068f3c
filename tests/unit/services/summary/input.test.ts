import { describe, expect, it } from 'vitest';
import type { OpportunityRow } from '../../../../lib/store/db';
import { toSummaryOpportunity, unknownOpportunity } from '../../../../lib/services/summary/input';
import { toId18 } from '../../../../lib/record-id';
import { opportunityId } from '../../../builders';

const api: OpportunityRow = {
  id: opportunityId(1),
  orgKey: 'acme',
  name: 'Deal',
  source: 'api',
  seenAt: '2026-11-18T10:00:00.000Z',
  createdDate: '2026-11-17',
  createdAt: '2026-11-17T23:30:00.000Z',
  amount: 1234.565,
  currency: null,
  isClosed: true,
  isWon: true,
  closeDate: '2026-11-18',
  stage: 'Closed Won',
};

describe('toSummaryOpportunity', () => {
  it('uses the created instant, amounts in cents, and the single-currency org’s currency once known', () => {
    expect(toSummaryOpportunity(api, { multiCurrency: false, currency: 'USD' })).toEqual({
      id: api.id,
      name: 'Deal',
      amountCents: 123457,
      currency: 'USD',
      createdAt: '2026-11-17T23:30:00.000Z',
      closeDate: '2026-11-18',
      isClosed: true,
      isWon: true,
      stage: 'Closed Won',
    });
  });

  it('keeps an unknown currency unknown: the org’s currency is not known yet, or the facts came from the page', () => {
    expect(toSummaryOpportunity(api, undefined)?.currency).toBeNull();
    expect(
      toSummaryOpportunity({ ...api, source: 'page' }, { multiCurrency: false, currency: 'USD' })?.currency,
    ).toBeNull();
    expect(toSummaryOpportunity({ ...api, currency: 'EUR' }, { multiCurrency: true, currency: 'USD' })?.currency).toBe(
      'EUR',
    );
  });

  it('falls back to the page’s created date, and keeps an opportunity with neither, its created date unknown', () => {
    const { createdAt: _none, ...fromPage } = api;
    expect(toSummaryOpportunity({ ...fromPage, source: 'page' }, undefined)?.createdAt).toBe('2026-11-17');
    const { createdDate: _no, ...nothing } = fromPage;
    const undated = toSummaryOpportunity({ ...nothing, source: 'page' }, undefined);
    expect(undated).toMatchObject({ id: api.id, name: 'Deal', createdAt: '', fromPage: true });
  });

  it('says when the amount is hidden by field access rather than missing', () => {
    const hidden = toSummaryOpportunity({ ...api, amount: null, hiddenFields: ['Amount'] }, undefined);
    expect(hidden).toMatchObject({ amountCents: null, amountHidden: true });
    expect(toSummaryOpportunity({ ...api, amount: null }, undefined)).not.toHaveProperty('amountHidden');
    expect(toSummaryOpportunity({ ...api, hiddenFields: ['Probability'] }, undefined)).not.toHaveProperty(
      'amountHidden',
    );
  });
});

describe('unknownOpportunity', () => {
  it('stands in for a tagged opportunity of which nothing is stored, every fact unknown', () => {
    expect(unknownOpportunity(api.id)).toEqual({
      id: api.id,
      name: `Opportunity ${api.id}`,
      amountCents: null,
      currency: null,
      createdAt: '',
      isClosed: false,
      isWon: false,
    });
  });

  it('leaves out a lead not yet converted: it is not an opportunity', () => {
    expect(unknownOpportunity(toId18('00QAk0000000001')!)).toBeUndefined();
  });
});
