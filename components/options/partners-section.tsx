import type { ComponentChildren } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import { PARTNER_TYPES, PARTNER_TYPE_LABELS, type PartnerType } from '../../lib/attribution/model';
import { normalizePartnerName } from '../../lib/attribution/names';
import { checkPartnerInput, type PartnerField, type PartnerInput } from '../../lib/roster/partner-input';
import type { PartnerRow } from '../../lib/messaging/protocol';

export interface PartnersSectionProps {
  /** The roster, in the order to show it (the store lists it alphabetically). */
  partners: PartnerRow[];
  /** Resolves to an error message for the user when the partner was not added. */
  onAdd: (input: PartnerInput) => Promise<string | undefined>;
  /** Resolves to an error message for the user when the change was not saved. */
  onUpdate: (id: string, patch: Partial<PartnerInput>) => Promise<string | undefined>;
  /** Why the roster could not be loaded, if it could not. */
  loadError?: string;
  /** Shown at the end of the section, e.g. the CSV import. */
  children?: ComponentChildren;
  /** Shown above the roster: the merge preview on first connection. */
  notice?: ComponentChildren;
}

interface Draft {
  name: string;
  type: PartnerType | '';
  tier: string;
  accountId: string;
  active: boolean;
}

const EMPTY_DRAFT: Draft = { name: '', type: '', tier: '', accountId: '', active: true };

function draftOf(partner: PartnerRow): Draft {
  return {
    name: partner.name,
    type: partner.type ?? '',
    tier: partner.tier ?? '',
    accountId: partner.accountId ?? '',
    active: partner.active,
  };
}

function inputOf(draft: Draft): PartnerInput {
  return {
    name: draft.name,
    type: draft.type === '' ? null : draft.type,
    tier: draft.tier.trim() === '' ? null : draft.tier,
    accountId: draft.accountId.trim() === '' ? null : draft.accountId,
    active: draft.active,
  };
}

type FieldErrors = Partial<Record<PartnerField, string>>;

/** Rows of the roster table shown at once; larger rosters are searched. */
export const ROSTER_PAGE_SIZE = 100;

const IDS = {
  title: 'pl-partners-title',
  search: 'pl-partner-search',
  shown: 'pl-partner-search-shown',
  form: 'pl-partner-form-title',
  name: 'pl-partner-name',
  type: 'pl-partner-type',
  tier: 'pl-partner-tier',
  accountId: 'pl-partner-account',
  active: 'pl-partner-active',
  error: (field: string) => `pl-partner-${field}-error`,
};

/**
 * The partner roster on the options page: who the team's partners are, their type, tier and Salesforce
 * Account. Partners with attributions are deactivated rather than deleted, so the history stays readable.
 */
