// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { isIdOf, isRecordId, type KEY_PREFIXES } from '../../../lib/record-id';
import {
  createSeedData,
  DEMO_OPPORTUNITY_IDS,
  findAccount,
  findOpportunity,
  getPartners,
  HTML_OPPORTUNITY_NAME,
  makeRecordId,
  STAGES,
  startOfThisWeekForAnyConvention,
} from '../../fake-org/data';

const NOW = new Date(2026, 2, 4, 10, 30); // a Wednesday morning, local time
const data = createSeedData(NOW);

describe('fake org seed data', () => {
  it('is deterministic for a given now, and ids do not depend on now', () => {
    expect(createSeedData(NOW)).toEqual(data);
    const later = createSeedData(new Date(2027, 0, 1));
    expect(later.opportunities.map((o) => o.Id)).toEqual(data.opportunities.map((o) => o.Id));
  });

  it('builds valid 18-character ids with the right key prefixes', () => {
    expect(makeRecordId('006', 1)).toHaveLength(18);
    expect(isIdOf('Organization', data.org.Id)).toBe(true);
    const groups: Array<[keyof typeof KEY_PREFIXES, Array<{ Id: string }>]> = [
      ['User', data.users],
      ['Account', data.accounts],
      ['Opportunity', data.opportunities],
    ];
    const all = new Set<string>();
    for (const [object, records] of groups) {
      for (const record of records) {
        expect(record.Id, record.Id).toHaveLength(18);
        expect(isRecordId(record.Id), record.Id).toBe(true);
        expect(isIdOf(object, record.Id), record.Id).toBe(true);
        all.add(record.Id);
        all.add(record.Id.slice(0, 15));
      }
    }
    // Unique, even in the case-sensitive 15-character form.
    expect(all.size).toBe(2 * (data.users.length + data.accounts.length + data.opportunities.length));
  });

  it('has the org, users, customer and partner accounts a demo needs', () => {
    expect(data.org).toMatchObject({
      MyDomain: 'acme',
      Name: 'Acme Cloud (demo)',
      DefaultCurrencyIsoCode: 'USD',
      IsMultiCurrency: false,
    });
    expect(data.users.length).toBeGreaterThanOrEqual(5);
    expect(data.users.some((user) => user.Title === 'Partner Manager')).toBe(true);
    expect(data.users.find((user) => user.Id === data.org.CurrentUserId)).toBeDefined();
    expect(data.accounts.filter((account) => !account.IsPartner).length).toBeGreaterThanOrEqual(12);
    const partners = getPartners(data);
    expect(partners.length).toBeGreaterThanOrEqual(5);
    expect(new Set(partners.map((partner) => partner.Partner_Type__c)).size).toBe(partners.length);
    expect(findAccount(data, 'Northwind Systems Integration')?.Partner_Type__c).toBe('system-integrator');
  });

  it('has at least 40 opportunities over every stage, consistent with their stage', () => {
    expect(data.opportunities.length).toBeGreaterThanOrEqual(40);
    expect(new Set(data.opportunities.map((o) => o.StageName))).toEqual(new Set(STAGES.map((stage) => stage.name)));
    for (const opportunity of data.opportunities) {
      const stage = STAGES.find((candidate) => candidate.name === opportunity.StageName)!;
      expect(opportunity.IsClosed, opportunity.Name).toBe(opportunity.StageName.startsWith('Closed'));
      expect(opportunity.IsWon, opportunity.Name).toBe(opportunity.StageName === 'Closed Won');
      expect(opportunity.Probability).toBe(stage.probability);
      expect(opportunity.ForecastCategoryName).toBe(stage.forecastCategory);
      expect(data.accounts.some((account) => account.Id === opportunity.AccountId && !account.IsPartner)).toBe(true);
      expect(data.users.some((user) => user.Id === opportunity.OwnerId)).toBe(true);
    }
    expect(new Set(data.opportunities.map((o) => o.Name)).size).toBe(data.opportunities.length);
  });

  it('dates are relative to now: created within 120 days, some this week, closes after creation', () => {
    const weekStart = startOfThisWeekForAnyConvention(NOW);
    const created = data.opportunities.map((o) => new Date(o.CreatedDate));
    for (const date of created) {
      expect(date.getTime()).toBeLessThanOrEqual(NOW.getTime());
      expect(NOW.getTime() - date.getTime()).toBeLessThan(121 * 24 * 3600 * 1000);
    }
    expect(created.filter((date) => date >= weekStart).length).toBeGreaterThanOrEqual(4);
    const today = new Date(NOW.getFullYear(), NOW.getMonth(), NOW.getDate());
    expect(created.some((date) => date >= today)).toBe(true);
    for (const opportunity of data.opportunities) {
      const [y, m, d] = opportunity.CloseDate.split('-').map(Number) as [number, number, number];
      const close = new Date(y, m - 1, d);
      expect(close.getTime(), opportunity.Name).toBeGreaterThanOrEqual(
        new Date(opportunity.CreatedDate).setHours(0, 0, 0, 0),
      );
      if (opportunity.IsClosed) expect(close.getTime(), opportunity.Name).toBeLessThan(today.getTime());
      else expect(close.getTime(), opportunity.Name).toBeGreaterThanOrEqual(today.getTime());
      expect(new Date(opportunity.LastModifiedDate).getTime()).toBeGreaterThanOrEqual(
        new Date(opportunity.CreatedDate).getTime(),
      );
    }
  });

  it('has "this week" data whatever day now is, for Sunday- and Monday-based weeks', () => {
    for (let day = 0; day < 14; day++) {
      const now = new Date(2026, 5, 1 + day, day % 2 === 0 ? 0 : 18, 5);
      const seeded = createSeedData(now);
      const sunday = new Date(now.getFullYear(), now.getMonth(), now.getDate() - now.getDay());
      const monday = new Date(now.getFullYear(), now.getMonth(), now.getDate() - ((now.getDay() + 6) % 7));
      for (const weekStart of [sunday, monday]) {
        const thisWeek = seeded.opportunities.filter(
          (o) => new Date(o.CreatedDate) >= weekStart && new Date(o.CreatedDate) <= now,
        );
        expect(thisWeek.length, `${now.toString()} from ${weekStart.toDateString()}`).toBeGreaterThanOrEqual(4);
      }
    }
  });

  it('has "last week" data whatever day now is, for Sunday- and Monday-based weeks', () => {
    for (let day = 0; day < 14; day++) {
      const now = new Date(2026, 5, 1 + day, day % 2 === 0 ? 0 : 18, 5);
      const seeded = createSeedData(now);
      const sunday = new Date(now.getFullYear(), now.getMonth(), now.getDate() - now.getDay());
      const monday = new Date(now.getFullYear(), now.getMonth(), now.getDate() - ((now.getDay() + 6) % 7));
      for (const weekStart of [sunday, monday]) {
        const previousStart = new Date(weekStart.getFullYear(), weekStart.getMonth(), weekStart.getDate() - 7);
        const lastWeek = seeded.opportunities.filter(
          (o) => new Date(o.CreatedDate) >= previousStart && new Date(o.CreatedDate) < weekStart,
        );
        expect(lastWeek.length, `${now.toString()} from ${previousStart.toDateString()}`).toBeGreaterThanOrEqual(3);
        expect(lastWeek.some((o) => o.Amount !== null)).toBe(true);
      }
    }
  });

  it('exposes well-known opportunities for tests', () => {
    expect(findOpportunity(data, DEMO_OPPORTUNITY_IDS.flagship)).toMatchObject({
      Amount: 120000,
      StageName: 'Negotiation/Review',
    });
    expect(findOpportunity(data, DEMO_OPPORTUNITY_IDS.flagship.slice(0, 15))?.Id).toBe(DEMO_OPPORTUNITY_IDS.flagship);
    expect(findOpportunity(data, HTML_OPPORTUNITY_NAME)?.Id).toBe(DEMO_OPPORTUNITY_IDS.htmlName);
    expect(findOpportunity(data, DEMO_OPPORTUNITY_IDS.closedWon)).toMatchObject({ IsClosed: true, IsWon: true });
    expect(findOpportunity(data, DEMO_OPPORTUNITY_IDS.closedLost)).toMatchObject({ IsClosed: true, IsWon: false });
    expect(findOpportunity(data, DEMO_OPPORTUNITY_IDS.noAmount)).toMatchObject({
      Amount: null,
      LeadSource: null,
      IsClosed: false,
    });
    expect(findOpportunity(data, DEMO_OPPORTUNITY_IDS.partnerReferral)?.LeadSource).toBe('Partner Referral');
    const fresh = findOpportunity(data, DEMO_OPPORTUNITY_IDS.newThisWeek)!;
    expect(new Date(fresh.CreatedDate).toDateString()).toBe(NOW.toDateString());
  });
});
