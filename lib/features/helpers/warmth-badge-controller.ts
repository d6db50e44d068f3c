/**
 * Keeps the badges of one view in step with the page and the data: finds spots as Salesforce renders them
 * (infinite scroll, sorting, switching to the board), asks the background once per batch of new ids,
 * remembers answers for the view's lifetime (a re-rendered row is badged at once), and asks again when
 * the background says attributions changed. Everything is removed when `signal` aborts.
 */
import type { Warmth } from '../../attribution/warmth';
import { observeDeep } from '../../crm/salesforce/shadow-dom';
import { request as defaultRequest, type Requester } from '../../messaging/client';
import type { WarmthAnswer } from '../../messaging/protocol';
import { onAttributionsChanged } from './attribution-events';
import { BADGE_TAG, createBadge, type BadgeHandle, type OpenPanel } from './warmth-badge';
import { placeBadge, type Spot } from './warmth-spots';

/** The most opportunity ids one warmth request may carry: the background refuses larger ones. */
const MAX_IDS_PER_WARMTH_REQUEST = 2_000;
/**
 * Badges created in one task. Each task of ours makes the page lay out again, which on a board of
 * thousands of cards costs far more than the badges themselves (about 0.05 ms each with a shared
 * stylesheet), so a board's badges come in one task and only very large ones are split.
 */
const BADGES_PER_TASK = 600;

const ELEMENT_NODE = 1;

/** A change inside a badge's own shadow root (its popover opening): nothing of Salesforce's. */
function isInsideBadge(target: Node): boolean {
  const tree = target.getRootNode();
  return 'host' in tree && (tree as ShadowRoot).host.localName === BADGE_TAG;
}

export interface BadgeControllerOptions {
  doc: Document;
  orgKey: string;
  signal: AbortSignal;
  /** The container to watch for rows, cards or the title. */
  root: Element;
  /** The spots inside a container or an added subtree. */
  find: (root: Element | Document) => Spot[];
  /** Whether the user wants badges in this view, per the background's answer. */
  wanted: (settings: WarmthAnswer['settings']) => boolean;
  openPanel: (spot: Spot) => OpenPanel;
  /** List views and boards: let the background fetch opportunities it has never seen from the org. */
  fetchUnknown?: boolean;
  /**
   * Lists and boards: ask for every opportunity with partners up front (the background decides if they are
   * few enough).
   */
  prefetch?: boolean;
  /** Shared by the controllers of one page. */
  cache?: WarmthCache;
  request?: Requester;
}

/** What a page's controllers know, shared so a switch from the list to the board asks nothing again. */
export interface WarmthCache {
  /** Warmth by opportunity id; null: no partner involvement (no badge). */
  known: Map<string, Warmth | null>;
  /** The user's badge switches, from the latest answer. */
  settings?: WarmthAnswer['settings'];
  /** True once the background sent every opportunity with partners: any other one needs no badge. */
  allTaggedKnown: boolean;
  taggedAsked: boolean;
}

export function createWarmthCache(): WarmthCache {
  return { known: new Map(), allTaggedKnown: false, taggedAsked: false };
}

/**
 * Asks, as early as a view starts, for every opportunity with partners (when there are few enough), so
 * the first rows need no round trip of their own. Controllers sharing `cache` use the answer.
 */
export function prefetchTagged(cache: WarmthCache, orgKey: string, request: Requester = defaultRequest): void {
  if (cache.taggedAsked) return;
  cache.taggedAsked = true;
  request('getWarmth', { orgKey, opportunityIds: [], includeTagged: true }).then(
    (answer) => {
      if (!cache.taggedAsked) return; // forgotten since (a change arrived): the controllers ask again
      cache.settings = answer.settings;
      for (const [id, warmth] of Object.entries(answer.warmth)) cache.known.set(id, warmth);
      if (answer.allTagged) cache.allTaggedKnown = true;
    },
    () => {},
  );
}

export interface BadgeController {
  /** Forgets what it knows and asks again for every opportunity on the page. */
  refresh(): void;
}

