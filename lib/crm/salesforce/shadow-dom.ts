/**
 * Shadow-aware DOM helpers for Lightning pages whose components render in native shadow DOM.
 *
 * Lightning Web Components use synthetic shadow today: a content script's `document.querySelector` sees inside
 * every component. Salesforce is moving LWC to native shadow ("Build Components in Mixed Shadow Mode",
 * https://developer.salesforce.com/docs/platform/lwc/guide/create-mixed-shadow.html). Then `querySelector`,
 * `closest`, `textContent` and a MutationObserver on `body` all stop at shadow roots. LWC attaches its roots
 * with `mode: 'open'`, so `element.shadowRoot` reaches them; closed roots stay out of reach.
 *
 * A CSS selector is matched within one tree (the document, or one shadow root): it cannot cross a shadow
 * boundary. `querySelectorAllDeep(page, 'records-record-layout-item span.test-id__field-value')` finds nothing
 * when the value span lives in the item's shadow root; give the innermost part instead
 * (`'span.test-id__field-value'`) and check the outer structure with `closestDeep`.
 *
 * Pure DOM code: no `browser.*`, no globals but MutationObserver, so tests can pass any Document.
 */

/** Where a deep search starts: a document, a shadow root (or other fragment), or an element. */
export type DeepRoot = Document | DocumentFragment | Element;

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const DOCUMENT_FRAGMENT_NODE = 11;

const isElement = (node: Node): node is Element => node.nodeType === ELEMENT_NODE;
const isShadowRoot = (node: Node): node is ShadowRoot => node.nodeType === DOCUMENT_FRAGMENT_NODE && 'host' in node;

/**
 * `root`'s own tree, then every open shadow root below it: each host's shadow root right after the tree that holds
 * the host, hosts in document order (depth first). An element passed as `root` counts as a host too.
 */
function* treesFrom(root: DeepRoot): Generator<DeepRoot> {
  yield root;
  if (isElement(root) && root.shadowRoot) yield* treesFrom(root.shadowRoot);
  for (const element of root.querySelectorAll('*')) {
    if (element.shadowRoot) yield* treesFrom(element.shadowRoot);
  }
}

/** Every open shadow root inside `root` (its own, when `root` is a host, included), outermost first. */
export function openShadowRootsIn(root: DeepRoot): ShadowRoot[] {
  const roots: ShadowRoot[] = [];
  for (const tree of treesFrom(root)) if (tree !== root && isShadowRoot(tree)) roots.push(tree);
  return roots;
}

/**
 * The elements matching `selector` in `root` and in every open shadow root below it: first the matches of `root`'s
 * own tree, then those of each shadow root (see `treesFrom` for the order). The selector cannot cross a shadow
 * boundary; see the note at the top of this file.
 */
export function querySelectorAllDeep<E extends Element = Element>(root: DeepRoot, selector: string): E[] {
  const found: E[] = [];
  for (const tree of treesFrom(root)) found.push(...tree.querySelectorAll<E>(selector));
  return found;
}

/** The first element `querySelectorAllDeep` would return, found without walking the trees after it. */
export function querySelectorDeep<E extends Element = Element>(root: DeepRoot, selector: string): E | null {
  for (const tree of treesFrom(root)) {
    const found = tree.querySelector<E>(selector);
    if (found) return found;
  }
  return null;
}

/**
 * Like `element.closest(selector)`, but when a tree has no match it goes on from the shadow root's host: is this
 * field, deep inside a component, in the active page container?
 */
export function closestDeep<E extends Element = Element>(element: Element, selector: string): E | null {
  let current: Element | null = element;
  while (current) {
    const found = current.closest<E>(selector);
    if (found) return found;
    const tree = current.getRootNode();
    current = isShadowRoot(tree) ? tree.host : null;
  }
  return null;
}

/**
 * The children of `node` as the page renders them: a host's shadow root's children instead of its light children,
 * and at a `<slot>` the nodes assigned to it (its own children when none are, as in synthetic shadow, where a slot is
 * a plain element holding what was slotted).
 */
export function composedChildNodes(node: Node): readonly Node[] {
  if (isElement(node)) {
    if (node.shadowRoot) return [...node.shadowRoot.childNodes];
    if (node.localName === 'slot' && typeof (node as HTMLSlotElement).assignedNodes === 'function') {
      const assigned = (node as HTMLSlotElement).assignedNodes();
      if (assigned.length > 0) return assigned;
    }
  }
  return [...node.childNodes];
}

