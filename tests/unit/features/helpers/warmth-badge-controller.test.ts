import { afterEach, describe, expect, it } from 'vitest';
import type { Warmth } from '../../../../lib/attribution/warmth';
import type { Requester } from '../../../../lib/messaging/client';
import type { WarmthAnswer } from '../../../../lib/messaging/protocol';
import { BADGE_TAG } from '../../../../lib/features/helpers/warmth-badge';
import {
  createWarmthCache,
  prefetchTagged,
  startBadgeController,
} from '../../../../lib/features/helpers/warmth-badge-controller';
import { findListSpots } from '../../../../lib/features/helpers/warmth-spots';
import { A, B, C, hot, cool, row, table } from './warmth-fixtures';

afterEach(() => {
  document.body.innerHTML = '';
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
const badgesIn = (root: ParentNode) =>
  [...root.querySelectorAll<HTMLElement>(BADGE_TAG)].map((host) => [
    host.closest('tr')!.dataset.rowKeyValue,
    host.dataset.plWarmth,
  ]);

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
    expect(badgesIn(page)).toEqual([
      [A, 'hot'],
      [C, 'cool'],
    ]);
    // Sorting renders the rows anew.
    const tbody = document.createElement('tbody');
    tbody.innerHTML = row(C) + row(B) + row(A);
    page.querySelector('tbody')!.replaceWith(tbody);
    await flush();
    expect(asked).toHaveLength(2);
    expect(badgesIn(page)).toEqual([
      [C, 'cool'],
      [A, 'hot'],
    ]);
  });

  it('badges rows a native-shadow datatable adds inside its shadow root', async () => {
    document.body.innerHTML = '<div class="page"></div>';
    const page = document.querySelector<HTMLElement>('.page')!;
    const datatable = document.createElement('lightning-datatable');
    datatable.attachShadow({ mode: 'open' }).innerHTML = `<table><tbody>${row(A)}</tbody></table>`;
    page.append(datatable);
    const { request, asked } = fakeRequest(() => ({ [A]: hot, [B]: cool }));
    start(page, request);
    await flush();
    const tbody = datatable.shadowRoot!.querySelector('tbody')!;
    const more = document.createElement('tbody');
    more.innerHTML = row(B);
    tbody.append(...more.children);
    await flush();
    expect(asked).toEqual([[A], [B]]);
    expect(page.querySelector(BADGE_TAG)).toBeNull();
    expect(badgesIn(datatable.shadowRoot!)).toEqual([
      [A, 'hot'],
      [B, 'cool'],
    ]);
  });

  it(
    'with every tagged opportunity known up front, badges later rows without asking, and has the org ' + 'checked',
    async () => {
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
      expect(badgesIn(page)).toEqual([
        [A, 'hot'],
        [C, 'cool'],
      ]);
      await flush();
      expect(asked).toEqual([[A]]);
      expect(fetchedFromOrg.flat()).toContain(B); // rows with no local tag may carry a teammate's
    },
  );

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
    expect(badgesIn(page)).toEqual([
      [A, 'cool'],
      [B, 'hot'],
    ]);
    current = { [B]: hot };
    controller.refresh();
    await flush();
    expect(badgesIn(page)).toEqual([[B, 'hot']]);
    run.abort();
    expect(page.querySelectorAll(BADGE_TAG)).toHaveLength(0);
  });
});
