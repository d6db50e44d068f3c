import { describe, expect, it } from 'vitest';
import { asksForOpenPanel, panelUrl } from '../../../../lib/features/helpers/panel-url';
import { isOpportunityRecordPage } from '../../../../lib/crm/salesforce/url-detection';
import { opportunityId } from '../../../builders';

describe('panel URL', () => {
  const id = opportunityId(7);

  it('leads to the opportunity’s own page, asking for the panel open', () => {
    const href = panelUrl('https://acme.lightning.force.com', id);
    expect(href).toBe(`https://acme.lightning.force.com/lightning/r/Opportunity/${id}/view?c__plPanel=open`);
    expect(isOpportunityRecordPage(href)).toBe(true);
    expect(asksForOpenPanel(new URL(href))).toBe(true);
  });

  it('is not asked for by a plain record URL or another value', () => {
    const plain = new URL(`https://acme.lightning.force.com/lightning/r/Opportunity/${id}/view`);
    expect(asksForOpenPanel(plain)).toBe(false);
    plain.searchParams.set('c__plPanel', 'closed');
    expect(asksForOpenPanel(plain)).toBe(false);
  });
});
