import { afterEach, describe, expect, it } from 'vitest';
import { BADGE_TAG } from '../../../../lib/features/helpers/warmth-badge';
import { findListSpots, findRecordSpot, placeBadge } from '../../../../lib/features/helpers/warmth-spots';
import { A, B, C, ACCOUNT, row, table } from './warmth-fixtures';

afterEach(() => {
  document.body.innerHTML = '';
});

describe('where badges go', () => {
  it('finds opportunity rows and board cards, skipping other objects and rows without a name link', () => {
    document.body.innerHTML = `
      <table><tbody>${row(A)}${row(ACCOUNT)}<tr data-row-key-value="${B}"><td>no link</td></tr></tbody></table>
      <article class="pipelineViewCard"><div class="primaryDisplayField"><a data-recordid="${C}" href="/lightning/r/Opportunity/${C}/view">C</a></div></article>
      <article class="pipelineViewCard"><div class="primaryDisplayField"><a href="/lightning/r/Opportunity/${B}/view">B by href</a></div></article>`;
    const rows = findListSpots(document, { rows: true, cards: false });
    expect(rows.map((s) => [s.kind, s.opportunityId])).toEqual([['row', A]]);
    const cards = findListSpots(document, { rows: false, cards: true });
    expect(cards.map((s) => [s.kind, s.opportunityId])).toEqual([
      ['card', C],
      ['card', B],
    ]);
  });

  it('finds the row a name link was rendered into, and places badges after the name', () => {
    table([A]);
    const link = document.querySelector('a')!;
    const [spot] = findListSpots(link, { rows: true, cards: false });
    expect(spot?.anchor).toBe(link);
    const host = document.createElement(BADGE_TAG);
    placeBadge(spot!, host);
    expect(link.nextElementSibling).toBe(host);
  });

  it('finds the record title in Lightning and Classic', () => {
    document.body.innerHTML =
      `<records-highlights2><slot name="primaryField"><lightning-formatted-text>Big ` +
      `deal</lightning-formatted-text></slot></records-highlights2>`;
    expect(findRecordSpot(document, A, false)?.anchor.textContent).toBe('Big deal');
    document.body.innerHTML = `<div class="bPageTitle"><h2 class="pageDescription">Classic deal</h2></div>`;
    const spot = findRecordSpot(document, A, true)!;
    const host = document.createElement(BADGE_TAG);
    placeBadge(spot, host);
    expect(spot.anchor.lastElementChild).toBe(host);
  });
});
