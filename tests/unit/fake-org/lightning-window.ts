// Runs the fake org's Lightning app in a happy-dom window as a browser would: the shell's body, then each client
// script the shell loads, in its order. Script evaluation stays off in happy-dom; the scripts run here instead.
import { readFileSync } from 'node:fs';
import type { Window } from 'happy-dom';
import { LIGHTNING_ASSET_PREFIX } from '../../fake-org/pages/lightning';

const CLIENT_DIR = new URL('../../fake-org/client/', import.meta.url);
const sources = new Map<string, string>();

function clientSource(name: string): string {
  let source = sources.get(name);
  if (source === undefined) {
    source = readFileSync(new URL(name, CLIENT_DIR), 'utf8');
    sources.set(name, source);
  }
  return source;
}

/** The client scripts a shell page loads, in order. */
export function clientScripts(shellHtml: string): string[] {
  const pattern = new RegExp(`<script src="${LIGHTNING_ASSET_PREFIX}([a-z.-]+)"></script>`, 'g');
  return [...shellHtml.matchAll(pattern)].map((match) => match[1]!);
}

/** Puts the shell's body into `window` and runs the client scripts against its document. */
export function runLightningShell(window: Window, shellHtml: string): void {
  const body = /<body[^>]*>([\s\S]*)<\/body>/.exec(shellHtml)![1]!.replace(/<script src=[^>]*><\/script>/g, '');
  const document = window.document as unknown as Document;
  document.body.innerHTML = body;
  const globals = {
    window,
    document,
    location: window.location,
    history: window.history,
    sessionStorage: window.sessionStorage,
    CustomEvent: window.CustomEvent,
    Node: window.Node,
    Element: window.Element,
  };
  for (const name of clientScripts(shellHtml)) {
    new Function(...Object.keys(globals), clientSource(name))(...Object.values(globals));
  }
}
