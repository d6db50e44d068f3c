import type { SummaryScope } from '../../lib/attribution/summary-scope';
import { SCOPE_HEADLINES } from '../../lib/attribution/summary-scope';

export interface ScopeSwitchProps {
  scope: SummaryScope;
  onChange: (scope: SummaryScope) => void;
}

/**
 * The summary's headline, "Team number" or "My number", and the Mine switch beside it: an SLDS toggle
 * (https://www.lightningdesignsystem.com/components/checkbox-toggle/) made as a button with the switch
 * role, so Space and Enter flip it as they press any button (WAI-ARIA APG, Switch pattern).
 */
export function ScopeSwitch({ scope, onChange }: ScopeSwitchProps) {
  const mine = scope === 'mine';
  return (
    <div class="pl-scope-row">
      <h2 class="pl-scope-headline">{SCOPE_HEADLINES[scope]}</h2>
      <button
        type="button"
        role="switch"
        aria-checked={mine ? 'true' : 'false'}
        class="pl-switch"
        title={mine ? 'Showing the attributions you made or touched' : 'Showing every attribution you can see'}
        onClick={() => onChange(mine ? 'team' : 'mine')}
      >
        <span class="pl-switch-label">Mine</span>
        <span class="pl-switch-track" aria-hidden="true">
          <span class="pl-switch-thumb" />
        </span>
      </button>
    </div>
  );
}
