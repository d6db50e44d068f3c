import { useState } from 'preact/hooks';

export interface RosterMergePreviewProps {
  /** Local partners the org's roster already has (by id or by name): the org's id wins. */
  matching: number;
  /** Local partners the org lacks: they are created in the org. */
  adding: number;
  /** Resolves to the problem to show, or undefined when the merge worked. */
  onMerge: () => Promise<string | undefined>;
  onNotNow: () => void;
}

const partnersWord = (count: number) => (count === 1 ? 'partner' : 'partners');

/**
 * The first connection of a browser that already keeps a roster: what merging it into the team's roster in
 * Salesforce will do, before anything is written (docs/roster.md, "First connection").
 */
export function RosterMergePreview({ matching, adding, onMerge, onNotNow }: RosterMergePreviewProps) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  const merge = async () => {
    setBusy(true);
    setProblem(await onMerge());
    setBusy(false);
  };
  return (
    <section class="pl-card pl-roster-merge" aria-label="Roster merge preview">
      <h3>Share this roster with your team</h3>
      <p class="pl-muted">
        Your team keeps one partner roster in Salesforce. Merging adds this browser’s partners to it; partners with the
        same name become one, and their attributions follow. Nothing is written to Salesforce until you merge.
      </p>
      <ul>
        <li>
          {matching.toLocaleString('en')} {partnersWord(matching)} {matching === 1 ? 'matches' : 'match'} the org roster
        </li>
        <li>
          {adding.toLocaleString('en')} new {partnersWord(adding)} will be added to the org
        </li>
      </ul>
      {problem && (
        <p role="alert" class="pl-alert">
          {problem}
        </p>
      )}
      <div class="pl-actions">
        <button type="button" class="pl-button pl-button-brand" disabled={busy} onClick={() => void merge()}>
          Merge into the org roster
        </button>
        <button type="button" class="pl-button" disabled={busy} onClick={onNotNow}>
          Not now
        </button>
      </div>
    </section>
  );
}
