import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { BackupSummary } from '../../lib/store/backup/format';
import { plural } from '../../lib/intl';

export type BackupCheck = { ok: true; summary: BackupSummary } | { ok: false; problems: string[] };

export interface BackupSectionProps {
  /**
   * Makes and downloads a backup, with the Slack webhook's address only when asked; may resolve to a
   * message when that failed.
   */
  onDownload: (options: { includeWebhook: boolean }) => void | Promise<string | undefined>;
  /** Reads and checks the chosen file, and keeps the checked backup for `onRestore`. Writes nothing. */
  onValidate: (file: File) => Promise<BackupCheck>;
  /** Replaces everything with the backup last checked; resolves to a message when that failed. */
  onRestore: () => Promise<string | undefined>;
}

const IDS = {
  title: 'pl-backup-title',
  file: 'pl-backup-file',
  webhook: 'pl-backup-webhook',
  webhookHint: 'pl-backup-webhook-hint',
  fileHint: 'pl-backup-file-hint',
  confirm: 'pl-backup-confirm-text',
};

/** "2 partners, 5 attributions, 6 touches, 3 opportunities and 14 history entries" */
export function describeBackupContent(summary: BackupSummary): string {
  return [
    plural(summary.partners, 'partner', 'partners'),
    plural(summary.attributions, 'attribution', 'attributions'),
    plural(summary.touches, 'touch', 'touches'),
    plural(summary.opportunities, 'opportunity', 'opportunities'),
  ]
    .join(', ')
    .concat(` and ${plural(summary.auditEntries, 'history entry', 'history entries')}`);
}

