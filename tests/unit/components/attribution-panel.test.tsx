import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { AttributionPanel, type AttributionPanelProps } from '../../../components/AttributionPanel';
import type { AttributionView } from '../../../lib/attribution/model';

const attribution = (over: Partial<AttributionView>): AttributionView => ({
  id: crypto.randomUUID(),
  opportunityId: '006Ak00000BcDeFAAV',
  partnerId: 'p',
  partnerName: 'Northwind',
  kind: 'sourced',
  note: '',
  createdAt: '2026-11-20T10:00:00.000Z',
  updatedAt: '2026-11-20T10:00:00.000Z',
  createdBy: 'You (this browser)',
  touches: [],
  ...over,
});

function renderPanel(props: Partial<AttributionPanelProps> = {}) {
  const all: AttributionPanelProps = {
    opportunityName: 'Acme renewal',
    attributions: [],
    partnerNames: [],
    collapsed: false,
    onToggle: vi.fn(),
    onSave: vi.fn(async () => true),
    onRemove: vi.fn(),
    ...props,
  };
  render(<AttributionPanel {...all} />);
  return all;
}

describe('AttributionPanel', () => {
  it('is a complementary landmark named Partner attribution with the opportunity name', () => {
    renderPanel();
    const panel = screen.getByRole('complementary', { name: 'Partner attribution' });
    expect(within(panel).getByRole('heading', { name: 'Acme renewal' })).toBeTruthy();
    expect(within(panel).getByText('No partner attribution yet')).toBeTruthy();
  });

  it('lists attributions with their kind and a named remove button', () => {
    const onRemove = vi.fn();
    const influenced = attribution({ partnerName: 'Initech', kind: 'influenced', note: 'Joint call' });
    renderPanel({ attributions: [attribution({}), influenced], onRemove });
    const list = screen.getByRole('list', { name: 'Attributions' });
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(items[0]?.textContent).toContain('Partner-sourced');
    expect(items[1]?.textContent).toContain('Partner-influenced');
    expect(items[1]?.textContent).toContain('Joint call');
    fireEvent.click(screen.getByRole('button', { name: 'Remove Initech' }));
    expect(onRemove).toHaveBeenCalledWith(influenced);
  });

  it('renders names containing HTML as text', () => {
    const hostile = '<img src=x onerror="alert(1)">Evil';
    renderPanel({ opportunityName: hostile, attributions: [attribution({ partnerName: hostile, note: '<b>bold</b>' })] });
    expect(document.querySelector('img')).toBeNull();
    expect(document.querySelector('b')).toBeNull();
    expect(screen.getByRole('heading', { name: hostile })).toBeTruthy();
    expect(screen.getByRole('button', { name: `Remove ${hostile}` })).toBeTruthy();
  });

  it('collapses to its toggle, which reports aria-expanded', () => {
    const onToggle = vi.fn();
    renderPanel({ collapsed: true, onToggle });
    const toggle = screen.getByRole('button', { name: 'Partner attribution' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByRole('form', { name: 'Add partner attribution' })).toBeNull();
    fireEvent.click(toggle);
    expect(onToggle).toHaveBeenCalledOnce();
  });

  it('collapses on Escape', () => {
    const onToggle = vi.fn();
    renderPanel({ onToggle });
    fireEvent.keyDown(screen.getByLabelText('Note'), { key: 'Escape' });
    expect(onToggle).toHaveBeenCalledOnce();
  });

  it('saves the form with the chosen kind and clears it when saved', async () => {
    const onSave = vi.fn(async () => true);
    renderPanel({ onSave, partnerNames: ['Northwind'] });
    const form = screen.getByRole('form', { name: 'Add partner attribution' });
    const partner = within(form).getByLabelText('Partner') as HTMLInputElement;
    fireEvent.input(partner, { target: { value: 'Globex' } });
    const group = within(form).getByRole('radiogroup', { name: 'Attribution' });
    fireEvent.click(within(group).getByRole('radio', { name: 'Partner-sourced' }));
    fireEvent.input(within(form).getByLabelText('Note'), { target: { value: 'Referred by their CTO' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save attribution' }));
    await waitFor(() => expect(onSave).toHaveBeenCalledWith({ partnerName: 'Globex', kind: 'sourced', note: 'Referred by their CTO' }));
    await waitFor(() => expect(partner.value).toBe(''));
  });

  it('keeps what was typed when the save is refused, and shows the error as an alert', async () => {
    renderPanel({ onSave: vi.fn(async () => false), formError: 'This opportunity is already partner-sourced by Northwind.' });
    const partner = screen.getByLabelText('Partner') as HTMLInputElement;
    fireEvent.input(partner, { target: { value: 'Globex' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save attribution' }));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Save attribution' }).hasAttribute('disabled')).toBe(false));
    expect(partner.value).toBe('Globex');
    expect(screen.getByRole('alert').textContent).toContain('already partner-sourced by Northwind');
  });

  it('flags a note over 2,000 characters before saving', () => {
    renderPanel();
    const note = screen.getByLabelText('Note');
    fireEvent.input(note, { target: { value: 'x'.repeat(2001) } });
    expect(note.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('2,001 / 2,000 characters')).toBeTruthy();
  });

  it('offers partners already used as suggestions', () => {
    renderPanel({ partnerNames: ['Globex', 'Northwind'] });
    const input = screen.getByLabelText('Partner');
    const list = document.getElementById(input.getAttribute('list')!);
    expect([...(list?.querySelectorAll('option') ?? [])].map((o) => o.value)).toEqual(['Globex', 'Northwind']);
  });
});
