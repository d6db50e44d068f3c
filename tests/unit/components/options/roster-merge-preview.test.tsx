import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { RosterMergePreview } from '../../../../components/options/roster-merge-preview';

describe('Roster merge preview', () => {
  it('says what a merge will do, in counts a person reads', () => {
    render(<RosterMergePreview matching={3} adding={1_250} onMerge={vi.fn()} onNotNow={vi.fn()} />);
    const region = screen.getByRole('region', { name: 'Roster merge preview' });
    const items = within(region)
      .getAllByRole('listitem')
      .map((item) => item.textContent);
    expect(items).toEqual(['3 partners match the org roster', '1,250 new partners will be added to the org']);
  });

  it('speaks of one partner in the singular', () => {
    render(<RosterMergePreview matching={1} adding={1} onMerge={vi.fn()} onNotNow={vi.fn()} />);
    expect(screen.getAllByRole('listitem').map((item) => item.textContent)).toEqual([
      '1 partner matches the org roster',
      '1 new partner will be added to the org',
    ]);
  });

  it('merges only when asked, and shows the problem when the merge fails', async () => {
    const onMerge = vi.fn(async () => 'Salesforce refused the roster: insufficient access rights on object id');
    const onNotNow = vi.fn();
    render(<RosterMergePreview matching={0} adding={2} onMerge={onMerge} onNotNow={onNotNow} />);
    expect(onMerge).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Not now' }));
    expect(onNotNow).toHaveBeenCalledTimes(1);
    expect(onMerge).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Merge into the org roster' }));
    expect(onMerge).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(/^Salesforce refused the roster/));
  });
});
