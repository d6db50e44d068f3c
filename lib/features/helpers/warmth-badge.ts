/**
 * One partner-warmth badge: a button in a small shadow root, and a popover that explains it on hover or
 * keyboard focus. Plain DOM rather than Preact: a list view can hold thousands of badges, and the popover
 * is built only when first opened. Everything the user reads is set as text, never as HTML.
 */
import css from '../../../components/warmth-badge.css?inline';
import { formatCalendarDate } from '../../attribution/format';
import { KIND_LABELS, LOCAL_ACTOR_LABEL } from '../../attribution/model';
import { WARMTH_LABELS, type Warmth } from '../../attribution/warmth';

export const BADGE_TAG = 'pl-warmth-badge';

/** How long the pointer rests on a badge before it explains itself, and the grace period to reach the popover. */
const OPEN_DELAY_MS = 150;
const CLOSE_DELAY_MS = 250;

export type OpenPanel = { href: string } | { onOpen: () => void };

export interface BadgeOptions {
  opportunityId: string;
  /** "Open partner panel": a link to the opportunity's page, or an action when the panel is on this page. */
  openPanel: OpenPanel;
  /** Inline next to a name, or on a line of its own (board cards, where names are truncated). */
  place: 'inline' | 'card';
}

export interface BadgeHandle {
  readonly host: HTMLElement;
  readonly opportunityId: string;
  warmth: Warmth;
  update(warmth: Warmth): void;
  remove(): void;
}

/** The badge's accessible name: "Partner warmth: Hot — Sourced by Acme SI · last touch 3 days ago". */
export function badgeLabel(warmth: Warmth): string {
  return `Partner warmth: ${WARMTH_LABELS[warmth.level]} — ${warmth.summary}`;
}

let counter = 0;
let sharedSheet: CSSStyleSheet | null | undefined;

/**
 * One parsed stylesheet shared by every badge (a board holds hundreds); a `<style>` per badge where
 * constructable stylesheets cannot be adopted (some content-script worlds).
 */
function adoptStyles(shadow: ShadowRoot, doc: Document) {
  if (sharedSheet === undefined) {
    try {
      sharedSheet = new CSSStyleSheet();
      sharedSheet.replaceSync(css);
    } catch {
      sharedSheet = null;
    }
  }
  if (sharedSheet) {
    try {
      shadow.adoptedStyleSheets = [sharedSheet];
      return;
    } catch {
      sharedSheet = null;
    }
  }
  const style = doc.createElement('style');
  style.textContent = css;
  shadow.append(style);
}
const supportsPopover = typeof HTMLElement !== 'undefined' && 'showPopover' in HTMLElement.prototype;

