import { useState } from 'preact/hooks';
import { ATTRIBUTION_KINDS, KIND_LABELS, LIMITS, type AttributionKind } from '../lib/attribution/model';

export interface AttributionDraft {
  partnerName: string;
  kind: AttributionKind;
  note: string;
}

interface Props {
  partnerNames: string[];
  /** Resolves true when saved (the form then clears), false when refused (the form keeps what was typed). */
  onSave: (draft: AttributionDraft) => Promise<boolean>;
  error?: string;
  idPrefix: string;
}

/** The form that adds one partner attribution. Suggestions come from partners already used. */
export function AttributionForm({ partnerNames, onSave, error, idPrefix }: Props) {
  const [partnerName, setPartnerName] = useState('');
  const [kind, setKind] = useState<AttributionKind>('influenced');
  const [note, setNote] = useState('');
  const [saving, setSaving] = useState(false);
  const ids = {
    partner: `${idPrefix}-partner`,
    suggestions: `${idPrefix}-partner-suggestions`,
    note: `${idPrefix}-note`,
    noteHint: `${idPrefix}-note-hint`,
    legend: `${idPrefix}-kind-legend`,
  };

  async function submit(event: Event) {
    event.preventDefault();
    if (saving) return;
    setSaving(true);
    const saved = await onSave({ partnerName, kind, note });
    setSaving(false);
    if (saved) {
      setPartnerName('');
      setNote('');
    }
  }

  const noteTooLong = note.length > LIMITS.note;
  return (
    <form class="pl-form" aria-label="Add partner attribution" onSubmit={submit} noValidate>
      <h3 class="pl-section-title">Add partner attribution</h3>
      <div class="pl-field">
        <label class="pl-label" for={ids.partner}>
          Partner
        </label>
        <input
          id={ids.partner}
          class="pl-input"
          type="text"
          list={ids.suggestions}
          autocomplete="off"
          value={partnerName}
          onInput={(e) => setPartnerName(e.currentTarget.value)}
        />
        <datalist id={ids.suggestions}>
          {partnerNames.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
      </div>
      <fieldset class="pl-field pl-radios" role="radiogroup" aria-labelledby={ids.legend}>
        <legend id={ids.legend} class="pl-label">
          Attribution
        </legend>
        {ATTRIBUTION_KINDS.map((value) => (
          <label key={value} class="pl-radio">
            <input
              type="radio"
              name={`${idPrefix}-kind`}
              value={value}
              checked={kind === value}
              onChange={() => setKind(value)}
            />
            <span>{KIND_LABELS[value]}</span>
          </label>
        ))}
      </fieldset>
      <div class="pl-field">
        <label class="pl-label" for={ids.note}>
          Note
        </label>
        <textarea
          id={ids.note}
          class="pl-input pl-textarea"
          rows={3}
          value={note}
          aria-describedby={ids.noteHint}
          aria-invalid={noteTooLong}
          onInput={(e) => setNote(e.currentTarget.value)}
        />
        <p id={ids.noteHint} class={noteTooLong ? 'pl-hint pl-hint-error' : 'pl-hint'}>
          {note.length.toLocaleString()} / {LIMITS.note.toLocaleString()} characters
        </p>
      </div>
      {error && (
        <div role="alert" class="pl-alert">
          {error}
        </div>
      )}
      <button type="submit" class="pl-button pl-button-brand" disabled={saving}>
        Save attribution
      </button>
    </form>
  );
}
