import { useEffect, useState } from 'preact/hooks';
import { SubmitRow } from './submit-row';
import {
  INFLUENCE_MODELS,
  INFLUENCE_MODEL_LABELS,
  TOUCH_TYPES,
  TOUCH_TYPE_LABELS,
  type AttributionRules,
} from '../../lib/attribution/model';

export interface RulesSectionProps {
  rules?: AttributionRules;
  /** Resolves to an error message for the user when the rules were not saved. */
  onSave: (rules: AttributionRules) => Promise<string | undefined>;
  loadError?: string;
}

const MODEL_HELP: Record<AttributionRules['influenceModel'], string> = {
  even: 'Every influencer gets an equal share.',
  first_touch: 'The influencer with the earliest touch gets all the influence credit.',
  last_touch: 'The influencer with the latest touch gets all the influence credit.',
  position_based: 'First and last touch get 40 % each; the others share 20 %.',
  custom: 'Each influencer’s share follows the weights of its touches.',
};

/**
 * The team's attribution rules: how influence credit is split, the window a sourced claim must fall in,
 * and when attribution locks. Sourced credit always goes 100 % to the one sourcing partner.
 */
export function RulesSection({ rules, onSave, loadError }: RulesSectionProps) {
  const [draft, setDraft] = useState<AttributionRules | undefined>(rules);
  const [error, setError] = useState<string>();
  const [status, setStatus] = useState<string>();
  useEffect(() => setDraft(rules), [rules]);

  const set = (patch: Partial<AttributionRules>) => {
    setDraft((current) => current && { ...current, ...patch });
    setStatus(undefined);
  };

  async function submit(event: Event) {
    event.preventDefault();
    if (!draft) return;
    const problem = await onSave(draft);
    setError(problem);
    setStatus(problem ? undefined : 'Attribution rules saved.');
  }

  return (
    <section class="pl-card" aria-labelledby="pl-rules-title">
      <h2 id="pl-rules-title">Attribution rules</h2>
      {loadError && (
        <p role="alert" class="pl-alert">
          {loadError}
        </p>
      )}
      {!draft ? (
        !loadError && <p class="pl-muted">Loading…</p>
      ) : (
        <form class="pl-rules-form" aria-label="Attribution rules" onSubmit={submit} noValidate>
          <p class="pl-muted">
            Partner-sourced credit always goes 100 % to the one sourcing partner. Partner-sourced and partner-influenced
            amounts are reported separately and never added.
          </p>
          <fieldset class="pl-fieldset">
            <legend>Influence credit model</legend>
            {INFLUENCE_MODELS.map((model) => (
              <label key={model} class="pl-choice">
                <input
                  type="radio"
                  name="pl-influence-model"
                  value={model}
                  checked={draft.influenceModel === model}
                  onChange={() => set({ influenceModel: model })}
                />
                <span>
                  {INFLUENCE_MODEL_LABELS[model]}
                  <span class="pl-muted"> — {MODEL_HELP[model]}</span>
                </span>
              </label>
            ))}
          </fieldset>
          {draft.influenceModel === 'custom' && (
            <fieldset class="pl-fieldset">
              <legend>Weight of each touch type</legend>
              <div class="pl-weights">
                {TOUCH_TYPES.map((type) => (
                  <label key={type} class="pl-weight">
                    <span>{TOUCH_TYPE_LABELS[type]}</span>
                    <input
                      type="number"
                      min={0}
                      max={100}
                      step={1}
                      value={draft.touchWeights[type]}
                      onInput={(e) =>
                        set({ touchWeights: { ...draft.touchWeights, [type]: Number(e.currentTarget.value) } })
                      }
                    />
                  </label>
                ))}
              </div>
            </fieldset>
          )}
          <div class="pl-inline-fields">
            <label class="pl-weight">
              <span>Attribution window (days after creation)</span>
              <input
                type="number"
                min={0}
                max={365}
                value={draft.sourcedWindowDays}
                onInput={(e) => set({ sourcedWindowDays: Number(e.currentTarget.value) })}
              />
            </label>
            <label class="pl-weight">
              <span>Lock attribution after (days)</span>
              <input
                type="number"
                min={0}
                max={730}
                value={draft.lockAfterDays}
                onInput={(e) => set({ lockAfterDays: Number(e.currentTarget.value) })}
              />
            </label>
          </div>
          <p class="pl-muted">
            A partner-sourced claim should rest on a touch dated within the window; outside it, the panel warns and asks
            for a reason. After the lock, every change needs a reason, kept in the history.
          </p>
          <SubmitRow label="Save rules" error={error} status={status} />
        </form>
      )}
    </section>
  );
}
