// How the fake org's Lightning pages build their elements, in synthetic or in native shadow DOM. Plain browser
// JavaScript, loaded before lightning-variants.js and lightning-app.js, which build every element with `h`.
//
// Synthetic shadow (today's Lightning, and the default): a component's template is made of plain children of its
// element, and a <slot> holds the nodes slotted into it, so document.querySelector sees everything.
//
// Native shadow (`?fakeOrgShadow=native`; LWC's mixed shadow mode, "Build Components in Mixed Shadow Mode",
// https://developer.salesforce.com/docs/platform/lwc/guide/create-mixed-shadow.html): every custom element the
// pages build (a tag with a hyphen) renders its template inside its own open shadow root, as LWC attaches them, and
// what each of its <slot>s held becomes its light children, named by `slot="…"`. In shadow roots, therefore: the
// record home and its regions, the highlights, the record layout and its items or Dynamic Forms fields, the field
// values (lightning-formatted-text renders its text in its own shadow root), list view tables, related lists and
// datatables, the Kanban board with its cards, the home page. In the light DOM: the app shell (global header and
// navigation), .oneCenterStage with its page containers (div.windowViewMode-normal / -maximized, the console's
// section), the edit modal, and the Aura parts (div.forceDynamicRelatedListViewAll): real Lightning's app shell is
// Aura, which has no shadow DOM. Page objects differ in one place only: the default record layout item keeps its
// value in span.test-id__field-value in synthetic mode, with no <slot name="outputField"> (see `nativeSlot`).
//
// The composed tree is the same in both modes: native mode only moves a component's template into its shadow root
// and its slotted nodes out to its light DOM, where the browser composes them back.
(() => {
  'use strict';

  const ELEMENT_NODE = 1;

  /**
   * The element helpers for one page. `shadow`: 'synthetic' or 'native'. In native mode every shadow root adopts a
   * copy of the page's stylesheet, since document styles do not reach into shadow trees.
   */
  function createComponentKit({ document, shadow }) {
    const native = shadow === 'native';
    const styleSheet = native ? copyOfPageStyles(document) : null;

    /** Creates an element; strings become text nodes, never HTML. A custom element renders as a component. */
    function h(tag, props, ...children) {
      const element = document.createElement(tag);
      for (const [key, value] of Object.entries(props || {})) {
        if (value === null || value === undefined || value === false) continue;
        if (key === 'class') element.className = value;
        else if (key === 'text') element.textContent = String(value);
        else if (key.startsWith('on') && typeof value === 'function') element.addEventListener(key.slice(2), value);
        else element.setAttribute(key, value === true ? '' : String(value));
      }
      for (const child of children.flat(Infinity)) {
        if (child === null || child === undefined || child === false) continue;
        element.append(child instanceof Node ? child : document.createTextNode(String(child)));
      }
      if (native && tag.includes('-')) renderInShadowRoot(element);
      return element;
    }

    /**
     * Moves the template (the element's children) into an open shadow root, then each <slot>'s nodes out to the
     * host's light DOM. Nested components were built first, so their own slots are already inside their roots:
     * the slots found here belong to this host (or are forwarded into a nested component's slot, as LWC allows).
     */
    function renderInShadowRoot(host) {
      const root = host.attachShadow({ mode: 'open' });
      if (styleSheet) root.adoptedStyleSheets = [styleSheet];
      root.append(...host.childNodes);
      for (const slot of root.querySelectorAll('slot')) {
        const name = slot.getAttribute('name');
        for (const node of [...slot.childNodes]) {
          if (node.nodeType === ELEMENT_NODE) {
            if (name) node.setAttribute('slot', name);
            host.append(node);
          } else if (!name) {
            host.append(node);
          } else if (node.textContent.trim() === '') {
            node.remove();
          } else {
            throw new Error(`Text cannot fill the slot "${name}" of <${host.localName}>: wrap it in an element`);
          }
        }
      }
    }

    /**
     * A slot that only native mode renders: the default pages never had a <slot> there (the value of a record
     * layout item sits right in span.test-id__field-value), and keep their markup in synthetic mode.
     */
    const nativeSlot = (name, ...nodes) => (native ? h('slot', name ? { name } : null, nodes) : nodes);

    /** Where to render into a component after it was built: its shadow root in native mode. */
    const contentRoot = (element) => element.shadowRoot || element;

    return { h, nativeSlot, contentRoot, native, deepQuery, deepQueryAll, anchorOf };
  }

  /** Each tree from `root`: itself, then every open shadow root below it, depth first. */
  function* treesFrom(root) {
    yield root;
    if (root.nodeType === ELEMENT_NODE && root.shadowRoot) yield* treesFrom(root.shadowRoot);
    for (const element of root.querySelectorAll('*')) if (element.shadowRoot) yield* treesFrom(element.shadowRoot);
  }

  /** The first element matching `selector` in `root` or in an open shadow root below it (one tree per match). */
  function deepQuery(root, selector) {
    for (const tree of treesFrom(root)) {
      const found = tree.querySelector(selector);
      if (found) return found;
    }
    return null;
  }

  function deepQueryAll(root, selector) {
    const found = [];
    for (const tree of treesFrom(root)) found.push(...tree.querySelectorAll(selector));
    return found;
  }

  /** The link a click landed in, inside shadow roots too (a document listener sees the event retargeted). */
  function anchorOf(event) {
    const path = typeof event.composedPath === 'function' ? event.composedPath() : [event.target];
    return path.find((node) => node && node.nodeType === ELEMENT_NODE && node.matches('a[href]')) || null;
  }

  /** One constructed stylesheet with the rules of the page's own (same-origin) stylesheets; null when none. */
  function copyOfPageStyles(document) {
    const view = document.defaultView;
    if (!view || typeof view.CSSStyleSheet !== 'function') return null;
    try {
      const rules = [];
      for (const sheet of document.styleSheets) for (const rule of sheet.cssRules) rules.push(rule.cssText);
      if (rules.length === 0) return null;
      const copy = new view.CSSStyleSheet();
      copy.replaceSync(rules.join('\n'));
      return copy;
    } catch {
      // A stylesheet that is not readable (or a browser without constructed stylesheets) leaves shadow trees bare.
      return null;
    }
  }

  window.__fakeOrgComponents = { createComponentKit };
})();
