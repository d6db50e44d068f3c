import { weekHint } from './summary-view';
import { formatWeekLabel } from '../../lib/time/format';

export interface WeekNavProps {
  weekKey: string;
  currentWeekKey: string;
  onPreviousWeek: () => void;
  onNextWeek: () => void;
  locale?: string;
}

/** The week shown, between Previous week and Next week; there is no week after the current one. */
export function WeekNav({ weekKey, currentWeekKey, onPreviousWeek, onNextWeek, locale }: WeekNavProps) {
  const hint = weekHint(weekKey, currentWeekKey);
  return (
    <nav class="pl-week-nav" aria-label="Week">
      <button type="button" class="pl-button pl-button-small pl-week-step" onClick={onPreviousWeek}>
        <span class="pl-week-arrow" aria-hidden="true">
          ‹
        </span>
        Previous week
      </button>
      <p class="pl-week-label" aria-live="polite">
        <span class="pl-week-range">{formatWeekLabel({ key: weekKey }, locale)}</span>
        {hint && <span class="pl-week-hint">{hint}</span>}
      </p>
      <button
        type="button"
        class="pl-button pl-button-small pl-week-step"
        onClick={onNextWeek}
        disabled={weekKey >= currentWeekKey}
      >
        Next week
        <span class="pl-week-arrow" aria-hidden="true">
          ›
        </span>
      </button>
    </nav>
  );
}
