import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Warmth } from '../../../lib/attribution/warmth';
import type { WarmthAnswer } from '../../../lib/messaging/protocol';
import { BADGE_TAG, badgeLabel, createBadge } from '../../../lib/features/warmth/badge';
import { createWarmthCache, prefetchTagged, startBadgeController, type Requester } from '../../../lib/features/warmth/badge-controller';
import { findListSpots, findRecordSpot, placeBadge } from '../../../lib/features/warmth/spots';
import { opportunityId } from '../helpers';

const A = opportunityId(1);
const B = opportunityId(2);
const C = opportunityId(3);
const ACCOUNT = '001Ak00000AbCdEIAZ';

const hot: Warmth = {
  level: 'hot',
  reasons: ['Sourced by Acme SI', 'Intro / referral on 12 Nov 2026', 'Last touch 3 days ago by Jordan Kim'],
  summary: 'Sourced by Acme SI · last touch 3 days ago',
  partners: [{ name: 'Acme SI', kind: 'sourced', lastTouch: '2026-11-12' }],
  askPartnerManager: 'Jordan Kim',
};
const cool: Warmth = { ...hot, level: 'cool', summary: 'Influenced by <b>Globex</b> · no touches yet', reasons: ['Influenced by <b>Globex</b>'], partners: [{ name: '<b>Globex</b>', kind: 'influenced' }] };

function row(id: string, name = `Deal ${id.slice(-4)}`): string {
  return `<tr data-row-key-value="${id}"><th scope="row"><span><a href="/lightning/r/${id}/view">${name}</a></span></th><td>1</td></tr>`;
}

function table(ids: string[]): HTMLElement {
  document.body.innerHTML = `<div class="page"><table><tbody>${ids.map((id) => row(id)).join('')}</tbody></table></div>`;
  return document.querySelector('.page')!;
}

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
    expect(cards.map((s) => [s.kind, s.opportunityId])).toEqual([['card', C], ['card', B]]);
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
    document.body.innerHTML = `<records-highlights2><slot name="primaryField"><lightning-formatted-text>Big deal</lightning-formatted-text></slot></records-highlights2>`;
    expect(findRecordSpot(document, A, false)?.anchor.textContent).toBe('Big deal');
    document.body.innerHTML = `<div class="bPageTitle"><h2 class="pageDescription">Classic deal</h2></div>`;
    const spot = findRecordSpot(document, A, true)!;
    const host = document.createElement(BADGE_TAG);
    placeBadge(spot, host);
    expect(spot.anchor.lastElementChild).toBe(host);
  });
});

describe('a badge', () => {
  it('is a button named "Partner warmth: <level> — <reason>" on a host carrying data-pl-warmth', () => {
    const badge = createBadge(document, hot, { opportunityId: A, place: 'inline', openPanel: { href: 'https://x/panel' } });
    document.body.append(badge.host);
    const button = badge.host.shadowRoot!.querySelector('button')!;
    expect(button.getAttribute('aria-label')).toBe('Partner warmth: Hot — Sourced by Acme SI · last touch 3 days ago');
    expect(button.textContent).toBe('Hot');
    expect(badge.host.dataset.plWarmth).toBe('hot');
    badge.update(cool);
    expect(badge.host.dataset.plWarmth).toBe('cool');
    expect(button.getAttribute('aria-label')).toBe(badgeLabel(cool));
  });

  it('explains itself on focus — reasons, partners, who to ask, the panel link — as text, and closes on Escape', () => {
    const badge = createBadge(document, cool, { opportunityId: A, place: 'inline', openPanel: { href: 'https://acme.lightning.force.com/panel' } });
    document.body.append(badge.host);
    const shadow = badge.host.shadowRoot!;
    const button = shadow.querySelector('button')!;
    button.focus();
    const dialog = shadow.querySelector<HTMLElement>('[role="dialog"]')!;
    expect(button.getAttribute('aria-expanded')).toBe('true');
    expect(button.getAttribute('aria-controls')).toBe(dialog.id);
    expect(dialog.textContent).toContain('Influenced by <b>Globex</b>');
    expect(dialog.querySelector('b')).toBeNull();
    expect(dialog.textContent).toContain('Ask Jordan Kim');
    expect(shadow.querySelector('a')!.getAttribute('href')).toBe('https://acme.lightning.force.com/panel');
    badge.host.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(button.getAttribute('aria-expanded')).toBe('false');
  });

  it('opens the panel on this page when given an action instead of a link', () => {
    const onOpen = vi.fn();
    const badge = createBadge(document, hot, { opportunityId: A, place: 'inline', openPanel: { onOpen } });
    document.body.append(badge.host);
    badge.host.shadowRoot!.querySelector('button')!.click();
    const action = [...badge.host.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent === 'Open partner panel')!;
    action.click();
    expect(onOpen).toHaveBeenCalledOnce();
  });
});

