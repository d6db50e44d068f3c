import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { RoleSection, type RoleSectionProps } from '../../../../components/options/role-section';
import { DEFAULT_UI } from '../../../../lib/store/settings';

function renderSection(props: Partial<RoleSectionProps> = {}) {
  const all: RoleSectionProps = {
    settings: DEFAULT_UI,
    onChooseRole: vi.fn(async () => undefined),
    onChange: vi.fn(async () => undefined),
    onSaveWarmth: vi.fn(async () => undefined),
    ...props,
  };
  render(<RoleSection {...all} />);
  return all;
}

describe('Role and badges', () => {
  it('offers the two roles and applies the one chosen', async () => {
    const props = renderSection();
    expect(screen.getByRole('region', { name: 'Role and badges' })).toBeTruthy();
    fireEvent.click(screen.getByRole('radio', { name: /I mainly sell \(AE\)/ }));
    expect(props.onChooseRole).toHaveBeenCalledWith('account_executive');
    await waitFor(() =>
      expect(screen.getAllByRole('status').map((s) => s.textContent)).toContain('Set up for account executives.'),
    );
  });

  it('switches one feature at a time, and greys out the collapsed start when the panel is off', async () => {
    const props = renderSection({ settings: { ...DEFAULT_UI, showPanel: false } });
    expect((screen.getByRole('checkbox', { name: 'Start the panel collapsed' }) as HTMLInputElement).disabled).toBe(
      true,
    );
    fireEvent.click(screen.getByRole('checkbox', { name: 'Warmth badges on the pipeline board' }));
    expect(props.onChange).toHaveBeenCalledWith({ boardBadges: false });
  });

  it('shows why the thresholds were refused, and saves good ones', async () => {
    const onSaveWarmth = vi.fn(async (rules: { hotTouchDays: number; warmTouchDays: number }) =>
      rules.warmTouchDays < rules.hotTouchDays ? 'Warm must reach at least as far back as Hot.' : undefined,
    );
    renderSection({ onSaveWarmth });
    fireEvent.input(screen.getByLabelText('Hot: a partner touch within (days)'), { target: { value: '60' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save thresholds' }));
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe('Warm must reach at least as far back as Hot.'),
    );
    fireEvent.input(screen.getByLabelText('Warm: an influencer’s touch within (days)'), { target: { value: '90' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save thresholds' }));
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    expect(onSaveWarmth).toHaveBeenLastCalledWith({ hotTouchDays: 60, warmTouchDays: 90 });
  });
});

describe('warmth thresholds under team rules', () => {
  it('shows the team’s thresholds, disabled, with a note tied to each field', () => {
    renderSection({ teamWarmth: { hotTouchDays: 7, warmTouchDays: 45 } });
    const hot = screen.getByRole('spinbutton', { name: /Hot/ }) as HTMLInputElement;
    const warm = screen.getByRole('spinbutton', { name: /Warm/ }) as HTMLInputElement;
    expect([hot.value, warm.value]).toEqual(['7', '45']);
    expect(hot.disabled && warm.disabled).toBe(true);
    const note = document.getElementById(hot.getAttribute('aria-describedby')!)!;
    expect(note.textContent).toContain('Set by the team rules: Hot within 7 days, Warm within 45 days');
    expect(warm.getAttribute('aria-describedby')).toBe(note.id);
    expect((screen.getByRole('button', { name: 'Save thresholds' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('works as before without team rules', () => {
    renderSection();
    const hot = screen.getByRole('spinbutton', { name: /Hot/ }) as HTMLInputElement;
    expect(hot.disabled).toBe(false);
    expect(hot.getAttribute('aria-describedby')).toBeNull();
    expect(screen.queryByText(/Set by the team rules/)).toBeNull();
  });
});
