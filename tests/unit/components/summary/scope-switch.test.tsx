import { fireEvent, render, screen } from '@testing-library/preact';
import { useState } from 'preact/hooks';
import { describe, expect, it, vi } from 'vitest';
import { WeeklySummaryPopup } from '../../../../components/summary/weekly-summary';
import type { SummaryScope } from '../../../../lib/attribution/summary-scope';
import { CURRENT_WEEK, snapshot, summary } from './fixtures';

function Popup({ onScopeChange, reported }: { onScopeChange: (scope: SummaryScope) => void; reported?: boolean }) {
  const [scope, setScope] = useState<SummaryScope>('team');
  return (
    <WeeklySummaryPopup
      summary={summary}
      currentWeekKey={CURRENT_WEEK}
      onPreviousWeek={vi.fn()}
      onNextWeek={vi.fn()}
      share={{ copyText: vi.fn(), copyMarkdown: vi.fn(), exportCsv: vi.fn() }}
      optionsUrl="chrome-extension://id/options.html"
      onOpenOptions={vi.fn()}
      locale="en-US"
      timeZone="UTC"
      scope={scope}
      onScopeChange={(next) => {
        setScope(next);
        onScopeChange(next);
      }}
      {...(reported ? { snapshot } : {})}
    />
  );
}

describe('the Mine switch', () => {
  it('is a switch named Mine, off for the team number by default', () => {
    render(<Popup onScopeChange={vi.fn()} />);
    const mine = screen.getByRole('switch', { name: 'Mine' });
    expect(mine.getAttribute('aria-checked')).toBe('false');
    expect(screen.getByRole('heading', { name: 'Team number' })).toBeTruthy();
  });

  it('flips to my number and back, and says which it is', () => {
    const chosen = vi.fn();
    render(<Popup onScopeChange={chosen} />);
    const mine = screen.getByRole('switch', { name: 'Mine' });
    fireEvent.click(mine);
    expect(chosen).toHaveBeenLastCalledWith('mine');
    expect(mine.getAttribute('aria-checked')).toBe('true');
    expect(screen.getByRole('heading', { name: 'My number' })).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'Team number' })).toBeNull();
    fireEvent.click(mine);
    expect(chosen).toHaveBeenLastCalledWith('team');
    expect(mine.getAttribute('aria-checked')).toBe('false');
  });

  it('is a button, so Space and Enter flip it from the keyboard', () => {
    render(<Popup onScopeChange={vi.fn()} />);
    const mine = screen.getByRole('switch', { name: 'Mine' });
    // A native button turns Space and Enter into a click; happy-dom does not synthesise that, so check the element.
    expect(mine.tagName).toBe('BUTTON');
    expect(mine.getAttribute('type')).toBe('button');
    mine.focus();
    expect(document.activeElement).toBe(mine);
  });

  it('says a reported week is the team number, and does not compare it with my number', () => {
    render(<Popup onScopeChange={vi.fn()} reported />);
    expect(screen.getByText(/Reported on Nov 20, 2026 as the team number/)).toBeTruthy();
    fireEvent.click(screen.getByRole('switch', { name: 'Mine' }));
    expect(screen.getByText(/as the team number\. Switch off Mine to compare/)).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'What changed since it was reported' })).toBeNull();
  });
});
