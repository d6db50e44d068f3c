import { useState } from 'preact/hooks';
import { NumberField } from './number-field';
import { SubmitRow } from './submit-row';
import {
  INFLUENCE_MODELS,
  INFLUENCE_MODEL_LABELS,
  TOUCH_TYPES,
  TOUCH_TYPE_LABELS,
  type AttributionRules,
} from '../../lib/attribution/model';
import type { TeamRules } from '../../lib/attribution/rules-team';
import type { TeamRulesView } from '../../lib/messaging/protocol';

export interface RulesSectionProps {
  /** The rules in force, where they come from, and who may change them. */
  view?: TeamRulesView;
  /** Resolves to an error message for the user when the rules were not saved. */
  onSave: (rules: TeamRules, basedOn: string) => Promise<string | undefined>;
  loadError?: string;
  /** How dates read (the browser's language by default). */
  locale?: string;
}

const MODEL_HELP: Record<AttributionRules['influenceModel'], string> = {
  even: 'Every influencer gets an equal share.',
  first_touch: 'The influencer with the earliest touch gets all the influence credit.',
  last_touch: 'The influencer with the latest touch gets all the influence credit.',
  position_based: 'First and last touch get 40 % each; the others share 20 %.',
  custom: 'Each influencer’s share follows the weights of its touches.',
};

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

/** A date of the org's (`2026-11-20T12:00:00.000+0000`) as the user reads it; the text itself if it is none. */
function dateText(value: string, locale: string | undefined): string {
  const instant = Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  if (Number.isNaN(instant)) return value;
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', day: 'numeric' }).format(instant);
}

/** Where the rules come from, in one line. */
function sourceText(view: TeamRulesView, locale: string | undefined): string {
  if (view.source === 'local') return 'This browser only';
  const org = view.orgName ?? view.orgKey ?? 'your Salesforce org';
  const by = view.changedBy ? `, changed by ${view.changedBy}` : '';
  const on = view.changedAt ? ` on ${dateText(view.changedAt, locale)}` : '';
  return `Team rules of ${org}${by}${on}`;
}

/**
 * The attribution rules in force: the team's, from the org (salesforce/README.md, "Team rules"), or this
 * browser's own while it knows none. How influence credit is split, the window a sourced claim must fall in,
 * when attribution locks, and for the team also warmth, the first day of the week and the API pause. Sourced
 * credit always goes 100 % to the one sourcing partner. Users who may not change the team's rules see them
 * disabled, with the reason.
 */