export function PartnersSection({ partners, onAdd, onUpdate, loadError, children, notice }: PartnersSectionProps) {
  const [draft, setDraft] = useState<Draft>(EMPTY_DRAFT);
  const [editing, setEditing] = useState<PartnerRow | undefined>();
  const [query, setQuery] = useState('');
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<string | undefined>();
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);

  function change<K extends keyof Draft>(key: K, value: Draft[K]) {
    setDraft((current) => ({ ...current, [key]: value }));
  }

  function startEditing(partner: PartnerRow) {
    setEditing(partner);
    setDraft(draftOf(partner));
    setFieldErrors({});
    setError(undefined);
    setStatus('');
    document.getElementById(IDS.name)?.focus();
  }

  function stopEditing() {
    setEditing(undefined);
    setDraft(EMPTY_DRAFT);
    setFieldErrors({});
    setError(undefined);
  }

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    const input = inputOf(draft);
    const checked = checkPartnerInput(input);
    if (!checked.ok) {
      setFieldErrors(Object.fromEntries(checked.problems.map((p) => [p.field, p.message])));
      setError(checked.problems[0]!.message);
      setStatus('');
      return;
    }
    setBusy(true);
    setFieldErrors({});
    setError(undefined);
    setStatus('');
    const failure = editing ? await onUpdate(editing.id, input) : await onAdd(input);
    setBusy(false);
    if (failure) {
      setError(failure);
      return;
    }
    setStatus(editing ? `Changes to ${checked.value.name} saved.` : `${checked.value.name} added to the roster.`);
    setEditing(undefined);
    setDraft(EMPTY_DRAFT);
  }

  async function setActive(partner: PartnerRow, active: boolean) {
    if (busy) return;
    setBusy(true);
    setError(undefined);
    setStatus('');
    const failure = await onUpdate(partner.id, { active });
    setBusy(false);
    if (failure) setError(failure);
    else if (active) setStatus(`${partner.name} reactivated.`);
    else setStatus(`${partner.name} deactivated: no longer offered for new attributions.`);
  }

  const described = (field: PartnerField) => (fieldErrors[field] ? IDS.error(field) : undefined);
  const fieldError = (field: PartnerField) =>
    fieldErrors[field] && (
      <p id={IDS.error(field)} class="pl-field-error">
        {fieldErrors[field]}
      </p>
    );
  const formTitle = editing ? `Edit ${editing.name}` : 'Add a partner';
  // A roster of thousands is searched, not scrolled: rendering every row would make the page sluggish.
  const matching = useMemo(() => {
    const needle = normalizePartnerName(query);
    return needle ? partners.filter((p) => p.normalizedName.includes(needle)) : partners;
  }, [partners, query]);
  const shown = matching.slice(0, ROSTER_PAGE_SIZE);

  return (
    <section class="pl-card pl-partners" aria-labelledby={IDS.title}>
      <h2 id={IDS.title}>Partners</h2>
      <p class="pl-muted">
        The partners your team attributes opportunities to. A partner that is no longer active keeps its attributions
        but is not offered for new ones.
      </p>
      {notice}

      {loadError && (
        <p role="alert" class="pl-alert">
          {loadError}
        </p>
      )}

      {partners.length > ROSTER_PAGE_SIZE && (
        <div class="pl-field pl-roster-search">
          <label class="pl-label" for={IDS.search}>
            Search partners
          </label>
          <input
            id={IDS.search}
            class="pl-input"
            type="search"
            value={query}
            aria-describedby={IDS.shown}
            onInput={(e) => setQuery(e.currentTarget.value)}
          />
          <p id={IDS.shown} class="pl-muted">
            Showing {shown.length.toLocaleString('en')} of {matching.length.toLocaleString('en')}{' '}
            {query ? 'matching partners' : 'partners'}.
          </p>
        </div>
      )}

      {partners.length === 0 ? (
        !loadError && (
          <p class="pl-empty-state">
            No partners yet. Add your first partner below, or import a roster from a CSV file.
          </p>
        )
      ) : (
        <div class="pl-table-scroll">
          <table class="pl-table" aria-label="Partner roster">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Type</th>
                <th scope="col">Tier</th>
                <th scope="col">Salesforce Account id</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span class="pl-visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.map((partner) => (
                <tr key={partner.id} class={partner.active ? undefined : 'pl-row-inactive'}>
                  <th scope="row" class="pl-cell-name">
                    {partner.name}
                  </th>
                  <td>{partner.type ? PARTNER_TYPE_LABELS[partner.type] : <span class="pl-muted">—</span>}</td>
                  <td>{partner.tier ?? <span class="pl-muted">—</span>}</td>
                  <td class="pl-cell-id">{partner.accountId ?? <span class="pl-muted">—</span>}</td>
                  <td>
                    <span class={partner.active ? 'pl-badge pl-badge-success' : 'pl-badge'}>
                      {partner.active ? 'Active' : 'Inactive'}
                    </span>
                  </td>
                  <td class="pl-cell-actions">
                    <button
                      type="button"
                      class="pl-button pl-button-neutral pl-button-small"
                      aria-label={`Edit ${partner.name}`}
                      disabled={busy}
                      onClick={() => startEditing(partner)}
                    >
                      Edit
                    </button>
                    <button
                      type="button"
                      class="pl-button pl-button-neutral pl-button-small"
                      aria-label={`${partner.active ? 'Deactivate' : 'Reactivate'} ${partner.name}`}
                      disabled={busy}
                      onClick={() => void setActive(partner, !partner.active)}
                    >
                      {partner.active ? 'Deactivate' : 'Reactivate'}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <form class="pl-form pl-partner-form" aria-labelledby={IDS.form} onSubmit={submit} noValidate>
        <h3 id={IDS.form} class="pl-section-heading">
          {formTitle}
        </h3>
        <div class="pl-form-grid">
          <div class="pl-field">
            <label class="pl-label pl-label-required" for={IDS.name}>
              Name
            </label>
            <input
              id={IDS.name}
              class="pl-input"
              type="text"
              autocomplete="off"
              required
              value={draft.name}
              aria-invalid={fieldErrors.name ? true : undefined}
              aria-describedby={described('name')}
              onInput={(e) => change('name', e.currentTarget.value)}
            />
            {fieldError('name')}
          </div>
          <div class="pl-field">
            <label class="pl-label" for={IDS.type}>
              Type
            </label>
            <select
              id={IDS.type}
              class="pl-input pl-select"
              value={draft.type}
              onChange={(e) => change('type', e.currentTarget.value as PartnerType | '')}
            >
              <option value="">None</option>
              {PARTNER_TYPES.map((type) => (
                <option key={type} value={type}>
                  {PARTNER_TYPE_LABELS[type]}
                </option>
              ))}
            </select>
          </div>
          <div class="pl-field">
            <label class="pl-label" for={IDS.tier}>
              Tier
            </label>
            <input
              id={IDS.tier}
              class="pl-input"
              type="text"
              autocomplete="off"
              placeholder="e.g. Gold"
              value={draft.tier}
              aria-invalid={fieldErrors.tier ? true : undefined}
              aria-describedby={described('tier')}
              onInput={(e) => change('tier', e.currentTarget.value)}
            />
            {fieldError('tier')}
          </div>
          <div class="pl-field">
            <label class="pl-label" for={IDS.accountId}>
              Salesforce Account id
            </label>
            <input
              id={IDS.accountId}
              class="pl-input pl-input-mono"
              type="text"
              autocomplete="off"
              spellcheck={false}
              placeholder="001…"
              value={draft.accountId}
              aria-invalid={fieldErrors.account_id ? true : undefined}
              aria-describedby={described('account_id')}
              onInput={(e) => change('accountId', e.currentTarget.value)}
            />
            {fieldError('account_id')}
          </div>
        </div>
        <div class="pl-field">
          <label class="pl-checkbox">
            <input
              id={IDS.active}
              type="checkbox"
              checked={draft.active}
              onChange={(e) => change('active', e.currentTarget.checked)}
            />
            <span>Active</span>
          </label>
        </div>
        {error && (
          <p role="alert" class="pl-alert">
            {error}
          </p>
        )}
        <div class="pl-actions">
          {editing && (
            <button type="button" class="pl-button pl-button-neutral" onClick={stopEditing}>
              Cancel
            </button>
          )}
          <button type="submit" class="pl-button pl-button-brand" disabled={busy}>
            {editing ? 'Save changes' : 'Add partner'}
          </button>
        </div>
      </form>
      <p role="status" class="pl-status">
        {status}
      </p>
      {children}
    </section>
  );
}