export function createBadge(doc: Document, initial: Warmth, options: BadgeOptions): BadgeHandle {
  const host = doc.createElement(BADGE_TAG);
  host.dataset.plPlace = options.place;
  const shadow = host.attachShadow({ mode: 'open' });
  adoptStyles(shadow, doc);
  const button = doc.createElement('button');
  button.type = 'button';
  button.setAttribute('aria-expanded', 'false');
  shadow.append(button);

  const popoverId = `pl-warmth-${++counter}`;
  let popover: HTMLElement | undefined;
  let open = false;
  let pinned = false;
  let openTimer: ReturnType<typeof setTimeout> | undefined;
  let closeTimer: ReturnType<typeof setTimeout> | undefined;

  const handle: BadgeHandle = {
    host,
    opportunityId: options.opportunityId,
    warmth: initial,
    update(warmth) {
      handle.warmth = warmth;
      paint();
      if (open) fillPopover();
    },
    remove() {
      clearTimeout(openTimer);
      clearTimeout(closeTimer);
      host.remove();
    },
  };

  function paint() {
    const { level } = handle.warmth;
    host.dataset.plWarmth = level;
    button.className = `pl-badge pl-${level}`;
    button.textContent = WARMTH_LABELS[level];
    button.setAttribute('aria-label', badgeLabel(handle.warmth));
  }

  function ensurePopover(): HTMLElement {
    if (popover) return popover;
    popover = doc.createElement('div');
    popover.id = popoverId;
    popover.className = 'pl-popover';
    popover.setAttribute('role', 'dialog');
    popover.setAttribute('aria-labelledby', `${popoverId}-title`);
    if (supportsPopover) popover.setAttribute('popover', 'manual');
    else popover.hidden = true;
    popover.addEventListener('mouseenter', () => clearTimeout(closeTimer));
    popover.addEventListener('mouseleave', scheduleClose);
    shadow.append(popover);
    button.setAttribute('aria-controls', popoverId);
    return popover;
  }

  function fillPopover() {
    const box = ensurePopover();
    const { warmth } = handle;
    const title = element('h2', `Partner warmth: ${WARMTH_LABELS[warmth.level]}`);
    title.id = `${popoverId}-title`;
    const reasons = list(warmth.reasons);
    const partners = list(
      warmth.partners.map(
        (p) =>
          `${p.name} — ${KIND_LABELS[p.kind]}${p.lastTouch ? ` · last touch ${formatCalendarDate(p.lastTouch)}` : ''}`,
      ),
    );
    const children: Node[] = [title, reasons, element('h3', 'Partners'), partners];
    if (warmth.askPartnerManager === LOCAL_ACTOR_LABEL) {
      children.push(element('h3', 'Who to ask'), element('p', 'You logged the latest partner activity.'));
    } else if (warmth.askPartnerManager) {
      const ask = element('p', 'Ask ');
      ask.append(element('strong', warmth.askPartnerManager), ' — they logged the latest partner activity.');
      children.push(element('h3', 'Who to ask'), ask);
    }
    children.push(openPanelControl());
    box.replaceChildren(...children);
  }

  function openPanelControl(): HTMLElement {
    const { openPanel } = options;
    if ('href' in openPanel) {
      const link = element('a', 'Open partner panel') as HTMLAnchorElement;
      link.href = openPanel.href;
      return link;
    }
    const action = element('button', 'Open partner panel') as HTMLButtonElement;
    action.type = 'button';
    action.className = 'pl-link';
    action.addEventListener('click', () => {
      close();
      openPanel.onOpen();
    });
    return action;
  }

  function element(tag: string, text: string): HTMLElement {
    const node = doc.createElement(tag);
    node.textContent = text;
    return node;
  }

  function list(items: readonly string[]): HTMLElement {
    const ul = doc.createElement('ul');
    ul.append(...items.map((item) => element('li', item)));
    return ul;
  }

  function show() {
    clearTimeout(openTimer);
    clearTimeout(closeTimer);
    if (open || !host.isConnected) return;
    fillPopover();
    const box = popover!;
    if (supportsPopover) box.showPopover();
    else box.hidden = false;
    open = true;
    button.setAttribute('aria-expanded', 'true');
    position(box);
  }

  function close() {
    clearTimeout(openTimer);
    clearTimeout(closeTimer);
    pinned = false;
    if (!open || !popover) return;
    if (supportsPopover) popover.hidePopover();
    else popover.hidden = true;
    open = false;
    button.setAttribute('aria-expanded', 'false');
  }

  /** Below the badge when there is room, else above; always inside the viewport. */
  function position(box: HTMLElement) {
    const anchor = button.getBoundingClientRect();
    const view = doc.defaultView!;
    const width = box.offsetWidth;
    const height = box.offsetHeight;
    const left = Math.max(8, Math.min(anchor.left, view.innerWidth - width - 8));
    const below = anchor.bottom + 4;
    const top = below + height <= view.innerHeight - 8 ? below : Math.max(8, anchor.top - height - 4);
    box.style.left = `${left}px`;
    box.style.top = `${top}px`;
  }

  function scheduleOpen() {
    clearTimeout(closeTimer);
    clearTimeout(openTimer);
    openTimer = setTimeout(show, OPEN_DELAY_MS);
  }

  function scheduleClose() {
    clearTimeout(openTimer);
    if (pinned || shadow.activeElement) return;
    clearTimeout(closeTimer);
    closeTimer = setTimeout(close, CLOSE_DELAY_MS);
  }

  button.addEventListener('mouseenter', scheduleOpen);
  button.addEventListener('mouseleave', scheduleClose);
  button.addEventListener('focus', show);
  button.addEventListener('click', (event) => {
    // The badge sits inside Salesforce's row or card: a click on it is not a click on the record link.
    event.preventDefault();
    event.stopPropagation();
    if (open && pinned) close();
    else {
      show();
      pinned = true;
    }
  });
  shadow.addEventListener('focusout', (event) => {
    const next = (event as FocusEvent).relatedTarget as Node | null;
    if (!next || (!host.contains(next) && !shadow.contains(next))) close();
  });
  host.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && open) {
      close();
      button.focus({ preventScroll: true });
    }
    // Keys typed here must not trigger Lightning's keyboard shortcuts.
    event.stopPropagation();
  });
  host.addEventListener('keyup', (event) => event.stopPropagation());
  host.addEventListener('keypress', (event) => event.stopPropagation());

  paint();
  return handle;
}
