import { fireEvent, render, screen } from '@testing-library/preact';
import { useState } from 'preact/hooks';
import { describe, expect, it } from 'vitest';
import { PartnerCombobox } from '../../../../components/panel/partner-combobox';
import type { PartnerOption } from '../../../../lib/messaging/protocol';

const NORTHWIND: PartnerOption = { id: 'n', name: 'Northwind Systems', type: null, tier: null };

function Field({ partners }: { partners: PartnerOption[] }) {
  const [value, setValue] = useState('');
  return (
    <>
      <label for="partner">Partner</label>
      <PartnerCombobox id="partner" partners={partners} value={value} onChange={setValue} />
    </>
  );
}

const listShown = () => !(document.getElementById('partner-listbox') as HTMLElement).hidden;

describe('PartnerCombobox', () => {
  it('does not open its list by itself when the roster arrives while the user types', () => {
    const { rerender } = render(<Field partners={[]} />);
    const combo = screen.getByRole('combobox', { name: 'Partner' });
    fireEvent.focus(combo);
    fireEvent.input(combo, { target: { value: 'North' } });
    expect(listShown()).toBe(false);
    // The first sync brings the org's roster: the fields below must not move under the pointer.
    rerender(<Field partners={[NORTHWIND]} />);
    expect(listShown()).toBe(false);
    expect(combo.getAttribute('aria-expanded')).toBe('false');
    // The user's next keystroke (or arrow key) shows the matches.
    fireEvent.input(combo, { target: { value: 'Northw' } });
    expect(listShown()).toBe(true);
  });

  it('keeps an open list open as the roster is read again', () => {
    const { rerender } = render(<Field partners={[NORTHWIND]} />);
    const combo = screen.getByRole('combobox', { name: 'Partner' });
    fireEvent.focus(combo);
    fireEvent.input(combo, { target: { value: 'North' } });
    expect(listShown()).toBe(true);
    rerender(<Field partners={[{ ...NORTHWIND }]} />);
    expect(listShown()).toBe(true);
  });

  it('opens on the arrow key over a roster that arrived meanwhile', () => {
    const { rerender } = render(<Field partners={[]} />);
    const combo = screen.getByRole('combobox', { name: 'Partner' });
    fireEvent.focus(combo);
    fireEvent.input(combo, { target: { value: 'North' } });
    rerender(<Field partners={[NORTHWIND]} />);
    fireEvent.keyDown(combo, { key: 'ArrowDown' });
    expect(listShown()).toBe(true);
  });
});
