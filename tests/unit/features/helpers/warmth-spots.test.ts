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

describe('where badges go on real-org variants', () => {
  it('finds role-based datatable rows and related-list tiles of opportunities', () => {
    document.body.innerHTML = `
      <div role="grid">
        <div role="row" data-row-key-value="HEADER"><div role="columnheader">Name</div></div>
        <div role="row" data-row-key-value="${A}"><div role="rowheader"><a href="/lightning/r/Opportunity/${A}/view">A</a></div></div>
      </div>
      <lst-related-preview-card><h3 class="slds-tile__title"><a href="/lightning/r/Opportunity/${B}/view">B</a></h3></lst-related-preview-card>
      <lst-related-preview-card><h3 class="slds-tile__title"><a href="/lightning/r/${ACCOUNT}/view">Acme</a></h3></lst-related-preview-card>`;
    const spots = findListSpots(document, { rows: true, cards: false });
    expect(spots.map((s) => [s.kind, s.opportunityId, s.anchor.textContent])).toEqual([
      ['row', A, 'A'],
      ['tile', B, 'B'],
    ]);
  });

  it('finds rows, tiles and titles inside open shadow roots, and puts a badge beside a slotted title in its slot', () => {
    const shadowHost = (tag: string, html: string) => {
      const element = document.createElement(tag);
      element.attachShadow({ mode: 'open' }).innerHTML = html;
      return element;
    };
    const datatable = shadowHost(
      'lightning-datatable',
      `<table><tbody><tr data-row-key-value="${A}"><th scope="row"></th></tr></tbody></table>`,
    );
    const url = shadowHost('lightning-formatted-url', `<a href="/lightning/r/Opportunity/${A}/view">A</a>`);
    datatable.shadowRoot!.querySelector('th')!.append(url);
    const tile = shadowHost(
      'lst-related-preview-card',
      `<h3 class="slds-tile__title"><a href="/lightning/r/Opportunity/${C}/view">C</a></h3>`,
    );
    document.body.append(datatable, tile);
    expect(document.querySelector('tr, a')).toBeNull();
    const spots = findListSpots(document, { rows: true, cards: false });
    expect(spots.map((s) => [s.kind, s.opportunityId])).toEqual([
      ['row', A],
      ['tile', C],
    ]);
    // A name link rendered later, deep inside the row, finds its row across the shadow boundary.
    const [again] = findListSpots(url.shadowRoot!.querySelector('a')!, { rows: true, cards: false });
    expect(again?.opportunityId).toBe(A);

    const highlights = shadowHost('records-highlights2', '<h1><slot name="primaryField"></slot></h1>');
    const title = document.createElement('lightning-formatted-text');
    title.slot = 'primaryField';
    title.textContent = 'Big deal';
    highlights.append(title);
    document.body.replaceChildren(highlights);
    const spot = findRecordSpot(document, A, false)!;
    expect(spot.anchor).toBe(title);
    const badge = document.createElement(BADGE_TAG);
    placeBadge(spot, badge);
    expect([title.nextElementSibling, badge.getAttribute('slot')]).toEqual([badge, 'primaryField']);
  });
});
