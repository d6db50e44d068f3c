import { useState } from 'preact/hooks';

export interface RosterHomeNoticeProps {
  /** The My Domain of the org this browser's roster is kept with. */
  keptWith: string;
  /** The My Domain of the org of the last Salesforce page seen. */
  here: string;
  /** Resolves to the problem to show, or undefined when the roster moved. */
  onKeepHere: () => Promise<string | undefined>;
}

/**
 * Options → Partners on an org other than the one this browser's roster is kept with (a sandbox beside
 * production): the roster is read from and written to one org only, and the user may move it here
 * (docs/roster.md, "One org's roster").
 */
export function RosterHomeNotice({ keptWith, here, onKeepHere }: RosterHomeNoticeProps) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  const keepHere = async () => {
    setBusy(true);
    setProblem(await onKeepHere());
    setBusy(false);
  };
  return (
    <section class="pl-card pl-roster-merge" aria-label="Roster kept with another org">
      <h3>This roster belongs to {keptWith}</h3>
      <p class="pl-muted">
        This browser keeps one partner roster, shared with the org {keptWith}. Partners are neither read from nor
        written to the roster of {here}, so a sandbox and production never overwrite each other’s partners. Attributions
        in {here} still sync, each with its partner’s name.
      </p>
      {problem && (
        <p role="alert" class="pl-alert">
          {problem}
        </p>
      )}
      <div class="pl-actions">
        <button type="button" class="pl-button" disabled={busy} onClick={() => void keepHere()}>
          Keep the roster with {here} instead
        </button>
      </div>
    </section>
  );
}
