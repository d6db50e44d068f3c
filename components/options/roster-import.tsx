import { useRef, useState } from 'preact/hooks';
import { checkRosterFileSize, ROSTER_COLUMNS, type RosterPreview } from '../../lib/roster/csv';
import { plural } from '../../lib/intl';

export interface RosterImportProps {
  /** Reads and checks the chosen file; called only for files within the size limit. */
  onPreview: (file: File) => Promise<RosterPreview | { error: string }>;
  /** Writes the previewed rows, all or nothing. */
  onImport: (rows: RosterPreview['rows']) => Promise<{ created: number; updated: number } | { error: string }>;
  onExport: () => void;
}

/** A long list of problems is cut here: the first ones are enough to see what is wrong with a file. */
const MAX_PROBLEMS_SHOWN = 200;

const IDS = {
  title: 'pl-roster-import-title',
  file: 'pl-roster-file',
  fileHint: 'pl-roster-file-hint',
};

/**
 * Import and export of the roster as CSV. A file is checked row by row and the result shown before
 * anything is written; the import button stays disabled while the file has problems.
 */
export function RosterImport({ onPreview, onImport, onExport }: RosterImportProps) {
  const fileInput = useRef<HTMLInputElement>(null);
  const [fileName, setFileName] = useState('');
  const [preview, setPreview] = useState<RosterPreview | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);

  async function choose(event: Event) {
    const file = (event.currentTarget as HTMLInputElement).files?.[0];
    setPreview(undefined);
    setError(undefined);
    setStatus('');
    if (!file) return;
    setFileName(file.name);
    const tooBig = checkRosterFileSize(file.size);
    if (tooBig) {
      setError(tooBig);
      return;
    }
    setBusy(true);
    try {
      const result = await onPreview(file);
      if ('error' in result) setError(result.error);
      else setPreview(result);
    } catch {
      setError('The file could not be read. Choose it again.');
    } finally {
      setBusy(false);
    }
  }

  async function runImport() {
    if (!preview || busy) return;
    setBusy(true);
    setError(undefined);
    setStatus('');
    try {
      const result = await onImport(preview.rows);
      if ('error' in result) {
        setError(result.error);
        return;
      }
      const unchanged = preview.rows.length - result.created - result.updated;
      const parts = [
        `${plural(result.created, 'partner', 'partners')} created`,
        `${result.updated.toLocaleString('en')} updated`,
      ];
      if (unchanged > 0) parts.push(`${unchanged.toLocaleString('en')} already up to date`);
      setStatus(`Imported ${fileName}: ${parts.join(', ')}.`);
      setPreview(undefined);
      if (fileInput.current) fileInput.current.value = '';
    } catch {
      setError('The roster could not be imported. Nothing was changed; try again.');
    } finally {
      setBusy(false);
    }
  }

  const toCreate = preview?.rows.filter((row) => row.action === 'create').length ?? 0;
  const toUpdate = (preview?.rows.length ?? 0) - toCreate;
  const problems = preview?.problems ?? [];
  const count = preview?.rows.length ?? 0;

  return (
    <section class="pl-roster-import" aria-labelledby={IDS.title}>
      <h3 id={IDS.title} class="pl-section-heading">
        Import roster from CSV
      </h3>
      <div class="pl-field">
        <label class="pl-label" for={IDS.file}>
          Roster CSV file
        </label>
        <input
          ref={fileInput}
          id={IDS.file}
          class="pl-file"
          type="file"
          accept=".csv,text/csv"
          aria-describedby={IDS.fileHint}
          disabled={busy}
          onChange={(event) => void choose(event)}
        />
        <p id={IDS.fileHint} class="pl-help">
          The first line names the columns: <code>{ROSTER_COLUMNS.join(',')}</code>. Only <code>name</code> is required.
          Partners whose name is already in the roster are updated; the others are added.
        </p>
      </div>

      {busy && !preview && <p class="pl-muted">Checking the file…</p>}

      {preview && (
        <div class="pl-import-preview">
          {count === 0 && problems.length === 0 ? (
            <p>The file lists no partners.</p>
          ) : (
            <p>
              <strong>{fileName}</strong>: {toCreate.toLocaleString('en')} to create, {toUpdate.toLocaleString('en')} to
              update.
            </p>
          )}
          {problems.length > 0 && (
            <>
              <p class="pl-alert-text">
                {plural(problems.length, 'problem stops', 'problems stop')} the import. Fix the file and choose it
                again; nothing has been imported.
              </p>
              <div class="pl-table-scroll">
                <table class="pl-table pl-table-problems" aria-label="Import problems">
                  <thead>
                    <tr>
                      <th scope="col">Line</th>
                      <th scope="col">Field</th>
                      <th scope="col">Problem</th>
                    </tr>
                  </thead>
                  <tbody>
                    {problems.slice(0, MAX_PROBLEMS_SHOWN).map((problem, index) => (
                      <tr key={index}>
                        <td class="pl-cell-number">{problem.line}</td>
                        <td>{problem.field}</td>
                        <td>{problem.message}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {problems.length > MAX_PROBLEMS_SHOWN && (
                <p class="pl-muted">
                  {plural(problems.length - MAX_PROBLEMS_SHOWN, 'more problem is', 'more problems are')} not shown.
                </p>
              )}
            </>
          )}
        </div>
      )}

      {error && (
        <p role="alert" class="pl-alert">
          {error}
        </p>
      )}

      <div class="pl-actions pl-actions-start">
        <button
          type="button"
          class="pl-button pl-button-brand"
          disabled={busy || !preview || problems.length > 0 || count === 0}
          onClick={() => void runImport()}
        >
          {`Import ${plural(count, 'partner', 'partners')}`}
        </button>
        <button type="button" class="pl-button pl-button-neutral" onClick={onExport}>
          Export roster as CSV
        </button>
      </div>
      <p role="status" class="pl-status">
        {status}
      </p>
    </section>
  );
}