export function RulesSection({ view, onSave, loadError, locale }: RulesSectionProps) {
  // An edit not saved yet, with the version of the rules it started from. The rules are read again after every
  // sync, and that must not throw the edit away; a save is checked against `basedOn`, so a teammate's change made
  // meanwhile is reported rather than overwritten. Once Salesforce refused the save, rules read since in another
  // version are the teammate's, and they are shown (as the message says); otherwise the edit stays to try again.
  const [edit, setEdit] = useState<{ rules: TeamRules; basedOn: string; refused?: boolean }>();
  const kept = edit && !(edit.refused && view && view.version !== edit.basedOn) ? edit : undefined;
  const draft = kept?.rules ?? view?.rules;
  const [error, setError] = useState<string>();
  const [status, setStatus] = useState<string>();

  const change = (next: (current: TeamRules) => TeamRules) => {
    if (!draft || !view) return;
    setEdit({ rules: next(draft), basedOn: kept?.basedOn ?? view.version });
    setStatus(undefined);
  };
  const set = (patch: Partial<AttributionRules>) =>
    change((current) => ({ ...current, attribution: { ...current.attribution, ...patch } }));
  const setTeam = (patch: Partial<Omit<TeamRules, 'attribution'>>) => change((current) => ({ ...current, ...patch }));

  async function submit(event: Event) {
    event.preventDefault();
    if (!draft || !view) return;
    const problem = await onSave(draft, kept?.basedOn ?? view.version);
    setError(problem);
    setStatus(problem ? undefined : 'Attribution rules saved.');
    setEdit(problem && kept ? { ...kept, refused: true } : undefined);
  }

  const team = view?.source === 'team';
  const locked = !view?.canChange;
  const rules = draft?.attribution;
  return (
    <section class="pl-card" aria-labelledby="pl-rules-title">
      <h2 id="pl-rules-title">Attribution rules</h2>
      {loadError && (
        <p role="alert" class="pl-alert">
          {loadError}
        </p>
      )}
      {!draft || !rules || !view ? (
        !loadError && <p class="pl-muted">Loading…</p>
      ) : (
        <form class="pl-rules-form" aria-label="Attribution rules" onSubmit={submit} noValidate>
          <p class="pl-rules-source">
            <strong>{sourceText(view, locale)}</strong>
          </p>
          {!team && (
            <p class="pl-muted">
              Not connected to a Salesforce org with team rules: these rules apply in this browser only. Once connected,
              the org’s team rules apply instead.
            </p>
          )}
          {view.reason && <p class="pl-muted">{view.reason}</p>}
          {view.problem && (
            <p role="alert" class="pl-alert">
              {view.problem}
            </p>
          )}
          <fieldset class="pl-fieldset-plain" disabled={!view.canChange}>
            <p class="pl-muted">
              Partner-sourced credit always goes 100 % to the one sourcing partner. Partner-sourced and
              partner-influenced amounts are reported separately and never added.
            </p>
            <fieldset class="pl-fieldset">
              <legend>Influence credit model</legend>
              {INFLUENCE_MODELS.map((model) => (
                <label key={model} class="pl-choice">
                  <input
                    disabled={locked}
                    type="radio"
                    name="pl-influence-model"
                    value={model}
                    checked={rules.influenceModel === model}
                    onChange={() => set({ influenceModel: model })}
                  />
                  <span>
                    {INFLUENCE_MODEL_LABELS[model]}
                    <span class="pl-muted"> — {MODEL_HELP[model]}</span>
                  </span>
                </label>
              ))}
            </fieldset>
            {rules.influenceModel === 'custom' && (
              <fieldset class="pl-fieldset">
                <legend>Weight of each touch type</legend>
                <div class="pl-weights">
                  {TOUCH_TYPES.map((type) => (
                    <NumberField
                      key={type}
                      label={TOUCH_TYPE_LABELS[type]}
                      disabled={locked}
                      min={0}
                      max={100}
                      step={1}
                      value={rules.touchWeights[type]}
                      onValue={(weight) => set({ touchWeights: { ...rules.touchWeights, [type]: weight } })}
                    />
                  ))}
                </div>
              </fieldset>
            )}
            <div class="pl-inline-fields">
              <NumberField
                label="Attribution window (days after creation)"
                disabled={locked}
                min={0}
                max={365}
                value={rules.sourcedWindowDays}
                onValue={(days) => set({ sourcedWindowDays: days })}
              />
              <NumberField
                label="Lock attribution after (days)"
                disabled={locked}
                min={0}
                max={730}
                value={rules.lockAfterDays}
                onValue={(days) => set({ lockAfterDays: days })}
              />
            </div>
            <p class="pl-muted">
              A partner-sourced claim should rest on a touch dated within the window; outside it, the panel warns and
              asks for a reason. After the lock, every change needs a reason, kept in the history.
            </p>
            {team && (
              <div class="pl-inline-fields">
                <NumberField
                  label="Hot within (days)"
                  disabled={locked}
                  min={0}
                  max={365}
                  value={draft.warmth.hotTouchDays}
                  onValue={(days) => setTeam({ warmth: { ...draft.warmth, hotTouchDays: days } })}
                />
                <NumberField
                  label="Warm within (days)"
                  disabled={locked}
                  min={0}
                  max={730}
                  value={draft.warmth.warmTouchDays}
                  onValue={(days) => setTeam({ warmth: { ...draft.warmth, warmTouchDays: days } })}
                />
                <label class="pl-weight">
                  <span>First day of the week</span>
                  <select
                    disabled={locked}
                    class="pl-input"
                    value={draft.firstDayOfWeek}
                    onChange={(e) =>
                      setTeam({ firstDayOfWeek: Number(e.currentTarget.value) as TeamRules['firstDayOfWeek'] })
                    }
                  >
                    {WEEKDAYS.map((name, day) => (
                      <option key={name} value={day}>
                        {name}
                      </option>
                    ))}
                  </select>
                </label>
                <NumberField
                  label="Pause sync above (% of the daily API limit)"
                  disabled={locked}
                  min={50}
                  max={100}
                  value={Math.round(draft.pauseAboveShare * 100)}
                  onValue={(percent) => setTeam({ pauseAboveShare: percent / 100 })}
                />
              </div>
            )}
            {view.canChange && <SubmitRow label="Save rules" error={error} status={status} />}
          </fieldset>
          {team && view.log.length > 0 && (
            <>
              <h3 id="pl-rules-changes">Recent changes</h3>
              <ul class="pl-rules-changes" aria-labelledby="pl-rules-changes">
                {view.log.slice(0, 5).map((entry) => (
                  <li key={`${entry.at}-${entry.by}`}>
                    {entry.by}, {dateText(entry.at, locale)}:{' '}
                    {entry.changes.length === 0
                      ? 'saved without changes'
                      : entry.changes.map((change) => `${change.rule}: ${change.before} → ${change.after}`).join('; ')}
                  </li>
                ))}
              </ul>
            </>
          )}
        </form>
      )}
    </section>
  );
}
