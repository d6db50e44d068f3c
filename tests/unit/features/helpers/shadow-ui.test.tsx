import { describe, expect, it, vi } from 'vitest';
import { mountShadowUi } from '../../../../lib/features/helpers/shadow-ui';

describe('mountShadowUi', () => {
  it('renders into an open shadow root on its own host, with its styles inside', () => {
    const ui = mountShadowUi('pl-test-ui', '.x { color: red }', new AbortController().signal);
    ui.render(<p class="x">Hello</p>);
    expect(document.body.lastElementChild).toBe(ui.host);
    expect(ui.host.localName).toBe('pl-test-ui');
    expect(ui.shadow.querySelector('style')?.textContent).toBe('.x { color: red }');
    expect(ui.shadow.querySelector('p')?.textContent).toBe('Hello');
    expect(document.querySelector('p')).toBeNull();
  });

  it('keeps keystrokes typed in it from reaching the page’s shortcuts', () => {
    const ui = mountShadowUi('pl-test-ui', '', new AbortController().signal);
    ui.render(<input />);
    const pageShortcut = vi.fn();
    document.addEventListener('keydown', pageShortcut);
    try {
      const keystroke = new KeyboardEvent('keydown', { key: 'e', bubbles: true, composed: true });
      ui.shadow.querySelector('input')!.dispatchEvent(keystroke);
      expect(pageShortcut).not.toHaveBeenCalled();
      document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'e', bubbles: true }));
      expect(pageShortcut).toHaveBeenCalledOnce();
    } finally {
      document.removeEventListener('keydown', pageShortcut);
    }
  });

  it('removes everything when its signal aborts, and renders nothing after', () => {
    const run = new AbortController();
    const ui = mountShadowUi('pl-test-ui', '', run.signal);
    ui.render(<p>Hello</p>);
    run.abort();
    expect(ui.host.isConnected).toBe(false);
    expect(ui.shadow.querySelector('p')).toBeNull();
    ui.render(<p>Again</p>);
    expect(ui.shadow.querySelector('p')).toBeNull();
  });
});
