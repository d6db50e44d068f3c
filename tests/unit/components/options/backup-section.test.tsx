import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import {
  BackupSection,
  type BackupCheck,
  type BackupSectionProps,
} from '../../../../components/options/backup-section';
import type { BackupSummary } from '../../../../lib/store/backup/format';

const summary: BackupSummary = {
  exportedAt: '2026-11-20T10:00:00.000Z',
  partners: 12,
  attributions: 40,
  touches: 1,
  opportunities: 31,
  auditEntries: 230,
};

const exported = new Date(summary.exportedAt).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function renderSection(props: Partial<BackupSectionProps> = {}) {
  const all: BackupSectionProps = {
    onDownload: vi.fn(),
    onValidate: vi.fn(async (): Promise<BackupCheck> => ({ ok: true, summary })),
    onRestore: vi.fn(async () => undefined),
    ...props,
  };
  render(<BackupSection {...all} />);
  return all;
}

const backupFile = () => new File(['{}'], 'partner-ledger-backup-2026-11-20.json', { type: 'application/json' });

function choose(file: File) {
  fireEvent.change(screen.getByLabelText('Backup file'), { target: { files: [file] } });
}

async function openConfirmation(props: Partial<BackupSectionProps> = {}) {
  const all = renderSection(props);
  const file = backupFile();
  choose(file);
  fireEvent.click(screen.getByRole('button', { name: 'Restore backup' }));
  await waitFor(() => expect(screen.getByRole('button', { name: 'Replace everything' })).toBeTruthy());
  return { props: all, file };
}

describe('BackupSection', () => {
  it('is a region headed Backup with a download button, a backup file input and a restore button', () => {
    renderSection();
    const region = screen.getByRole('region', { name: 'Backup' });
    expect(within(region).getByRole('heading', { level: 2, name: 'Backup' })).toBeTruthy();
    const input = within(region).getByLabelText('Backup file') as HTMLInputElement;
    expect(input.type).toBe('file');
    expect(input.accept).toBe('.json,application/json');
    expect(within(region).getByRole('button', { name: 'Download backup' })).toBeTruthy();
    expect(within(region).getByRole('button', { name: 'Restore backup' })).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('downloads on request', async () => {
    const props = renderSection();
    fireEvent.click(screen.getByRole('button', { name: 'Download backup' }));
    await waitFor(() => expect(props.onDownload).toHaveBeenCalledOnce());
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('leaves the Slack webhook out of a download unless Include the Slack webhook is ticked', async () => {
    const props = renderSection();
    const box = screen.getByRole('checkbox', { name: 'Include the Slack webhook' }) as HTMLInputElement;
    expect(box.checked).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: 'Download backup' }));
    await waitFor(() => expect(props.onDownload).toHaveBeenLastCalledWith({ includeWebhook: false }));
    fireEvent.click(box);
    fireEvent.click(screen.getByRole('button', { name: 'Download backup' }));
    await waitFor(() => expect(props.onDownload).toHaveBeenLastCalledWith({ includeWebhook: true }));
  });

  it('shows a failed download as an alert', async () => {
    renderSection({ onDownload: vi.fn(async () => 'The backup could not be saved.') });
    fireEvent.click(screen.getByRole('button', { name: 'Download backup' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('The backup could not be saved.'));
  });

  it('asks for a file before checking anything', () => {
    const props = renderSection();
    fireEvent.click(screen.getByRole('button', { name: 'Restore backup' }));
    expect(screen.getByRole('alert').textContent).toBe('Choose a backup file first.');
    expect(props.onValidate).not.toHaveBeenCalled();
  });

  it(
    'checks the file, then asks to confirm with what the backup holds, and restores only after Replace ' + 'everything',
    async () => {
      const { props, file } = await openConfirmation();
      expect(props.onValidate).toHaveBeenCalledWith(file);
      const confirm = screen.getByRole('group', { name: /^Restoring replaces everything/ });
      expect(confirm.textContent).toBe(
        `Restoring replaces everything in this browser with the backup of ${exported}: 12 partners, 40 attributions, ` +
          `1 ` +
          `touch, 31 opportunities and 230 history entries. Restore?Replace everythingCancel`,
      );
      expect(document.activeElement).toBe(within(confirm).getByRole('button', { name: 'Cancel' }));
      expect(props.onRestore).not.toHaveBeenCalled();
      expect((screen.getByRole('button', { name: 'Restore backup' }) as HTMLButtonElement).disabled).toBe(true);

      fireEvent.click(screen.getByRole('button', { name: 'Replace everything' }));
      await waitFor(() =>
        expect(screen.getByRole('status').textContent).toBe(
          'Backup restored: 12 partners, 40 attributions, 1 touch, 31 opportunities and 230 history entries.',
        ),
      );
      expect(props.onRestore).toHaveBeenCalledOnce();
      expect(screen.queryByRole('group')).toBeNull();
      expect(screen.queryByRole('alert')).toBeNull();
      expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Restore backup' }));
    },
  );

  it('restores nothing when the user cancels', async () => {
    const { props } = await openConfirmation();
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('button', { name: 'Replace everything' })).toBeNull();
    expect(props.onRestore).not.toHaveBeenCalled();
    expect(screen.getByRole('status').textContent).toBe('');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Restore backup' }));
  });

  it('lists every problem of a refused file and offers no confirmation', async () => {
    const problems = [
      "attributions[12].kind: must be 'sourced' or 'influenced'",
      'touches[0].attributionId: no attribution in this backup has the id 00000000-0000-4000-8000-000000000098',
    ];
    const props = renderSection({ onValidate: vi.fn(async (): Promise<BackupCheck> => ({ ok: false, problems })) });
    choose(backupFile());
    fireEvent.click(screen.getByRole('button', { name: 'Restore backup' }));
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('This file cannot be restored:')).toBeTruthy();
    expect(
      within(alert)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(problems);
    expect(screen.queryByRole('button', { name: 'Replace everything' })).toBeNull();
    expect(props.onRestore).not.toHaveBeenCalled();
    expect(screen.getByRole('status').textContent).toBe('');
  });

  it('shows a failed restore as an alert and no success', async () => {
    await openConfirmation({
      onRestore: vi.fn(async () => 'The backup could not be restored, so nothing was changed (disk full).'),
    });
    fireEvent.click(screen.getByRole('button', { name: 'Replace everything' }));
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe(
        'The backup could not be restored, so nothing was changed (disk full).',
      ),
    );
    expect(screen.getByRole('status').textContent).toBe('');
  });

  it('says so when the file cannot be read at all', async () => {
    renderSection({
      onValidate: vi.fn(async (): Promise<BackupCheck> => Promise.reject(new Error('NotReadableError'))),
    });
    choose(backupFile());
    fireEvent.click(screen.getByRole('button', { name: 'Restore backup' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The file could not be read. Choose it again.');
  });

  it('shows progress while checking, and disables restoring meanwhile', async () => {
    let finish: (check: BackupCheck) => void = () => undefined;
    renderSection({ onValidate: vi.fn(() => new Promise<BackupCheck>((resolve) => (finish = resolve))) });
    choose(backupFile());
    fireEvent.click(screen.getByRole('button', { name: 'Restore backup' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Checking the backup…'));
    expect((screen.getByRole('button', { name: 'Restore backup' }) as HTMLButtonElement).disabled).toBe(true);
    finish({ ok: true, summary });
    await waitFor(() => expect(screen.getByRole('button', { name: 'Replace everything' })).toBeTruthy());
    expect(screen.getByRole('status').textContent).toBe('');
  });
});
