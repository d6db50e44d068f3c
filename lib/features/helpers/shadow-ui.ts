import { render, type ComponentChild } from 'preact';

export interface ShadowUi {
  host: HTMLElement;
  shadow: ShadowRoot;
  render: (node: ComponentChild) => void;
}

/** Keys typed in our UI must not trigger Lightning's keyboard shortcuts. */
const ISOLATED_EVENTS = ['keydown', 'keyup', 'keypress'] as const;

/**
 * Mounts Preact into an open shadow root on a custom host element appended to `document.body`,
 * so Salesforce's CSS and ours never mix. Everything is removed when `signal` aborts.
 */
export function mountShadowUi(tagName: string, css: string, signal: AbortSignal, doc: Document = document): ShadowUi {
  const host = doc.createElement(tagName);
  const shadow = host.attachShadow({ mode: 'open' });
  const style = doc.createElement('style');
  style.textContent = css;
  const container = doc.createElement('div');
  shadow.append(style, container);
  for (const type of ISOLATED_EVENTS) host.addEventListener(type, (event) => event.stopPropagation());
  doc.body.append(host);
  signal.addEventListener(
    'abort',
    () => {
      render(null, container);
      host.remove();
    },
    { once: true },
  );
  return { host, shadow, render: (node) => !signal.aborted && render(node, container) };
}
