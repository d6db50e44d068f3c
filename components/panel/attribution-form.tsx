import { useState } from 'preact/hooks';
import { formatCalendarDate } from '../../lib/attribution/format';
import {
  ATTRIBUTION_KINDS,
  KIND_LABELS,
  LIMITS,
  type AttributionKind,
  type AttributionRules,
} from '../../lib/attribution/model';
import { checkSourcedWindow } from '../../lib/attribution/window';
import type { PartnerOption } from '../../lib/messaging/protocol';
import { PartnerCombobox } from './partner-combobox';
import { TouchFields, type TouchDraft } from './touch-fields';

export interface AttributionDraft {
  partnerName: string;
  kind: AttributionKind;
  note: string;
  touch: TouchDraft;
  reason: string;
}

export interface FormError {
  message: string;
  /** A refused second sourced claim can be recorded on purpose as a competing claim (a dispute). */
  canCompete?: boolean;
  /**
   * Refused for want of a reason: the background knew the opportunity is locked (or the claim outside the window)
   * before this page did, say while the org's created date was on its way. The Reason field shows at once.
   */
  needsReason?: boolean;
}

interface Props {
  partners: PartnerOption[];
  rules: AttributionRules;
  today: string;
  createdDate?: string;
  /** The date attribution locked on this opportunity, if it has. */
  lockedOn?: string;
  /** Resolves true when saved (the form then clears), false when refused (the form keeps what was typed). */
  onSave: (draft: AttributionDraft, options: { competingClaim: boolean }) => Promise<boolean>;
  error?: FormError;
  idPrefix: string;
}

const DEFAULT_TOUCH_TYPE = { sourced: 'intro_referral', influenced: 'joint_call' } as const;

/**
 * The form that adds one partner attribution with its first piece of evidence. A reason is asked for
 * when the rules call for one: after the lock, or for a sourced claim whose evidence is outside the window, and
 * whenever a save was refused for want of one.
 */
export function AttributionForm({ partners, rules, today, createdDate, lockedOn, onSave, error, idPrefix }: Props) {
  const initialKind: AttributionKind = 'influenced';
  const [partnerName, setPartnerName] = useState('');
  const [kind, setKind] = useState<AttributionKind>(initialKind);
  const [note, setNote] = useState('');
  const [reason, setReason] = useState('');
  const [touch, setTouch] = useState<TouchDraft>(defaultTouch(initialKind, today, createdDate));
  const [touchEdited, setTouchEdited] = useState(false);
  const [saving, setSaving] = useState(false);
  const id = (name: string) => `${idPrefix}-${name}`;

  const window = kind === 'sourced' ? checkSourcedWindow({ createdDate, touchDates: [touch.date] }, rules) : undefined;
  const outsideWindow = window?.status === 'outside';
  const reasonNeeded = Boolean(lockedOn) || outsideWindow || error?.needsReason === true;
  const draft: AttributionDraft = { partnerName, kind, note, touch, reason };

  function chooseKind(next: AttributionKind) {
    setKind(next);
    // Suggest evidence that fits the kind until the user picks their own.
    if (!touchEdited) setTouch(defaultTouch(next, today, createdDate));
  }

  async function save(competingClaim: boolean) {
    if (saving) return;
    setSaving(true);
    const saved = await onSave(draft, { competingClaim });
    setSaving(false);
    if (saved) {
      setPartnerName('');
      setNote('');
      setReason('');
      setTouchEdited(false);
      setTouch(defaultTouch(kind, today, createdDate));
    }
  }

  const noteTooLong = note.length > LIMITS.note;
  return (
    <form
      class="pl-form"
      aria-label="Add partner attribution"
      onSubmit={(event) => {
        event.preventDefault();
        void save(false);
      }}
      noValidate
    >
      <h3 class="pl-section-title">Add partner attribution</h3>
      <div class="pl-field">
        <label class="pl-label" for={id('partner')}>
          Partner
        </label>
        <PartnerCombobox id={id('partner')} partners={partners} value={partnerName} onChange={setPartnerName} />
      </div>
      {/* ARIA in HTML allows radiogroup on fieldset (https://www.w3.org/TR/html-aria/#el-fieldset). */}
      {/* biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: allowed, see above. */}
      <fieldset class="pl-field pl-radios" role="radiogroup" aria-labelledby={id('kind-legend')}>
        <legend id={id('kind-legend')} class="pl-label">
          Attribution
        </legend>
        {ATTRIBUTION_KINDS.map((value) => (
          <label key={value} class="pl-radio">
            <input
              type="radio"
              name={id('kind')}
              value={value}
              checked={kind === value}
              onChange={() => chooseKind(value)}
            />
            <span>{KIND_LABELS[value]}</span>
          </label>
        ))}
      </fieldset>
      <TouchFields
        idPrefix={id('touch')}
        draft={touch}
        withNote={false}
        onChange={(next) => {
          setTouch(next);
          setTouchEdited(true);
        }}
      />
      <div class="pl-field">
        <label class="pl-label" for={id('note')}>
          Note
        </label>
        <textarea
          id={id('note')}
          class="pl-input pl-textarea"
          rows={3}
          value={note}
          aria-describedby={id('note-hint')}
          aria-invalid={noteTooLong}
          onInput={(e) => setNote(e.currentTarget.value)}
        />
        <p id={id('note-hint')} class={noteTooLong ? 'pl-hint pl-hint-error' : 'pl-hint'}>
          {note.length.toLocaleString()} / {LIMITS.note.toLocaleString()} characters
        </p>
      </div>
      {outsideWindow && window?.status === 'outside' && (
        <p class="pl-warning" id={id('window-warning')}>
          Outside the attribution window: a partner-sourced claim should rest on a touch dated no later than{' '}
          {formatCalendarDate(window.deadline)} ({rules.sourcedWindowDays} days after the opportunity was created).
          Check the touch date, or give a reason to record the claim anyway.
        </p>
      )}
      {reasonNeeded && (
        <div class="pl-field">
          <label class="pl-label" for={id('reason')}>
            Reason
          </label>
          <textarea
            id={id('reason')}
            class="pl-input pl-textarea"
            rows={2}
            value={reason}
            aria-describedby={lockedOn ? id('lock-hint') : id('window-warning')}
            onInput={(e) => setReason(e.currentTarget.value)}
          />
          {lockedOn && (
            <p id={id('lock-hint')} class="pl-hint pl-hint-left">
              Attribution locked on {formatCalendarDate(lockedOn)}: say why this change comes late. It is kept in the
              history.
            </p>
          )}
        </div>
      )}
      {error && (
        <div role="alert" class="pl-alert">
          {error.message}
          {error.canCompete && (
            <button type="button" class="pl-button pl-button-small pl-alert-action" onClick={() => void save(true)}>
              Record a competing claim
            </button>
          )}
        </div>
      )}
      <button type="submit" class="pl-button pl-button-brand" disabled={saving}>
        Save attribution
      </button>
    </form>
  );
}

function defaultTouch(kind: AttributionKind, today: string, createdDate?: string): TouchDraft {
  // A sourcing partner's intro usually predates the opportunity: start from its created date when known.
  const date = kind === 'sourced' && createdDate && createdDate < today ? createdDate : today;
  return { type: DEFAULT_TOUCH_TYPE[kind], date, note: '', link: '' };
}
