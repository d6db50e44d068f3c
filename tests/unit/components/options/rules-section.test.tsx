import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { RulesSection } from '../../../../components/options/rules-section';
import { DEFAULT_RULES } from '../../../../lib/attribution/model';
import { DEFAULT_TEAM_RULES } from '../../../../lib/attribution/rules-team';
import type { TeamRulesView } from '../../../../lib/messaging/protocol';

const LOCAL: TeamRulesView = { source: 'local', rules: DEFAULT_TEAM_RULES, canChange: true, log: [], version: '' };

const TEAM: TeamRulesView = {
  source: 'team',
  orgKey: 'acme',
  orgName: 'Acme Cloud (demo)',
  rules: { ...DEFAULT_TEAM_RULES, attribution: { ...DEFAULT_RULES, influenceModel: 'last_touch' } },
  changedBy: 'Jordan Kim',
  changedAt: '2026-11-20T12:00:00.000+0000',
  canChange: true,
  version: '2026-11-20T12:00:00.000+0000|2026-11-20T12:00:00.000Z',
  log: [
    {
      by: 'Jordan Kim',
      at: '2026-11-20T12:00:00.000Z',
      changes: [{ rule: 'Influence credit model', before: 'Even split', after: 'Last touch' }],
    },
  ],
};

