import { TOUCH_TYPES, TOUCH_TYPE_LABELS, type TouchType } from '../../lib/attribution/model';

export interface TouchDraft {
  type: TouchType;
  date: string;
  note: string;
  link: string;
}

interface Props {
  idPrefix: string;
  draft: TouchDraft;
  onChange: (draft: TouchDraft) => void;
  /** The touch form has its own note; the attribution form's note covers both. */
  withNote: boolean;
}

/** Touch type, date, optional note and link: the fields of one piece of evidence. */
export function TouchFields({ idPrefix, draft, onChange, withNote }: Props) {
  const set = (patch: Partial<TouchDraft>) => onChange({ ...draft, ...patch });
  return (
    <>
      <div class="pl-field-row">
        <div class="pl-field">
          <label class="pl-label" for={`${idPrefix}-type`}>
            Touch type
          </label>
          <select
            id={`${idPrefix}-type`}
            class="pl-input"
            value={draft.type}
            onChange={(e) => set({ type: e.currentTarget.value as TouchType })}
          >
            {TOUCH_TYPES.map((type) => (
              <option key={type} value={type}>
                {TOUCH_TYPE_LABELS[type]}
              </option>
            ))}
          </select>
        </div>
        <div class="pl-field">
          <label class="pl-label" for={`${idPrefix}-date`}>
            Touch date
          </label>
          <input
            id={`${idPrefix}-date`}
            class="pl-input"
            type="date"
            required
            value={draft.date}
            onInput={(e) => set({ date: e.currentTarget.value })}
          />
        </div>
      </div>
      {withNote && (
        <div class="pl-field">
          <label class="pl-label" for={`${idPrefix}-note`}>
            Note
          </label>
          <textarea
            id={`${idPrefix}-note`}
            class="pl-input pl-textarea"
            rows={2}
            value={draft.note}
            onInput={(e) => set({ note: e.currentTarget.value })}
          />
        </div>
      )}
      <div class="pl-field">
        <label class="pl-label" for={`${idPrefix}-link`}>
          Link (optional)
        </label>
        <input
          id={`${idPrefix}-link`}
          class="pl-input"
          type="url"
          inputMode="url"
          placeholder="https://"
          value={draft.link}
          onInput={(e) => set({ link: e.currentTarget.value })}
        />
      </div>
    </>
  );
}
