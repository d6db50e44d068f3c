import { useState } from 'preact/hooks';
import { formatAmount, formatCalendarDate, formatShare } from '../../lib/attribution/format';
import { KIND_LABELS, TOUCH_TYPE_LABELS, type AttributionView } from '../../lib/attribution/model';
import type { TouchDraft } from './touch-fields';
import { TouchForm } from './touch-form';

interface Props {
  attributions: AttributionView[];
  /** Credit share of each attribution (0..1) under the team's rules. */
  credit: Record<string, number>;
  /** The opportunity's amount from the org, to show what each share is worth. */
  amount?: number | null;
  currency?: string | null;
  disputed: boolean;
  today: string;
  /** Removing after the lock needs a reason. */
  locked: boolean;
  busyId?: string;
  onRemove: (attribution: AttributionView, reason: string) => void;
  onAddTouch: (attribution: AttributionView, draft: TouchDraft) => Promise<boolean>;
  touchError?: string;
}

/** The attributions recorded for one opportunity, each with its evidence. Everything user-typed renders as text. */
export function AttributionList(props: Props) {
  const { attributions } = props;
  if (attributions.length === 0) {
    return <p class="pl-empty">No partner attribution yet</p>;
  }
  return (
    <ul class="pl-list" aria-label="Attributions">
      {attributions.map((a) => (
        <AttributionItem key={a.id} attribution={a} {...props} />
      ))}
    </ul>
  );
}

function AttributionItem({
  attribution: a,
  credit,
  amount,
  currency,
  disputed,
  today,
  locked,
  busyId,
  onRemove,
  onAddTouch,
  touchError,
}: Props & { attribution: AttributionView }) {
  const [addingTouch, setAddingTouch] = useState(false);
  const [confirmingRemove, setConfirmingRemove] = useState(false);
  const [reason, setReason] = useState('');
  const share = credit[a.id] ?? 0;
  const worth = typeof amount === 'number' && share > 0 ? ` (${formatAmount(amount * share, currency ?? null)})` : '';
  const creditText =
    a.kind === 'sourced' && disputed
      ? 'No sourced credit while disputed'
      : `${a.kind === 'sourced' ? 'Sourced' : 'Influence'} credit ${formatShare(share)}${worth}`;
  const reasonId = `pl-remove-reason-${a.id}`;

  return (
    <li class="pl-item">
      <div class="pl-item-main">
        <span class="pl-partner">{a.partnerName}</span>
        <span class={`pl-kind pl-kind-${a.kind}`}>{KIND_LABELS[a.kind]}</span>
        <span class="pl-credit">{creditText}</span>
      </div>
      {a.note && <p class="pl-note">{a.note}</p>}
      {a.windowOverrideReason && <p class="pl-meta">Outside the window, because: {a.windowOverrideReason}</p>}
      {a.carriedFrom && <p class="pl-meta pl-carried">{a.carriedFrom}</p>}
      {a.notCarried && <p class="pl-meta pl-warning-text">{a.notCarried}</p>}
      {a.touches.length > 0 ? (
        <ol class="pl-timeline" aria-label={`Touches of ${a.partnerName}`}>
          {a.touches.map((t) => (
            <li key={t.id} class="pl-touch">
              <time dateTime={t.date}>{formatCalendarDate(t.date)}</time> · {TOUCH_TYPE_LABELS[t.type]}
              {t.note && <span class="pl-touch-note"> — {t.note}</span>}
              {t.link && (
                <>
                  {' '}
                  <a class="pl-link" href={t.link} target="_blank" rel="noopener noreferrer">
                    evidence
                  </a>
                </>
              )}
            </li>
          ))}
        </ol>
      ) : (
        <p class="pl-meta pl-warning-text">No evidence yet: add a touch.</p>
      )}
      <p class="pl-meta">
        {a.createdBy} · <time dateTime={a.createdAt}>{formatCalendarDate(a.createdAt.slice(0, 10))}</time>
      </p>
      <div class="pl-item-actions">
        <button
          type="button"
          class="pl-button pl-button-text"
          aria-label={`Add touch for ${a.partnerName}`}
          aria-expanded={addingTouch}
          onClick={() => setAddingTouch((open) => !open)}
        >
          Add touch
        </button>
        <button
          type="button"
          class="pl-button pl-button-text pl-remove"
          aria-label={`Remove ${a.partnerName}`}
          disabled={busyId === a.id}
          onClick={() => (locked ? setConfirmingRemove(true) : onRemove(a, ''))}
        >
          Remove
        </button>
      </div>
      {confirmingRemove && (
        <div class="pl-confirm">
          <label class="pl-label" for={reasonId}>
            Reason for removing {a.partnerName}
          </label>
          <textarea
            id={reasonId}
            class="pl-input pl-textarea"
            rows={2}
            value={reason}
            onInput={(e) => setReason(e.currentTarget.value)}
          />
          <div class="pl-actions">
            <button type="button" class="pl-button pl-button-destructive" onClick={() => onRemove(a, reason)}>
              Confirm removal
            </button>
            <button type="button" class="pl-button" onClick={() => setConfirmingRemove(false)}>
              Cancel
            </button>
          </div>
        </div>
      )}
      {addingTouch && (
        <TouchForm
          partnerName={a.partnerName}
          today={today}
          idPrefix={`pl-touch-${a.id}`}
          error={touchError}
          onCancel={() => setAddingTouch(false)}
          onSave={async (draft) => {
            const saved = await onAddTouch(a, draft);
            if (saved) setAddingTouch(false);
            return saved;
          }}
        />
      )}
    </li>
  );
}
