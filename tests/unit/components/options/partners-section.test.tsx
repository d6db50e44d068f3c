import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { PartnersSection, type PartnersSectionProps } from '../../../../components/options/partners-section';
import { toId18 } from '../../../../lib/record-id';
import { partnerRow } from '../../../builders';

const ACCOUNT_18 = toId18('001Ak00000AbCdE')!;

const globex = partnerRow({ name: 'Globex Café', type: 'system_integrator', tier: 'Gold', accountId: ACCOUNT_18 });
const initech = partnerRow({ name: 'Initech', active: false });

function renderSection(props: Partial<PartnersSectionProps> = {}) {
  const all: PartnersSectionProps = {
    partners: [globex, initech],
    onAdd: vi.fn(async () => undefined),
    onUpdate: vi.fn(async () => undefined),
    ...props,
  };
  render(<PartnersSection {...all} />);
  return all;
}

const form = () => screen.getByRole('form');
const type = (label: string, value: string) =>
  fireEvent.input(within(form()).getByLabelText(label), { target: { value } });

describe('PartnersSection', () => {
  it('is a region headed Partners with the roster as a table', () => {
    renderSection();
    const section = screen.getByRole('region', { name: 'Partners' });
    expect(within(section).getByRole('heading', { level: 2, name: 'Partners' })).toBeTruthy();
    const table = within(section).getByRole('table', { name: 'Partner roster' });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((c) => c.textContent),
    ).toEqual(['Name', 'Type', 'Tier', 'Salesforce Account id', 'Status', 'Actions']);
    const rows = within(table).getAllByRole('row').slice(1);
    expect(
      rows.map((row) =>
        within(row)
          .getAllByRole('cell')
          .map((c) => c.textContent),
      ),
    ).toEqual([
      ['System integrator', 'Gold', ACCOUNT_18, 'Active', 'EditDeactivate'],
      ['—', '—', '—', 'Inactive', 'EditReactivate'],
    ]);
    expect(within(rows[0]!).getByRole('rowheader', { name: 'Globex Café' })).toBeTruthy();
  });

  it('says so when there are no partners yet', () => {
    renderSection({ partners: [] });
    expect(screen.queryByRole('table', { name: 'Partner roster' })).toBeNull();
    expect(screen.getByText(/No partners yet/)).toBeTruthy();
  });

  it('shows a loading error as an alert', () => {
    renderSection({ partners: [], loadError: 'The roster could not be loaded.' });
    expect(screen.getByRole('alert').textContent).toBe('The roster could not be loaded.');
  });

  it('adds a partner from the form and clears it', async () => {
    const onAdd = vi.fn(async () => undefined);
    renderSection({ onAdd });
    expect(screen.getByRole('form', { name: 'Add a partner' })).toBeTruthy();
    type('Name', ' Northwind ');
    fireEvent.change(screen.getByLabelText('Type'), { target: { value: 'reseller_channel' } });
    type('Tier', 'Silver');
    type('Salesforce Account id', '001Ak00000AbCdE');
    fireEvent.click(screen.getByRole('checkbox', { name: 'Active' }));
    fireEvent.click(screen.getByRole('button', { name: 'Add partner' }));
    await waitFor(() =>
      expect(onAdd).toHaveBeenCalledWith({
        name: ' Northwind ',
        type: 'reseller_channel',
        tier: 'Silver',
        accountId: '001Ak00000AbCdE',
        active: false,
      }),
    );
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Northwind added to the roster.'));
    expect((screen.getByLabelText('Name') as HTMLInputElement).value).toBe('');
    expect((screen.getByRole('checkbox', { name: 'Active' }) as HTMLInputElement).checked).toBe(true);
  });

  it('sends empty optional fields as null', async () => {
    const onAdd = vi.fn(async () => undefined);
    renderSection({ onAdd });
    type('Name', 'Northwind');
    type('Tier', '   ');
    fireEvent.click(screen.getByRole('button', { name: 'Add partner' }));
    await waitFor(() =>
      expect(onAdd).toHaveBeenCalledWith({ name: 'Northwind', type: null, tier: null, accountId: null, active: true }),
    );
  });

  it('keeps what was typed and shows the store’s refusal as an alert', async () => {
    const onAdd = vi.fn(async () => 'A partner named “Globex Café” already exists.');
    renderSection({ onAdd });
    type('Name', 'globex cafe');
    fireEvent.click(screen.getByRole('button', { name: 'Add partner' }));
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe('A partner named “Globex Café” already exists.'),
    );
    expect((screen.getByLabelText('Name') as HTMLInputElement).value).toBe('globex cafe');
    expect(screen.getByRole('status').textContent).toBe('');
  });

  it('checks the fields before sending them', () => {
    const onAdd = vi.fn(async () => undefined);
    renderSection({ onAdd });
    type('Salesforce Account id', '006Ak00000AbCdE');
    fireEvent.click(screen.getByRole('button', { name: 'Add partner' }));
    expect(onAdd).not.toHaveBeenCalled();
    expect(screen.getByRole('alert').textContent).toBe('Enter the partner’s name.');
    const name = screen.getByLabelText('Name');
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('textbox', { name: 'Name', description: 'Enter the partner’s name.' })).toBe(name);
    const account = screen.getByRole('textbox', { name: 'Salesforce Account id' });
    expect(account.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(account.getAttribute('aria-describedby')!)?.textContent).toContain(
      'not an Account: Account ids start with 001',
    );
  });

  it('edits a partner: the form is filled in, Save changes sends the change, Cancel leaves', async () => {
    const onUpdate = vi.fn(async () => undefined);
    renderSection({ onUpdate });
    fireEvent.click(screen.getByRole('button', { name: 'Edit Globex Café' }));
    expect(screen.getByRole('form', { name: 'Edit Globex Café' })).toBeTruthy();
    expect((screen.getByLabelText('Name') as HTMLInputElement).value).toBe('Globex Café');
    expect((screen.getByLabelText('Type') as HTMLSelectElement).value).toBe('system_integrator');
    expect((screen.getByLabelText('Tier') as HTMLInputElement).value).toBe('Gold');
    expect((screen.getByLabelText('Salesforce Account id') as HTMLInputElement).value).toBe(ACCOUNT_18);
    expect(screen.queryByRole('button', { name: 'Add partner' })).toBeNull();

    type('Tier', 'Platinum');
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() =>
      expect(onUpdate).toHaveBeenCalledWith(globex.id, {
        name: 'Globex Café',
        type: 'system_integrator',
        tier: 'Platinum',
        accountId: ACCOUNT_18,
        active: true,
      }),
    );
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Changes to Globex Café saved.'));
    expect(screen.getByRole('button', { name: 'Add partner' })).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Edit Initech' }));
    type('Name', 'Initech Labs');
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.getByRole('form', { name: 'Add a partner' })).toBeTruthy();
    expect((screen.getByLabelText('Name') as HTMLInputElement).value).toBe('');
    expect(onUpdate).toHaveBeenCalledTimes(1);
  });

  it('deactivates and reactivates partners from their row', async () => {
    const onUpdate = vi.fn(async () => undefined);
    renderSection({ onUpdate });
    fireEvent.click(screen.getByRole('button', { name: 'Deactivate Globex Café' }));
    await waitFor(() => expect(onUpdate).toHaveBeenCalledWith(globex.id, { active: false }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toContain('Globex Café deactivated'));
    fireEvent.click(screen.getByRole('button', { name: 'Reactivate Initech' }));
    await waitFor(() => expect(onUpdate).toHaveBeenCalledWith(initech.id, { active: true }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Initech reactivated.'));
  });

  it('shows a refused deactivation as an alert', async () => {
    renderSection({ onUpdate: vi.fn(async () => 'That partner no longer exists. It may have been deleted.') });
    fireEvent.click(screen.getByRole('button', { name: 'Deactivate Globex Café' }));
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe('That partner no longer exists. It may have been deleted.'),
    );
  });

  it('renders names containing HTML as text', () => {
    const hostile = '<img src=x onerror="alert(1)">Evil';
    renderSection({ partners: [partnerRow({ name: hostile })] });
    expect(document.querySelector('img')).toBeNull();
    expect(screen.getByRole('button', { name: `Edit ${hostile}` })).toBeTruthy();
  });

  it('offers every partner type by its label', () => {
    renderSection();
    const select = screen.getByRole('combobox', { name: 'Type' });
    expect(
      within(select)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual([
      'None',
      'Technology alliance',
      'Reseller / channel',
      'System integrator',
      'OEM / embedded',
      'Strategic / GTM co-sell',
      'ISV / marketplace',
    ]);
  });

  it('places its children, such as the CSV import, inside the section', () => {
    render(
      <PartnersSection partners={[]} onAdd={vi.fn()} onUpdate={vi.fn()}>
        <p>Import goes here</p>
      </PartnersSection>,
    );
    expect(within(screen.getByRole('region', { name: 'Partners' })).getByText('Import goes here')).toBeTruthy();
  });
});

describe('PartnersSection with a large roster', () => {
  it('shows the first rows and finds the others by search', () => {
    const many = Array.from({ length: 250 }, (_, i) => partnerRow({ name: `Partner ${String(i).padStart(3, '0')}` }));
    render(<PartnersSection partners={many} onAdd={vi.fn()} onUpdate={vi.fn()} />);
    const table = screen.getByRole('table', { name: 'Partner roster' });
    expect(within(table).getAllByRole('row')).toHaveLength(101);
    expect(screen.getByText('Showing 100 of 250 partners.')).toBeTruthy();
    fireEvent.input(screen.getByLabelText('Search partners'), { target: { value: '24' } });
    expect(
      within(table)
        .getAllByRole('rowheader')
        .map((c) => c.textContent),
    ).toEqual([
      'Partner 024',
      'Partner 124',
      'Partner 224',
      'Partner 240',
      'Partner 241',
      'Partner 242',
      'Partner 243',
      'Partner 244',
      'Partner 245',
      'Partner 246',
      'Partner 247',
      'Partner 248',
      'Partner 249',
    ]);
    expect(screen.getByText('Showing 13 of 13 matching partners.')).toBeTruthy();
  });
});
