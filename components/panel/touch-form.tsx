import { useState } from 'preact/hooks';
import { TouchFields, type TouchDraft } from './touch-fields';

interface Props {
  partnerName: string;
  today: string;
  onSave: (draft: TouchDraft) => Promise<boolean>;
  onCancel: () => void;
  error?: string;
  idPrefix: string;
}

/** Logs one more dated touch for a partner: opened by "Add touch", saved by "Save touch" — two clicks. */
export function TouchForm({ partnerName, today, onSave, onCancel, error, idPrefix }: Props) {
  const [draft, setDraft] = useState<TouchDraft>({ type: 'joint_call', date: today, note: '', link: '' });
  const [saving, setSaving] = useState(false);
  return (
    <form
      class="pl-form pl-touch-form"
      aria-label="Add partner touch"
      noValidate
      onSubmit={async (event) => {
        event.preventDefault();
        if (saving) return;
        setSaving(true);
        await onSave(draft);
        setSaving(false);
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          onCancel();
        }
      }}
    >
      <p class="pl-form-caption">New touch for {partnerName}</p>
      <TouchFields idPrefix={idPrefix} draft={draft} onChange={setDraft} withNote />
      {error && (
        <div role="alert" class="pl-alert">
          {error}
        </div>
      )}
      <div class="pl-actions">
        <button type="submit" class="pl-button pl-button-brand" disabled={saving}>
          Save touch
        </button>
        <button type="button" class="pl-button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