/**
 * Like `element.closest`, by tag name, across shadow boundaries: the nearest of `element` and its ancestors (a shadow
 * root's host counting as the parent of the root) whose `localName` is one of `tagNames`. For custom element names a
 * CSS type selector cannot carry everywhere (`record_flexipage-record-field`: not every DOM used in tests parses an
 * underscore in a type selector).
 */
export function closestTagDeep(element: Element, tagNames: readonly string[]): Element | null {
  let current: Element | null = element;
  while (current) {
    if (tagNames.includes(current.localName)) return current;
    if (current.parentElement) {
      current = current.parentElement;
    } else {
      const tree = current.getRootNode();
      current = isShadowRoot(tree) ? tree.host : null;
    }
  }
  return null;
}

const NOT_RENDERED_AS_TEXT = new Set(['script', 'style', 'template']);

/**
 * The text of `node` as the page shows it: a host's shadow tree instead of its light children, and at each `<slot>`
 * the nodes assigned to it (or its fallback content when none are). `textContent` of a native-shadow component is
 * its light DOM only: often empty (`lightning-formatted-text` renders its value inside its own shadow root).
 */
export function composedTextContent(node: Node): string {
  if (node.nodeType === TEXT_NODE) return (node as Text).data;
  if (isElement(node) && NOT_RENDERED_AS_TEXT.has(node.localName)) return '';
  let text = '';
  for (const child of composedChildNodes(node)) text += composedTextContent(child);
  return text;
}

export interface ObserveDeepOptions {
  /** Aborting it disconnects the observer; no callback runs after that. */
  signal: AbortSignal;
  /** Also report attribute changes (optionally only these attributes). */
  attributes?: boolean;
  attributeFilter?: string[];
  /** Also report text changes. */
  characterData?: boolean;
}

/**
 * Observes `root` and every open shadow root below it (childList and subtree, plus what `options` asks for), and
 * calls `callback` with each batch of records, from all trees at once. Shadow roots inside added nodes are observed
 * as they arrive; only the added subtrees are walked, never the whole page again. The content of a shadow root that
 * arrives with its host is not reported node by node: search the added host with `querySelectorAllDeep`.
 *
 * Not seen: closed shadow roots, and a shadow root attached to an element that is already in the page (a custom
 * element defined late); LWC attaches its root when it creates the element, before inserting it.
 */
export function observeDeep(
  root: DeepRoot,
  callback: (records: MutationRecord[]) => void,
  options: ObserveDeepOptions,
): void {
  const { signal } = options;
  if (signal.aborted) return;
  const init: MutationObserverInit = { childList: true, subtree: true };
  if (options.attributes) init.attributes = true;
  if (options.attributeFilter) init.attributeFilter = options.attributeFilter;
  if (options.characterData) init.characterData = true;

  const observed = new WeakSet<Node>();
  const Observer = mutationObserverFor(root);
  const observer = new Observer((records) => {
    if (signal.aborted) return;
    for (const record of records) {
      for (const added of record.addedNodes) if (isElement(added)) watchShadowRootsIn(added);
    }
    callback(records);
  });
  const watch = (target: Node) => {
    if (observed.has(target)) return;
    observed.add(target);
    observer.observe(target, init);
  };
  const watchShadowRootsIn = (subtree: DeepRoot) => {
    for (const shadowRoot of openShadowRootsIn(subtree)) watch(shadowRoot);
  };

  watch(root);
  watchShadowRootsIn(root);
  signal.addEventListener('abort', () => observer.disconnect(), { once: true });
}

/** The global MutationObserver, or, where there is none (a test's own Window), the one of `root`'s window. */
function mutationObserverFor(root: DeepRoot): typeof MutationObserver {
  if (typeof MutationObserver === 'function') return MutationObserver;
  const doc = root.nodeType === 9 ? (root as Document) : root.ownerDocument;
  const view = doc?.defaultView as (Window & typeof globalThis) | null | undefined;
  if (!view?.MutationObserver) {
    throw new Error("observeDeep needs a MutationObserver: there is none here nor in the root's window");
  }
  return view.MutationObserver;
}
