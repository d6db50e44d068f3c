/**
 * The note beside a local control that the team rules override while connected (docs/user-guide.md, "Team
 * rules"): the control is disabled and names this note with aria-describedby, so the team's value is read
 * out with it.
 */
export function TeamRuleNote({ id, value }: { id: string; value: string }) {
  return (
    <p id={id} class="pl-help pl-team-rule-note">
      Set by the team rules: {value}. Change it in Attribution rules.
    </p>
  );
}

/** "Set by the team rules" notes' ids, one per overridden control. */
export const TEAM_RULE_NOTE_IDS = {
  warmth: 'pl-team-rule-warmth',
  firstDay: 'pl-team-rule-first-day',
  pause: 'pl-team-rule-pause',
} as const;