describe('RulesSection', () => {
  it('is headed Attribution rules, says "This browser only" and saves the chosen model and days', async () => {
    const onSave = vi.fn(async () => undefined);
    render(<RulesSection view={LOCAL} onSave={onSave} locale="en-US" />);
    const region = screen.getByRole('region', { name: 'Attribution rules' });
    expect(within(region).getByText('This browser only')).toBeTruthy();
    expect(within(region).getByRole('radio', { name: /Even split/ })).toHaveProperty('checked', true);
    fireEvent.click(within(region).getByRole('radio', { name: /Position-based/ }));
    fireEvent.input(within(region).getByLabelText('Lock attribution after (days)'), { target: { value: '30' } });
    fireEvent.click(within(region).getByRole('button', { name: 'Save rules' }));
    await waitFor(() =>
      expect(onSave).toHaveBeenCalledWith(
        {
          ...DEFAULT_TEAM_RULES,
          attribution: { ...DEFAULT_RULES, influenceModel: 'position_based', lockAfterDays: 30 },
        },
        '',
      ),
    );
    expect((await screen.findByRole('status')).textContent).toBe('Attribution rules saved.');
    // The team's other rules are set with the team's rules, not here.
    expect(within(region).queryByLabelText('Hot within (days)')).toBeNull();
  });

  it('says whose team rules apply, who changed them and when, lists the changes, and saves against them', async () => {
    const onSave = vi.fn(async () => undefined);
    render(<RulesSection view={TEAM} onSave={onSave} locale="en-US" />);
    const region = screen.getByRole('region', { name: 'Attribution rules' });
    expect(
      within(region).getByText('Team rules of Acme Cloud (demo), changed by Jordan Kim on November 20, 2026'),
    ).toBeTruthy();
    const changes = within(region).getByRole('list', { name: 'Recent changes' });
    expect(changes.textContent).toBe('Jordan Kim, November 20, 2026: Influence credit model: Even split → Last touch');
    fireEvent.input(within(region).getByLabelText('Hot within (days)'), { target: { value: '7' } });
    fireEvent.change(within(region).getByLabelText('First day of the week'), { target: { value: '0' } });
    fireEvent.click(within(region).getByRole('button', { name: 'Save rules' }));
    await waitFor(() =>
      expect(onSave).toHaveBeenCalledWith(
        { ...TEAM.rules, warmth: { ...TEAM.rules.warmth, hotTouchDays: 7 }, firstDayOfWeek: 0 },
        TEAM.version,
      ),
    );
  });

  it('disables every control for users who may not change the team rules, and says why', () => {
    const reason = 'Only Salesforce admins, or users with the Partner Ledger Admin permission set, can change them.';
    render(<RulesSection view={{ ...TEAM, canChange: false, reason }} onSave={vi.fn(async () => undefined)} />);
    expect(screen.getByText(reason)).toBeTruthy();
    expect(screen.getByRole('radio', { name: /Last touch/ })).toHaveProperty('disabled', true);
    expect(screen.getByLabelText('Attribution window (days after creation)')).toHaveProperty('disabled', true);
    expect(screen.queryByRole('button', { name: 'Save rules' })).toBeNull();
  });

  it('shows what was wrong with the org’s record as an alert, with the last good rules', () => {
    const problem = 'The team rules in Salesforce could not be used (x). The last good rules stay.';
    render(<RulesSection view={{ ...TEAM, problem }} onSave={vi.fn(async () => undefined)} />);
    expect(screen.getByRole('alert').textContent).toBe(problem);
    expect(screen.getByRole('radio', { name: /Last touch/ })).toHaveProperty('checked', true);
  });

  it('shows the touch weights only for the custom model', () => {
    render(<RulesSection view={LOCAL} onSave={vi.fn(async () => undefined)} />);
    expect(screen.queryByLabelText('Joint call')).toBeNull();
    fireEvent.click(screen.getByRole('radio', { name: /Custom weights/ }));
    expect((screen.getByLabelText('Joint call') as HTMLInputElement).value).toBe('2');
  });

  it('shows a refused save as an alert', async () => {
    render(<RulesSection view={LOCAL} onSave={vi.fn(async () => 'Use at most 365 days.')} />);
    fireEvent.click(screen.getByRole('button', { name: 'Save rules' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Use at most 365 days.');
  });

  it('keeps an unsaved edit when the same rules are read again, and saves it against the version it started from', async () => {
    const onSave = vi.fn(async () => undefined);
    const { rerender } = render(<RulesSection view={TEAM} onSave={onSave} />);
    fireEvent.click(screen.getByRole('radio', { name: /Position-based/ }));
    // A sync reads the same rules again: a new object, the same version.
    rerender(<RulesSection view={{ ...TEAM, rules: { ...TEAM.rules } }} onSave={onSave} />);
    expect(screen.getByRole('radio', { name: /Position-based/ })).toHaveProperty('checked', true);
    fireEvent.click(screen.getByRole('button', { name: 'Save rules' }));
    await waitFor(() =>
      expect(onSave).toHaveBeenCalledWith(
        { ...TEAM.rules, attribution: { ...TEAM.rules.attribution, influenceModel: 'position_based' } },
        TEAM.version,
      ),
    );
  });

  it('keeps the edit across a teammate’s change until the save is refused, then shows the teammate’s rules', async () => {
    const conflict = 'A teammate changed the team rules in Salesforce since this page read them.';
    const onSave = vi.fn(async () => conflict);
    const theirs: TeamRulesView = {
      ...TEAM,
      rules: { ...TEAM.rules, attribution: { ...TEAM.rules.attribution, influenceModel: 'first_touch' } },
      version: '2026-11-21T09:00:00.000+0000|2026-11-21T09:00:00.000Z',
    };
    const { rerender } = render(<RulesSection view={TEAM} onSave={onSave} />);
    fireEvent.click(screen.getByRole('radio', { name: /Even split/ }));
    rerender(<RulesSection view={theirs} onSave={onSave} />);
    // Not saved yet: the user's edit stays on screen.
    expect(screen.getByRole('radio', { name: /Even split/ })).toHaveProperty('checked', true);
    fireEvent.click(screen.getByRole('button', { name: 'Save rules' }));
    expect((await screen.findByRole('alert')).textContent).toBe(conflict);
    // Saved against the version the edit started from, not the teammate's.
    expect(onSave).toHaveBeenCalledWith(expect.anything(), TEAM.version);
    await waitFor(() => expect(screen.getByRole('radio', { name: /First touch/ })).toHaveProperty('checked', true));
  });

  it('keeps the edit after a refused save when the rules did not change meanwhile', async () => {
    const onSave = vi.fn(async () => 'Salesforce did not save the team rules: the org is read-only.');
    render(<RulesSection view={TEAM} onSave={onSave} />);
    fireEvent.click(screen.getByRole('radio', { name: /Even split/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Save rules' }));
    await screen.findByRole('alert');
    expect(screen.getByRole('radio', { name: /Even split/ })).toHaveProperty('checked', true);
  });
});
