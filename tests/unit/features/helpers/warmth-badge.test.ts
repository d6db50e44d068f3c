import { afterEach, describe, expect, it, vi } from 'vitest';
import { badgeLabel, createBadge } from '../../../../lib/features/helpers/warmth-badge';
import { A, hot, cool } from './warmth-fixtures';

afterEach(() => {
  document.body.innerHTML = '';
});

describe('a badge', () => {
  it('is a button named "Partner warmth: <level> — <reason>" on a host carrying data-pl-warmth', () => {
    const badge = createBadge(document, hot, {
      opportunityId: A,
      place: 'inline',
      openPanel: { href: 'https://x/panel' },
    });
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
    const badge = createBadge(document, cool, {
      opportunityId: A,
      place: 'inline',
      openPanel: { href: 'https://acme.lightning.force.com/panel' },
    });
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
    const action = [...badge.host.shadowRoot!.querySelectorAll('button')].find(
      (b) => b.textContent === 'Open partner panel',
    )!;
    action.click();
    expect(onOpen).toHaveBeenCalledOnce();
  });
});
