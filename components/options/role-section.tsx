import { useEffect, useState } from 'preact/hooks';
import { SubmitRow } from './submit-row';
import { TEAM_RULE_NOTE_IDS, TeamRuleNote } from './team-rule-note';
import type { WarmthRules } from '../../lib/attribution/warmth';
import type { Role, UiSettings } from '../../lib/messaging/protocol';

type Switch = 'showPanel' | 'panelCollapsed' | 'recordBadge' | 'listBadges' | 'boardBadges';

export interface RoleSectionProps {
  settings?: UiSettings;
  /** Each resolves to an error message for the user, or undefined when it was saved. */
  onChooseRole: (role: Role) => Promise<string | undefined>;
  onChange: (patch: Partial<Pick<UiSettings, Switch>>) => Promise<string | undefined>;
  onSaveWarmth: (rules: WarmthRules) => Promise<string | undefined>;
  loadError?: string;
  /** The team rules' thresholds while they apply: the local ones are then shown disabled. */
  teamWarmth?: WarmthRules;
}

const ROLES: { role: Role; label: string; effect: string }[] = [
  {
    role: 'partner_manager',
    label: 'I mainly tag deals (partner manager)',
    effect: 'The attribution panel opens expanded; warmth badges show on opportunity pages only.',
  },
  {
    role: 'account_executive',
    label: 'I mainly sell (AE)',
    effect: 'The attribution panel starts collapsed; warmth badges show everywhere you see opportunities.',
  },
];

const SWITCHES: { key: Switch; label: string }[] = [
  { key: 'showPanel', label: 'Attribution panel on opportunity pages' },
  { key: 'panelCollapsed', label: 'Start the panel collapsed' },
  { key: 'recordBadge', label: 'Warmth badge on opportunity pages' },
  { key: 'listBadges', label: 'Warmth badges in list views and related lists' },
  { key: 'boardBadges', label: 'Warmth badges on the pipeline board' },
];

/**
 * What Partner Ledger shows on Salesforce pages: a role sets sensible defaults, each feature can then be
 * switched on or off, and the warmth thresholds say when a badge reads Hot, Warm or Cool.
 */
export function RoleSection({
  settings,
  onChooseRole,
  onChange,
  onSaveWarmth,
  loadError,
  teamWarmth,
}: RoleSectionProps) {
  const [status, setStatus] = useState<string>();
  const [error, setError] = useState<string>();
  const [warmth, setWarmth] = useState<WarmthRules | undefined>(settings?.warmth);
  const [warmthError, setWarmthError] = useState<string>();
  const [warmthStatus, setWarmthStatus] = useState<string>();
  // Switches show the user's click at once; the saved settings replace them when they come back.
  const [shown, setShown] = useState<UiSettings | undefined>(settings);
  useEffect(() => setWarmth(settings?.warmth), [settings?.warmth]);
  useEffect(() => setShown(settings), [settings]);

  async function run(action: Promise<string | undefined>, done: string) {
    setStatus(undefined);
    const problem = await action;
    setError(problem);
    setStatus(problem ? undefined : done);
    if (problem) setShown(settings);
  }

  function toggle(key: Switch, on: boolean) {
    setShown((current) => current && { ...current, [key]: on });
    void run(onChange({ [key]: on }), 'Saved. Pages you open from now on follow it.');
  }

  function choose(role: Role) {
    setShown((current) => current && { ...current, role });
    void run(
      onChooseRole(role),
      `Set up for ${role === 'account_executive' ? 'account executives' : 'partner managers'}.`,
    );
  }

  async function saveWarmth(event: Event) {
    event.preventDefault();
    if (!warmth) return;
    setWarmthStatus(undefined);
    const problem = await onSaveWarmth(warmth);
    setWarmthError(problem);
    setWarmthStatus(problem ? undefined : 'Warmth thresholds saved.');
  }

  return (
    <section class="pl-card" aria-labelledby="pl-role-title">
      <h2 id="pl-role-title">Role and badges</h2>
      {loadError && (
        <p role="alert" class="pl-alert">
          {loadError}
        </p>
      )}
      {!shown ? (
        !loadError && <p class="pl-muted">Loading…</p>
      ) : (
        <>
          <fieldset class="pl-fieldset">
            <legend>What do you mainly do?</legend>
            {ROLES.map(({ role, label, effect }) => (
              <label key={role} class="pl-choice">
                <input
                  type="radio"
                  name="pl-role"
                  value={role}
                  checked={shown.role === role}
                  onChange={() => choose(role)}
                />
                <span>
                  {label}
                  <span class="pl-muted"> — {effect}</span>
                </span>
              </label>
            ))}
          </fieldset>
          <fieldset class="pl-fieldset">
            <legend>Show on Salesforce pages</legend>
            {SWITCHES.map(({ key, label }) => (
              <label key={key} class="pl-choice">
                <input
                  type="checkbox"
                  checked={shown[key]}
                  disabled={key === 'panelCollapsed' && !shown.showPanel}
                  onChange={(event) => toggle(key, event.currentTarget.checked)}
                />
                <span>{label}</span>
              </label>
            ))}
          </fieldset>
          {error && (
            <p role="alert" class="pl-alert">
              {error}
            </p>
          )}
          <p role="status" class="pl-status-text">
            {status}
          </p>
          {warmth && (
            <form class="pl-rules-form" aria-label="Warmth thresholds" onSubmit={saveWarmth} noValidate>
              <div class="pl-inline-fields">
                <label class="pl-weight">
                  <span>Hot: a partner touch within (days)</span>
                  <input
                    type="number"
                    min={0}
                    max={365}
                    value={(teamWarmth ?? warmth).hotTouchDays}
                    disabled={teamWarmth !== undefined}
                    aria-describedby={teamWarmth ? TEAM_RULE_NOTE_IDS.warmth : undefined}
                    onInput={(e) => setWarmth({ ...warmth, hotTouchDays: Number(e.currentTarget.value) })}
                  />
                </label>
                <label class="pl-weight">
                  <span>Warm: an influencer’s touch within (days)</span>
                  <input
                    type="number"
                    min={0}
                    max={730}
                    value={(teamWarmth ?? warmth).warmTouchDays}
                    disabled={teamWarmth !== undefined}
                    aria-describedby={teamWarmth ? TEAM_RULE_NOTE_IDS.warmth : undefined}
                    onInput={(e) => setWarmth({ ...warmth, warmTouchDays: Number(e.currentTarget.value) })}
                  />
                </label>
              </div>
              <p class="pl-muted">
                A partner-sourced opportunity is always Hot. Older partner involvement, or none with a date, is Cool.
                Opportunities without partners get no badge.
              </p>
              {teamWarmth && (
                <TeamRuleNote
                  id={TEAM_RULE_NOTE_IDS.warmth}
                  value={`Hot within ${teamWarmth.hotTouchDays} days, Warm within ${teamWarmth.warmTouchDays} days`}
                />
              )}
              <SubmitRow
                label="Save thresholds"
                error={warmthError}
                status={warmthStatus}
                disabled={teamWarmth !== undefined}
              />
            </form>
          )}
        </>
      )}
    </section>
  );
}
