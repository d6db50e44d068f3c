import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { RosterImport, type RosterImportProps } from '../../../../components/options/roster-import';
import type { RosterPreview, RosterPreviewRow } from '../../../../lib/roster/csv';

const row = (line: number, name: string, action: RosterPreviewRow['action']): RosterPreviewRow => ({
  line,
  name,
  type: null,
  tier: null,
  accountId: null,
  active: true,
  action,
});

const clean: RosterPreview = {
  rows: [row(2, 'Acme', 'create'), row(3, 'Globex', 'create'), row(4, 'Initech', 'update')],
  problems: [],
};

const withProblems: RosterPreview = {
  rows: [row(2, 'Acme', 'create')],
  problems: [
    { line: 3, field: 'account_id', message: '“12345” is not a Salesforce Account id.' },
    { line: 4, field: 'name', message: 'Enter the partner’s name.' },
  ],
};

function renderImport(props: Partial<RosterImportProps> = {}) {
  const all: RosterImportProps = {
    onPreview: vi.fn(async () => clean),
    onImport: vi.fn(async () => ({ created: 2, updated: 1 })),
    onExport: vi.fn(),
    ...props,
  };
  render(<RosterImport {...all} />);
  return all;
}

function choose(file: File) {
  fireEvent.change(screen.getByLabelText('Roster CSV file'), { target: { files: [file] } });
}

const csvFile = (text = 'name\nAcme\n', name = 'roster.csv') => new File([text], name, { type: 'text/csv' });

describe('RosterImport', () => {
  it('is a region headed Import roster from CSV with a file input, a disabled import and an export', () => {
    renderImport();
    const region = screen.getByRole('region', { name: 'Import roster from CSV' });
    expect(within(region).getByRole('heading', { name: 'Import roster from CSV' })).toBeTruthy();
    const input = within(region).getByLabelText('Roster CSV file') as HTMLInputElement;
    expect(input.type).toBe('file');
    expect(input.accept).toBe('.csv,text/csv');
    expect(within(region).getByRole('button', { name: 'Import 0 partners' }).hasAttribute('disabled')).toBe(true);
    expect(within(region).getByRole('button', { name: 'Export roster as CSV' }).hasAttribute('disabled')).toBe(false);
  });

  it('previews a file: counts to create and update, then imports the rows', async () => {
    const props = renderImport();
    const file = csvFile();
    choose(file);
    await waitFor(() => expect(screen.getByText(/2 to create, 1 to update/)).toBeTruthy());
    expect(props.onPreview).toHaveBeenCalledWith(file);
    expect(screen.queryByRole('table', { name: 'Import problems' })).toBeNull();
    const button = screen.getByRole('button', { name: 'Import 3 partners' });
    expect(button.hasAttribute('disabled')).toBe(false);
    fireEvent.click(button);
    await waitFor(() => expect(props.onImport).toHaveBeenCalledWith(clean.rows));
    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toBe('Imported roster.csv: 2 partners created, 1 updated.'),
    );
    expect(screen.getByRole('button', { name: 'Import 0 partners' }).hasAttribute('disabled')).toBe(true);
  });

  it('says how many partners were already up to date', async () => {
    renderImport({ onImport: vi.fn(async () => ({ created: 1, updated: 0 })) });
    choose(csvFile());
    fireEvent.click(await screen.findByRole('button', { name: 'Import 3 partners' }));
    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toBe(
        'Imported roster.csv: 1 partner created, 0 updated, 2 already up to date.',
      ),
    );
  });

  it('lists the problems in a table and keeps the import disabled', async () => {
    const props = renderImport({ onPreview: vi.fn(async () => withProblems) });
    choose(csvFile());
    const table = await screen.findByRole('table', { name: 'Import problems' });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((c) => c.textContent),
    ).toEqual(['Line', 'Field', 'Problem']);
    expect(
      within(table)
        .getAllByRole('row')
        .slice(1)
        .map((r) =>
          within(r)
            .getAllByRole('cell')
            .map((c) => c.textContent),
        ),
    ).toEqual([
      ['3', 'account_id', '“12345” is not a Salesforce Account id.'],
      ['4', 'name', 'Enter the partner’s name.'],
    ]);
    expect(screen.getByText(/2 problems stop the import/)).toBeTruthy();
    const button = screen.getByRole('button', { name: 'Import 1 partner' });
    expect(button.hasAttribute('disabled')).toBe(true);
    fireEvent.click(button);
    expect(props.onImport).not.toHaveBeenCalled();
  });

  it('shows only the first 200 problems of a long list', async () => {
    const problems = Array.from({ length: 250 }, (_, i) => ({
      line: i + 2,
      field: 'name',
      message: 'Enter the partner’s name.',
    }));
    renderImport({ onPreview: vi.fn(async () => ({ rows: [], problems })) });
    choose(csvFile());
    const table = await screen.findByRole('table', { name: 'Import problems' });
    expect(within(table).getAllByRole('row')).toHaveLength(201);
    expect(screen.getByText('50 more problems are not shown.')).toBeTruthy();
  });

  it('refuses a 50 MB file before reading it', async () => {
    const props = renderImport();
    const file = csvFile();
    Object.defineProperty(file, 'size', { value: 50 * 1024 * 1024 });
    const text = vi.spyOn(file, 'text');
    choose(file);
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe('The file is 50.0 MB; a roster file can be at most 5 MB.'),
    );
    expect(props.onPreview).not.toHaveBeenCalled();
    expect(text).not.toHaveBeenCalled();
  });

  it('shows a preview error as an alert', async () => {
    renderImport({ onPreview: vi.fn(async () => ({ error: 'The file could not be read.' })) });
    choose(csvFile());
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('The file could not be read.'));
    expect(screen.getByRole('button', { name: 'Import 0 partners' }).hasAttribute('disabled')).toBe(true);
  });

  it('shows an import refusal as an alert and keeps the preview', async () => {
    renderImport({ onImport: vi.fn(async () => ({ error: 'Line 3: “001-bad” is not a Salesforce Account id.' })) });
    choose(csvFile());
    fireEvent.click(await screen.findByRole('button', { name: 'Import 3 partners' }));
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe('Line 3: “001-bad” is not a Salesforce Account id.'),
    );
    expect(screen.getByRole('button', { name: 'Import 3 partners' }).hasAttribute('disabled')).toBe(false);
    expect(screen.getByRole('status').textContent).toBe('');
  });

  it('says so when the file lists no partners', async () => {
    renderImport({ onPreview: vi.fn(async () => ({ rows: [], problems: [] })) });
    choose(csvFile('name\n'));
    expect(await screen.findByText('The file lists no partners.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Import 0 partners' }).hasAttribute('disabled')).toBe(true);
  });

  it('exports the roster', () => {
    const props = renderImport();
    fireEvent.click(screen.getByRole('button', { name: 'Export roster as CSV' }));
    expect(props.onExport).toHaveBeenCalledOnce();
  });
});