export function startBadgeController(options: BadgeControllerOptions): BadgeController {
  const { doc, orgKey, signal, root, find, wanted, openPanel } = options;
  const { fetchUnknown = false, prefetch = false, request = defaultRequest } = options;
  const cache = options.cache ?? createWarmthCache();
  const { known } = cache;
  const badges = new Map<Element, BadgeHandle>();
  const waiting = new Map<string, Spot[]>();
  const fetched = new Set<string>();
  const toFetch = new Set<string>();
  const toCreate: Spot[] = [];
  let creating = false;
  let flushQueued = false;
  let generation = 0;
  let disabled = false;

  function show(spots: readonly Spot[]) {
    // Another view of the page learnt that the user switched these badges off.
    if (cache.settings && !wanted(cache.settings)) return disable();
    for (const spot of spots) {
      let warmth = known.get(spot.opportunityId);
      if (warmth === undefined && cache.allTaggedKnown) {
        // Every opportunity with partners is known: this one has none, no need to ask.
        warmth = null;
        known.set(spot.opportunityId, null);
        if (fetchUnknown && !fetched.has(spot.opportunityId)) toFetch.add(spot.opportunityId);
      }
      if (warmth === undefined) {
        const list = waiting.get(spot.opportunityId);
        if (list) list.push(spot);
        else waiting.set(spot.opportunityId, [spot]);
        continue;
      }
      let badge = badges.get(spot.anchor);
      if (badge && (!badge.host.isConnected || badge.opportunityId !== spot.opportunityId)) {
        badge.remove();
        badges.delete(spot.anchor);
        badge = undefined;
      }
      if (!warmth) {
        badge?.remove();
        badges.delete(spot.anchor);
      } else if (badge) {
        if (badge.warmth !== warmth) badge.update(warmth);
      } else {
        toCreate.push(spot);
      }
    }
    if (toCreate.length && !creating) createSome();
    if ((waiting.size || toFetch.size) && !flushQueued) {
      flushQueued = true;
      // One request for everything found in this task (a batch of rows arrives in one mutation).
      queueMicrotask(flush);
    }
  }

  /**
   * Creates badges a slice at a time, yielding between slices: a board can ask for hundreds at once, and
   * one long task would make the page stutter.
   */
  function createSome() {
    creating = false;
    if (signal.aborted || disabled) return;
    for (const spot of toCreate.splice(0, BADGES_PER_TASK)) {
      const warmth = known.get(spot.opportunityId);
      if (!warmth || !spot.anchor.isConnected || badges.get(spot.anchor)?.host.isConnected) continue;
      const created = createBadge(doc, warmth, {
        opportunityId: spot.opportunityId,
        openPanel: openPanel(spot),
        place: spot.kind === 'card' ? 'card' : 'inline',
      });
      placeBadge(spot, created.host);
      badges.set(spot.anchor, created);
    }
    if (toCreate.length) {
      creating = true;
      setTimeout(createSome, 0);
    }
  }

  function flush() {
    flushQueued = false;
    if (signal.aborted || disabled) return;
    if (toFetch.size) {
      fetchFromOrg([...toFetch]);
      toFetch.clear();
    }
    const ids = [...waiting.keys()];
    const ticket = generation;
    for (let start = 0; start < ids.length; start += MAX_IDS_PER_WARMTH_REQUEST) {
      ask(ids.slice(start, start + MAX_IDS_PER_WARMTH_REQUEST), ticket, false);
    }
    // Once per view, and beside the batch rather than in it (so the first rows do not wait for it): every
    // opportunity with partners, when there are few enough. Later rows are then badged, or known to need no
    // badge, the moment they appear.
    if (prefetch && !cache.taggedAsked && ids.length) {
      cache.taggedAsked = true;
      ask(ids.slice(0, 1), ticket, true);
    }
  }

  function ask(batch: string[], ticket: number, includeTagged: boolean) {
    request('getWarmth', { orgKey, opportunityIds: batch, ...(includeTagged ? { includeTagged } : {}) }).then(
      (answer) => {
        if (signal.aborted || ticket !== generation) return;
        cache.settings = answer.settings;
        if (!wanted(answer.settings)) return disable();
        for (const [id, warmth] of Object.entries(answer.warmth)) known.set(id, warmth);
        if (answer.allTagged) cache.allTaggedKnown = true;
        const ready: Spot[] = [];
        for (const id of batch) {
          if (!known.has(id)) known.set(id, null);
          ready.push(...(waiting.get(id) ?? []));
          waiting.delete(id);
        }
        show(ready.filter((spot) => spot.anchor.isConnected));
        if (fetchUnknown && !includeTagged) fetchFromOrg(batch);
      },
      () => {
        // Not reachable (extension updated) or refused: no badges rather than wrong ones.
        for (const id of batch) waiting.delete(id);
      },
    );
  }

  /** Opportunities this browser has never seen may carry teammates' tags: the background fetches them. */
  function fetchFromOrg(ids: readonly string[]) {
    const fresh = ids.filter((id) => !fetched.has(id));
    if (!fresh.length) return;
    for (const id of fresh) fetched.add(id);
    request('fetchOpportunities', { orgKey, opportunityIds: fresh }).then(
      ({ calls }) => calls > 0 && refresh(),
      () => {}, // offline or not connected: local data stands
    );
  }

  function refresh() {
    if (signal.aborted || disabled) return;
    generation++;
    known.clear();
    waiting.clear();
    toCreate.length = 0;
    cache.allTaggedKnown = false;
    cache.taggedAsked = false;
    show(find(root));
  }

  function disable() {
    disabled = true;
    watching.abort();
    removeAll();
  }

  function removeAll() {
    toCreate.length = 0;
    for (const badge of badges.values()) badge.remove();
    badges.clear();
  }

  // Rows, tiles and titles render inside open shadow roots in native-shadow Lightning: watch those too.
  const watching = new AbortController();
  observeDeep(
    root,
    (records) => {
      const added: Element[] = [];
      for (const record of records) {
        if (isInsideBadge(record.target)) continue;
        for (const node of record.addedNodes) {
          if (node.nodeType === ELEMENT_NODE && (node as Element).localName !== BADGE_TAG) added.push(node as Element);
        }
      }
      if (added.length) show(added.flatMap((node) => find(node)));
    },
    { signal: watching.signal },
  );
  signal.addEventListener(
    'abort',
    () => {
      watching.abort();
      removeAll();
    },
    { once: true },
  );
  onAttributionsChanged(signal, refresh);
  show(find(root));
  return { refresh };
}