function fakeRequest(warmth: () => Record<string, Warmth>, settings: Partial<WarmthAnswer['settings']> = {}) {
  const asked: string[][] = [];
  const fetchedFromOrg: string[][] = [];
  const request = (async (type: string, payload: { opportunityIds: string[]; includeTagged?: boolean }) => {
    if (type === 'fetchOpportunities') {
      fetchedFromOrg.push(payload.opportunityIds);
      return { calls: 0 };
    }
    if (!payload.includeTagged) asked.push(payload.opportunityIds);
    const all = warmth();
    const ids = payload.includeTagged ? Object.keys(all) : payload.opportunityIds.filter((id) => all[id]);
    return {
      settings: { recordBadge: true, listBadges: true, boardBadges: true, ...settings },
      warmth: Object.fromEntries(ids.map((id) => [id, all[id]])),
      ...(payload.includeTagged ? { allTagged: true } : {}),
    };
  }) as unknown as Requester;
  return { request, asked, fetchedFromOrg };
}

// MutationObserver callbacks, the batched request and its answer each take a turn of the event loop.
const flush = async () => {
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setTimeout(resolve, 5));
};
const badgesIn = (root: ParentNode) => [...root.querySelectorAll<HTMLElement>(BADGE_TAG)].map((host) => [host.closest('tr')!.dataset.rowKeyValue, host.dataset.plWarmth]);

describe('the badges of a list', () => {
  function start(root: HTMLElement, request: Requester, signal = new AbortController().signal, prefetch = false) {
    return startBadgeController({
      prefetch,
      fetchUnknown: prefetch,
      doc: document,
      orgKey: 'acme',
      signal,
      root,
      request,
      find: (node) => findListSpots(node, { rows: true, cards: false }),
      wanted: (settings) => settings.listBadges,
      openPanel: ({ opportunityId: id }) => ({ href: `/panel/${id}` }),
    });
  }

  it('asks once for the rows on the page and badges only opportunities with partners', async () => {
    const page = table([A, B]);
    const { request, asked } = fakeRequest(() => ({ [A]: hot }));
    start(page, request);
    await flush();
    expect(asked).toEqual([[A, B]]);
    expect(badgesIn(page)).toEqual([[A, 'hot']]);
  });

  it('badges rows loaded later in one more request, and re-rendered rows without asking again', async () => {
    const page = table([A]);
    const { request, asked } = fakeRequest(() => ({ [A]: hot, [C]: cool }));
    start(page, request);
    await flush();
    const more = document.createElement('tbody');
    more.innerHTML = row(B) + row(C);
    page.querySelector('tbody')!.append(...more.children);
    await flush();
    expect(asked).toEqual([[A], [B, C]]);
    expect(badgesIn(page)).toEqual([[A, 'hot'], [C, 'cool']]);
    // Sorting renders the rows anew.
    const tbody = document.createElement('tbody');
    tbody.innerHTML = row(C) + row(B) + row(A);
    page.querySelector('tbody')!.replaceWith(tbody);
    await flush();
    expect(asked).toHaveLength(2);
    expect(badgesIn(page)).toEqual([[C, 'cool'], [A, 'hot']]);
  });

  it('with every tagged opportunity known up front, badges later rows without asking again, and still has the org checked for them', async () => {
    const page = table([A]);
    const { request, asked, fetchedFromOrg } = fakeRequest(() => ({ [A]: hot, [C]: cool }));
    start(page, request, undefined, true);
    await flush();
    expect(asked).toEqual([[A]]);
    const more = document.createElement('tbody');
    more.innerHTML = row(B) + row(C);
    page.querySelector('tbody')!.append(...more.children);
    // Badged in the same task the rows appeared in: no request in between.
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(badgesIn(page)).toEqual([[A, 'hot'], [C, 'cool']]);
    await flush();
    expect(asked).toEqual([[A]]);
    expect(fetchedFromOrg.flat()).toContain(B); // rows with no local tag may carry a teammate's
  });

  it('uses what was asked for while the page was still rendering, so the first rows need no request', async () => {
    const { request, asked } = fakeRequest(() => ({ [B]: hot }));
    const cache = createWarmthCache();
    prefetchTagged(cache, 'acme', request);
    await flush();
    expect(cache.allTaggedKnown).toBe(true);
    const page = table([A, B]);
    startBadgeController({
      doc: document,
      orgKey: 'acme',
      signal: new AbortController().signal,
      root: page,
      request,
      cache,
      find: (node) => findListSpots(node, { rows: true, cards: false }),
      wanted: (settings) => settings.listBadges,
      openPanel: ({ opportunityId: id }) => ({ href: `/panel/${id}` }),
    });
    expect(badgesIn(page)).toEqual([[B, 'hot']]);
    await flush();
    expect(asked).toEqual([]);
  });

  it('shows nothing when the user switched list badges off', async () => {
    const page = table([A]);
    const { request } = fakeRequest(() => ({ [A]: hot }), { listBadges: false });
    start(page, request);
    await flush();
    expect(page.querySelectorAll(BADGE_TAG)).toHaveLength(0);
  });

  it('follows changes when asked to refresh, and removes everything when the page goes', async () => {
    const page = table([A, B]);
    let current: Record<string, Warmth> = { [A]: hot };
    const { request } = fakeRequest(() => current);
    const run = new AbortController();
    const controller = start(page, request, run.signal);
    await flush();
    current = { [A]: cool, [B]: hot };
    controller.refresh();
    await flush();
    expect(badgesIn(page)).toEqual([[A, 'cool'], [B, 'hot']]);
    current = { [B]: hot };
    controller.refresh();
    await flush();
    expect(badgesIn(page)).toEqual([[B, 'hot']]);
    run.abort();
    expect(page.querySelectorAll(BADGE_TAG)).toHaveLength(0);
  });
});
