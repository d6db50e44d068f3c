import { useState } from 'preact/hooks';
import { formatCalendarDate } from '../../lib/attribution/format';
import { TOUCH_TYPE_LABELS, type AttributionView } from '../../lib/attribution/model';

interface Props {
  claims: AttributionView[];
  locked: boolean;
  onKeep: (claim: AttributionView, reason: string) => void;
}

/**
 * Two or more partner-sourced claims: both are kept, side by side with their evidence, until someone keeps
 * one. Nothing is overwritten silently and no claim counts until then.
 */
export function DisputeBanner({ claims, locked, onKeep }: Props) {
  const [reason, setReason] = useState('');
  return (
    <section class="pl-dispute" aria-labelledby="pl-dispute-title">
      <p id="pl-dispute-title" class="pl-dispute-title">
        <span class="pl-dispute-badge">Disputed</span> {claims.length} partners claim to have sourced this opportunity.
      </p>
      <p class="pl-meta">No sourced credit counts until one claim is kept. Compare the evidence:</p>
      <ul class="pl-claims">
        {claims.map((claim) => (
          <li key={claim.id} class="pl-claim">
            <strong>{claim.partnerName}</strong>
            <span class="pl-meta">
              {' '}
              claimed by {claim.createdBy} on {formatCalendarDate(claim.createdAt.slice(0, 10))}
            </span>
            <ul class="pl-claim-evidence">
              {claim.touches.map((t) => (
                <li key={t.id}>
                  {formatCalendarDate(t.date)} · {TOUCH_TYPE_LABELS[t.type]}
                  {t.note ? ` — ${t.note}` : ''}
                </li>
              ))}
              {claim.touches.length === 0 && <li>No evidence recorded</li>}
            </ul>
            {claim.note && <p class="pl-note">{claim.note}</p>}
          </li>
        ))}
      </ul>
      {locked && (
        <div class="pl-field">
          <label class="pl-label" for="pl-dispute-reason">
            Reason for the decision
          </label>
          <textarea
            id="pl-dispute-reason"
            class="pl-input pl-textarea"
            rows={2}
            value={reason}
            onInput={(e) => setReason(e.currentTarget.value)}
          />
        </div>
      )}
      <div class="pl-actions">
        {claims.map((claim) => (
          <button key={claim.id} type="button" class="pl-button" onClick={() => onKeep(claim, reason)}>
            Keep {claim.partnerName}
          </button>
        ))}
      </div>
    </section>
  );
}
