import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { AttributionPanel, type AttributionPanelProps } from '../../../../components/panel/attribution-panel';
import { DEFAULT_RULES, type AttributionView } from '../../../../lib/attribution/model';
import type { PanelData } from '../../../../lib/messaging/protocol';
import { DEFAULT_UI } from '../../../../lib/store/settings';

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

const data = (over: Partial<PanelData> = {}): PanelData => ({
  attributions: [],
  partners: [],
  rules: DEFAULT_RULES,
  today: '2026-11-20',
  disputed: false,
  credit: {},
  history: [],
  ui: DEFAULT_UI,
  ...over,
});

function renderPanel(props: Partial<AttributionPanelProps> = {}) {
  const all: AttributionPanelProps = {
    opportunityName: 'Acme renewal',
    data: data(),
    collapsed: false,
    onToggle: vi.fn(),
    onSave: vi.fn(async () => true),
    onRemove: vi.fn(),
    onAddTouch: vi.fn(async () => true),
    onKeep: vi.fn(),
    ...props,
  };
  render(<AttributionPanel {...all} />);
  return all;
}

const form = () => screen.getByRole('form', { name: 'Add partner attribution' });

describe('AttributionPanel', () => {
  it('is a complementary landmark named Partner attribution with the opportunity name', () => {
    renderPanel();
    const panel = screen.getByRole('complementary', { name: 'Partner attribution' });
    expect(within(panel).getByRole('heading', { name: 'Acme renewal' })).toBeTruthy();
    expect(within(panel).getByText('No partner attribution yet')).toBeTruthy();
    expect(within(panel).getByRole('region', { name: 'History' })).toBeTruthy();
  });

  it('says when the window and lock cannot be checked, and when they apply', () => {
    renderPanel();
    expect(screen.getByText(/does not show when the opportunity was created/)).toBeTruthy();
  });

  it('lists attributions with kind, credit, touches and named buttons', () => {
    const onRemove = vi.fn();
    const influenced = attribution({
      partnerName: 'Initech',
      kind: 'influenced',
      note: 'Joint call',
      touches: [
        { id: 't', attributionId: 'a', type: 'joint_call', date: '2026-11-02', note: 'with CTO', createdBy: 'x' },
      ],
    });
    renderPanel({
      data: data({ attributions: [attribution({}), influenced], credit: { [influenced.id]: 1 } }),
      onRemove,
    });
    const items = within(screen.getByRole('list', { name: 'Attributions' }))
      .getAllByRole('listitem', { name: undefined })
      .filter((li) => li.classList.contains('pl-item'));
    expect(items).toHaveLength(2);
    expect(items[0]?.textContent).toContain('Partner-sourced');
    expect(items[1]?.textContent).toContain('Partner-influenced');
    expect(items[1]?.textContent).toContain('Influence credit 100 %');
    expect(within(screen.getByRole('list', { name: 'Touches of Initech' })).getByText(/Joint call/)).toBeTruthy();
    expect(items[0]?.textContent).toContain('No evidence yet');
    fireEvent.click(screen.getByRole('button', { name: 'Remove Initech' }));
    expect(onRemove).toHaveBeenCalledWith(influenced, '');
  });

  it("shows the org's amount and stage, and what each share is worth", () => {
    const a = attribution({ partnerName: 'Initech', kind: 'influenced' });
    const b = attribution({ partnerName: 'Globex', kind: 'influenced' });
    renderPanel({
      data: data({
        attributions: [a, b],
        credit: { [a.id]: 0.5, [b.id]: 0.5 },
        facts: { amount: 120_000, currency: 'USD', stage: 'Negotiation/Review', fetchedAt: '2026-11-20T10:00:00Z' },
      }),
    });
    expect(screen.getByText(/Negotiation\/Review · from Salesforce/).textContent).toMatch(/^\$120,000/);
    expect(screen.getAllByText('Influence credit 50 % ($60,000)')).toHaveLength(2);
  });

  it('says the page created date cannot be read rather than guessing day and month', () => {
    renderPanel({ createdDateUnreadable: true, data: data({}) });
    expect(screen.getByText(/created date on this page cannot be read/)).toBeTruthy();
  });

  it('says which Salesforce fields the user cannot read, instead of showing them as empty', () => {
    renderPanel({
      data: data({
        facts: {
          amount: null,
          currency: null,
          stage: 'Negotiation/Review',
          fetchedAt: '2026-11-20T10:00:00Z',
          hiddenFields: ['Amount', 'Probability'],
        },
      }),
    });
    expect(screen.getByText(/Negotiation\/Review · from Salesforce/).textContent).toMatch(
      /^Amount hidden by your Salesforce field access/,
    );
    expect(screen.getByText('Probability hidden by your Salesforce field access')).toBeTruthy();
    expect(screen.queryByText(/No amount/)).toBeNull();
  });

  it('renders names containing HTML as text', () => {
    const hostile = '<img src=x onerror="alert(1)">Evil';
    renderPanel({
      opportunityName: hostile,
      data: data({ attributions: [attribution({ partnerName: hostile, note: '<b>bold</b>' })] }),
    });
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
    fireEvent.keyDown(within(form()).getByLabelText('Note'), { key: 'Escape' });
    expect(onToggle).toHaveBeenCalledOnce();
  });

  it('saves the form with the chosen kind and its evidence, and clears it when saved', async () => {
    const onSave = vi.fn(async () => true);
    renderPanel({ onSave, data: data({ partners: [{ id: 'p', name: 'Northwind', type: null, tier: null }] }) });
    const partner = within(form()).getByRole('combobox', { name: 'Partner' }) as HTMLInputElement;
    fireEvent.input(partner, { target: { value: 'Globex' } });
    fireEvent.click(within(form()).getByRole('radio', { name: 'Partner-sourced' }));
    fireEvent.input(within(form()).getByLabelText('Note'), { target: { value: 'Referred by their CTO' } });
    fireEvent.click(within(form()).getByRole('button', { name: 'Save attribution' }));
    await waitFor(() =>
      expect(onSave).toHaveBeenCalledWith(
        {
          partnerName: 'Globex',
          kind: 'sourced',
          note: 'Referred by their CTO',
          touch: { type: 'intro_referral', date: '2026-11-20', note: '', link: '' },
          reason: '',
        },
        { competingClaim: false },
      ),
    );
    await waitFor(() => expect(partner.value).toBe(''));
  });

  it('offers roster partners in the combobox and a new partner inline', () => {
    renderPanel({
      data: data({
        partners: [
          { id: 'a', name: 'Globex Cloud', type: null, tier: null },
          { id: 'b', name: 'Northwind', type: null, tier: null },
        ],
      }),
    });
    const combo = within(form()).getByRole('combobox', { name: 'Partner' });
    fireEvent.focus(combo);
    fireEvent.input(combo, { target: { value: 'glo' } });
    const listbox = screen.getByRole('listbox', { name: 'Partners' });
    expect(
      within(listbox)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Globex Cloud', 'Add “glo” as a new partner']);
    fireEvent.keyDown(combo, { key: 'ArrowDown' });
    fireEvent.keyDown(combo, { key: 'Enter' });
    expect((combo as HTMLInputElement).value).toBe('Globex Cloud');
  });

  it('keeps what was typed when the save is refused, and offers a competing claim', async () => {
    const onSave = vi.fn(async () => false);
    renderPanel({
      onSave,
      formError: { message: 'This opportunity is already partner-sourced by Northwind.', canCompete: true },
    });
    const partner = within(form()).getByRole('combobox', { name: 'Partner' }) as HTMLInputElement;
    fireEvent.input(partner, { target: { value: 'Globex' } });
    fireEvent.click(within(form()).getByRole('button', { name: 'Save attribution' }));
    await waitFor(() =>
      expect(within(form()).getByRole('button', { name: 'Save attribution' }).hasAttribute('disabled')).toBe(false),
    );
    expect(partner.value).toBe('Globex');
    expect(screen.getByRole('alert').textContent).toContain('already partner-sourced by Northwind');
    fireEvent.click(screen.getByRole('button', { name: 'Record a competing claim' }));
    await waitFor(() =>
      expect(onSave).toHaveBeenLastCalledWith(expect.objectContaining({ partnerName: 'Globex' }), {
        competingClaim: true,
      }),
    );
  });

  it('shows the Reason field when a save was refused for want of one, though the page does not know the lock yet', () => {
    const message =
      'This opportunity’s attribution locked 90 days after it was created. Give a reason for this change.';
    renderPanel({});
    expect(within(form()).queryByLabelText('Reason')).toBeNull();
    cleanup();
    renderPanel({ formError: { message, needsReason: true } });
    expect(within(form()).getByLabelText('Reason')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain('Give a reason');
  });

  it('asks for a reason once the attribution is locked', () => {
    renderPanel({ createdDate: '2026-10-01' });
    expect(screen.getByText(/attribution locked on/)).toBeTruthy();
    expect(within(form()).getByLabelText('Reason')).toBeTruthy();
  });

  it('warns when a sourced claim rests on evidence outside the window', () => {
    renderPanel({ createdDate: '2026-11-15' });
    fireEvent.click(within(form()).getByRole('radio', { name: 'Partner-sourced' }));
    expect(within(form()).queryByText(/Outside the attribution window/)).toBeNull();
    fireEvent.input(within(form()).getByLabelText('Touch date'), { target: { value: '2027-01-10' } });
    expect(within(form()).getByText(/Outside the attribution window/)).toBeTruthy();
    expect(within(form()).getByLabelText('Reason')).toBeTruthy();
  });

  it('shows a dispute with both claims and their evidence, and keeps the chosen one', () => {
    const onKeep = vi.fn();
    const a = attribution({ partnerName: 'Northwind' });
    const b = attribution({
      partnerName: 'Globex',
      touches: [
        { id: 't', attributionId: 'b', type: 'deal_registration', date: '2026-11-01', note: 'Reg #42', createdBy: 'x' },
      ],
    });
    renderPanel({ data: data({ attributions: [a, b], disputed: true }), onKeep });
    expect(screen.getByText('Disputed')).toBeTruthy();
    // The banner sets both claims side by side with their evidence.
    const banner = screen.getByText('Disputed').closest('section')!;
    expect(banner.textContent).toContain('Northwind');
    expect(banner.textContent).toContain('Reg #42');
    fireEvent.click(screen.getByRole('button', { name: 'Keep Globex' }));
    expect(onKeep).toHaveBeenCalledWith(b, '');
    expect(screen.getAllByText('No sourced credit while disputed')).toHaveLength(2);
  });

  it('adds a touch in two clicks', async () => {
    const onAddTouch = vi.fn(async () => true);
    const a = attribution({ partnerName: 'Initech', kind: 'influenced' });
    renderPanel({ data: data({ attributions: [a] }), onAddTouch });
    fireEvent.click(screen.getByRole('button', { name: 'Add touch for Initech' }));
    const touchForm = screen.getByRole('form', { name: 'Add partner touch' });
    fireEvent.click(within(touchForm).getByRole('button', { name: 'Save touch' }));
    await waitFor(() =>
      expect(onAddTouch).toHaveBeenCalledWith(a, { type: 'joint_call', date: '2026-11-20', note: '', link: '' }),
    );
    await waitFor(() => expect(screen.queryByRole('form', { name: 'Add partner touch' })).toBeNull());
  });

  it('flags a note over 2,000 characters before saving', () => {
    renderPanel();
    const note = within(form()).getByLabelText('Note');
    fireEvent.input(note, { target: { value: 'x'.repeat(2001) } });
    expect(note.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('2,001 / 2,000 characters')).toBeTruthy();
  });

  it('shows the history with reasons', () => {
    renderPanel({
      data: data({
        history: [
          {
            seq: 2,
            at: '2026-11-20T10:00:00Z',
            who: 'You (this browser)',
            what: 'Removed Northwind (partner-sourced)',
            reason: 'Wrong deal',
          },
        ],
      }),
    });
    const history = screen.getByRole('region', { name: 'History' });
    expect(history.textContent).toContain('Removed Northwind (partner-sourced)');
    expect(history.textContent).toContain('Why: Wrong deal');
  });
});