function formatExportDate(exportedAt: string): string {
  return new Date(exportedAt).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

type Step =
  | { name: 'idle' }
  | { name: 'checking' }
  | { name: 'confirm'; summary: BackupSummary }
  | { name: 'restoring'; summary: BackupSummary };

/**
 * Download a backup of everything in this browser, or replace everything with one. A file is checked
 * completely before the user is asked to confirm, and the confirmation says what the backup holds, so
 * nothing is replaced by a file the user did not mean.
 */
export function BackupSection({ onDownload, onValidate, onRestore }: BackupSectionProps) {
  const fileInput = useRef<HTMLInputElement>(null);
  const restoreButton = useRef<HTMLButtonElement>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);
  const [step, setStep] = useState<Step>({ name: 'idle' });
  /** What is wrong with the chosen file, each with its place. */
  const [problems, setProblems] = useState<string[]>([]);
  /** A failure that is not about the file's content. */
  const [error, setError] = useState<string | undefined>();
  const [status, setStatus] = useState('');
  const [downloading, setDownloading] = useState(false);
  const [includeWebhook, setIncludeWebhook] = useState(false);

  const busy = step.name === 'checking' || step.name === 'restoring';

  /** Set when the confirmation closes: the focus goes back to Restore backup once it is enabled again. */
  const refocusRestore = useRef(false);

  // The confirmation takes the focus (on Cancel, the safe choice) so that it is read out and answered first;
  // when it closes, the focus returns to where the user started instead of falling to the page.
  useLayoutEffect(() => {
    if (step.name === 'confirm') cancelButton.current?.focus();
    if (step.name === 'idle' && refocusRestore.current) {
      refocusRestore.current = false;
      restoreButton.current?.focus();
    }
  }, [step.name]);

  function reset(message = '') {
    setProblems([]);
    setError(undefined);
    setStatus(message);
  }

  async function download() {
    if (downloading) return;
    reset();
    setDownloading(true);
    try {
      const failure = await onDownload({ includeWebhook });
      if (failure) setError(failure);
    } catch {
      setError('The backup could not be made. Try again.');
    } finally {
      setDownloading(false);
    }
  }

  async function check() {
    if (busy) return;
    const file = fileInput.current?.files?.[0];
    if (!file) {
      setStep({ name: 'idle' });
      reset();
      setError('Choose a backup file first.');
      return;
    }
    reset('Checking the backup…');
    setStep({ name: 'checking' });
    try {
      const result = await onValidate(file);
      if (result.ok) {
        setStatus('');
        setStep({ name: 'confirm', summary: result.summary });
      } else {
        setStatus('');
        setProblems(result.problems);
        setStep({ name: 'idle' });
      }
    } catch {
      setStatus('');
      setError('The file could not be read. Choose it again.');
      setStep({ name: 'idle' });
    }
  }

  function cancel() {
    refocusRestore.current = true;
    setStep({ name: 'idle' });
    reset();
  }

  async function restore() {
    if (step.name !== 'confirm') return;
    const { summary } = step;
    reset('Restoring…');
    setStep({ name: 'restoring', summary });
    let failure: string | undefined;
    try {
      failure = await onRestore();
    } catch {
      failure = 'The backup could not be restored. Nothing was changed.';
    }
    refocusRestore.current = true;
    setStep({ name: 'idle' });
    if (failure) {
      reset();
      setError(failure);
    } else {
      reset(`Backup restored: ${describeBackupContent(summary)}.`);
      if (fileInput.current) fileInput.current.value = '';
    }
  }

  const summary = step.name === 'confirm' || step.name === 'restoring' ? step.summary : undefined;

  return (
    <section class="pl-card pl-backup" aria-labelledby={IDS.title}>
      <h2 id={IDS.title}>Backup</h2>
      <p class="pl-muted">
        A backup is a file with everything Partner Ledger holds in this browser: keep it as a copy, or use it to move to
        another browser.
      </p>
      <label class="pl-checkbox">
        <input
          id={IDS.webhook}
          type="checkbox"
          checked={includeWebhook}
          aria-describedby={IDS.webhookHint}
          onChange={(event) => setIncludeWebhook(event.currentTarget.checked)}
        />
        Include the Slack webhook
      </label>
      <p id={IDS.webhookHint} class="pl-help">
        Anyone who has the webhook’s address can post to your channel: include it only in a file you keep safe.
      </p>
      <div class="pl-actions pl-actions-start">
        <button
          type="button"
          class="pl-button pl-button-neutral"
          disabled={downloading}
          onClick={() => void download()}
        >
          Download backup
        </button>
      </div>

      <div class="pl-field pl-backup-restore">
        <label class="pl-label" for={IDS.file}>
          Backup file
        </label>
        <input
          ref={fileInput}
          id={IDS.file}
          class="pl-file"
          type="file"
          accept=".json,application/json"
          aria-describedby={IDS.fileHint}
          disabled={busy || step.name === 'confirm'}
          onChange={() => {
            setStep({ name: 'idle' });
            reset();
          }}
        />
        <p id={IDS.fileHint} class="pl-help">
          Restoring replaces all partners, attributions, touches and history in this browser with the backup’s.
        </p>
        <div class="pl-actions pl-actions-start">
          <button
            ref={restoreButton}
            type="button"
            class="pl-button pl-button-neutral"
            disabled={busy || step.name === 'confirm'}
            onClick={() => void check()}
          >
            Restore backup
          </button>
        </div>
      </div>

      {summary && (
        <div class="pl-backup-confirm" role="group" aria-labelledby={IDS.confirm}>
          <p id={IDS.confirm}>
            Restoring replaces everything in this browser with the backup of {formatExportDate(summary.exportedAt)}:{' '}
            {describeBackupContent(summary)}. Restore?
          </p>
          <div class="pl-actions pl-actions-start">
            <button
              type="button"
              class="pl-button pl-backup-destructive"
              disabled={step.name === 'restoring'}
              onClick={() => void restore()}
            >
              Replace everything
            </button>
            <button
              ref={cancelButton}
              type="button"
              class="pl-button pl-button-neutral"
              disabled={step.name === 'restoring'}
              onClick={cancel}
            >
              Cancel
            </button>
          </div>
        </div>
      )}

      {(error || problems.length > 0) && (
        <div role="alert" class="pl-alert pl-backup-problems">
          {error ? (
            <p>{error}</p>
          ) : (
            <>
              <p>This file cannot be restored:</p>
              <ul>
                {problems.map((problem, index) => (
                  <li key={index}>{problem}</li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}

      <p role="status" class="pl-status">
        {status}
      </p>
    </section>
  );
}
