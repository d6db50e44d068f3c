import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { formatCalendarDate } from '../../lib/attribution/format';
import { SUMMARY_PREVIEW_ITEMS } from '../../lib/attribution/summary';
import { formatCents, opportunityUrl } from './summary-view';
import type { DealLine, ReviewItem, ReviewReason, StaleDeal } from '../../lib/attribution/summary-types';

/** How many items a list shows before "Show all": as many as a summary preview holds. */
export const LIST_PREVIEW = SUMMARY_PREVIEW_ITEMS;

/** An opportunity's name as a link to it in Salesforce (a new tab), or as text when the org is not known. */
function DealName({ id, name, lightningOrigin }: { id: string; name: string; lightningOrigin?: string }) {
  if (!lightningOrigin) return <span class="pl-deal-name">{name}</span>;
  return (
    <a class="pl-deal-name pl-link" href={opportunityUrl(lightningOrigin, id)} target="_blank" rel="noreferrer">
      {name}
      <span class="pl-visually-hidden"> (opens Salesforce in a new tab)</span>
    </a>
  );
}

function ListSection<T>({
  id,
  title,
  items,
  total,
  loadAll,
  empty,
  showCount,
  render,
}: {
  id: string;
  title: string;
  /** The first items, or all of them. */
  items: readonly T[];
  /** How many there are in all. */
  total: number;
  /** Brings every item when `items` holds only the first ones. */
  loadAll?: () => Promise<readonly T[]>;
  empty: string;
  showCount: boolean;
  render: (item: T) => ComponentChildren;
}) {
  const [all, setAll] = useState(false);
  const [loaded, setLoaded] = useState<readonly T[]>();
  const [loading, setLoading] = useState(false);
  const [failure, setFailure] = useState<string>();
  const list = loaded ?? items;
  const shown = all ? list : list.slice(0, LIST_PREVIEW);

  const toggle = async () => {
    if (all || list.length >= total || !loadAll) {
      setAll(!all);
      return;
    }
    setLoading(true);
    setFailure(undefined);
    try {
      setLoaded(await loadAll());
      setAll(true);
    } catch (error) {
      setFailure(error instanceof Error ? error.message : 'The list could not be loaded.');
    } finally {
      setLoading(false);
    }
  };

  return (
    <section class="pl-summary-section" aria-labelledby={id}>
      <div class="pl-list-heading">
        <h2 id={id} class="pl-section-heading">
          {title}
        </h2>
        {showCount && (
          <span class={`pl-badge${total ? ' pl-badge-attention' : ''}`}>
            {total}
            <span class="pl-visually-hidden"> {total === 1 ? 'deal' : 'deals'}</span>
          </span>
        )}
      </div>
      {total === 0 ? (
        <p class="pl-empty-line">{empty}</p>
      ) : (
        <>
          <ul class="pl-deal-list">{shown.map(render)}</ul>
          {total > LIST_PREVIEW && (
            <button
              type="button"
              class="pl-link pl-show-all"
              aria-expanded={all}
              aria-busy={loading ? 'true' : undefined}
              disabled={loading}
              onClick={() => void toggle()}
            >
              {loading ? `Loading all ${total}…` : all ? 'Show fewer' : `Show all ${total}`}
            </button>
          )}
          {failure && (
            <p role="alert" class="pl-alert">
              {failure}
            </p>
          )}
        </>
      )}
    </section>
  );
}

const KIND_WORDS = { sourced: 'Sourced', influenced: 'Influenced' } as const;

export function TopDeals({
  deals,
  lightningOrigin,
  locale,
}: {
  deals: readonly DealLine[];
  lightningOrigin?: string;
  locale?: string;
}) {
  return (
    <ListSection
      id="pl-top-deals-title"
      title="Top deals"
      items={deals}
      total={deals.length}
      showCount={false}
      empty="No partner deal was created this week."
      render={(deal) => (
        <li key={deal.opportunityId} class="pl-deal">
          <div class="pl-deal-main">
            <DealName id={deal.opportunityId} name={deal.name} lightningOrigin={lightningOrigin} />
            <span class="pl-deal-amount">
              {deal.amountCents === null ? 'No amount' : formatCents(deal.amountCents, deal.currency, locale)}
            </span>
          </div>
          <p class="pl-deal-meta">
            {deal.kinds.map((kind) => (
              <span key={kind} class={`pl-badge pl-badge-${kind}`}>
                {KIND_WORDS[kind]}
              </span>
            ))}
            {deal.disputed && <span class="pl-badge pl-badge-disputed">Disputed</span>} {deal.partnerNames.join(', ')}
            {deal.stage && <> · {deal.stage}</>}
          </p>
        </li>
      )}
    />
  );
}

export function StaleDeals({
  deals,
  total,
  loadAll,
  staleDays,
  lightningOrigin,
  locale,
}: {
  deals: readonly StaleDeal[];
  total: number;
  loadAll?: () => Promise<readonly StaleDeal[]>;
  staleDays: number;
  lightningOrigin?: string;
  locale?: string;
}) {
  return (
    <ListSection
      id="pl-stale-title"
      title="Stale deals"
      items={deals}
      total={total}
      loadAll={loadAll}
      showCount
      empty={`None: every open partner deal has a touch in the last ${staleDays} days.`}
      render={(deal) => (
        <li key={deal.opportunityId} class="pl-deal">
          <div class="pl-deal-main">
            <DealName id={deal.opportunityId} name={deal.name} lightningOrigin={lightningOrigin} />
          </div>
          <p class="pl-deal-meta">
            {deal.lastTouch
              ? `No touch in ${deal.daysSinceTouch} days (last ${formatCalendarDate(deal.lastTouch, locale)})`
              : 'No touch recorded'}
            {deal.partnerNames.length > 0 && <> · {deal.partnerNames.join(', ')}</>}
          </p>
        </li>
      )}
    />
  );
}

export const REVIEW_REASON_LABELS: Record<ReviewReason, string> = {
  created_unknown: 'No created date',
  disputed: 'Disputed',
  no_evidence: 'No evidence',
  window_override: 'Window override',
  amount_unknown: 'No amount',
  currency_unknown: 'No currency',
};

export function NeedsReview({
  items,
  total,
  loadAll,
  lightningOrigin,
}: {
  items: readonly ReviewItem[];
  total: number;
  loadAll?: () => Promise<readonly ReviewItem[]>;
  lightningOrigin?: string;
}) {
  return (
    <ListSection
      id="pl-review-title"
      title="Needs review"
      items={items}
      total={total}
      loadAll={loadAll}
      showCount
      empty={
        'Nothing to review: every partner deal’s created date, amount and currency are known, there are no ' +
        'disputes, every influence has evidence and no claim overrides the window.'
      }
      render={(item) => (
        <li key={`${item.opportunityId}-${item.reason}`} class="pl-deal">
          <div class="pl-deal-main">
            <DealName id={item.opportunityId} name={item.name} lightningOrigin={lightningOrigin} />
            <span class={`pl-badge pl-badge-${item.reason.replace('_', '-')}`}>
              {REVIEW_REASON_LABELS[item.reason]}
            </span>
          </div>
          <p class="pl-deal-meta">{item.detail}</p>
        </li>
      )}
    />
  );
}
