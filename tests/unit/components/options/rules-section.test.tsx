import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { RulesSection } from '../../../../components/options/rules-section';
import { DEFAULT_RULES } from '../../../../lib/attribution/model';

describe('RulesSection', () => {
  it('is headed Attribution rules and saves the chosen model and days', async () => {
    const onSave = vi.fn(async () => undefined);
    render(<RulesSection rules={DEFAULT_RULES} onSave={onSave} />);
    const region = screen.getByRole('region', { name: 'Attribution rules' });
    expect(within(region).getByRole('radio', { name: /Even split/ })).toHaveProperty('checked', true);
    fireEvent.click(within(region).getByRole('radio', { name: /Position-based/ }));
    fireEvent.input(within(region).getByLabelText('Lock attribution after (days)'), { target: { value: '30' } });
    fireEvent.click(within(region).getByRole('button', { name: 'Save rules' }));
    await waitFor(() =>
      expect(onSave).toHaveBeenCalledWith({ ...DEFAULT_RULES, influenceModel: 'position_based', lockAfterDays: 30 }),
    );
    expect((await screen.findByRole('status')).textContent).toBe('Attribution rules saved.');
  });

  it('shows the touch weights only for the custom model', () => {
    render(<RulesSection rules={DEFAULT_RULES} onSave={vi.fn(async () => undefined)} />);
    expect(screen.queryByLabelText('Joint call')).toBeNull();
    fireEvent.click(screen.getByRole('radio', { name: /Custom weights/ }));
    expect((screen.getByLabelText('Joint call') as HTMLInputElement).value).toBe('2');
  });

  it('shows a refused save as an alert', async () => {
    render(<RulesSection rules={DEFAULT_RULES} onSave={vi.fn(async () => 'Use at most 365 days.')} />);
    fireEvent.click(screen.getByRole('button', { name: 'Save rules' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Use at most 365 days.');
  });
});
