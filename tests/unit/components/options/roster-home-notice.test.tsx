import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { RosterHomeNotice } from '../../../../components/options/roster-home-notice';

describe('RosterHomeNotice', () => {
  it('names the org the roster is kept with and this one, and moves the roster here on request', async () => {
    const onKeepHere = vi.fn(async () => undefined);
    render(<RosterHomeNotice keptWith="acme" here="acme--uat.sandbox" onKeepHere={onKeepHere} />);
    const region = screen.getByRole('region', { name: 'Roster kept with another org' });
    expect(region.textContent).toContain('shared with the org acme.');
    expect(region.textContent).toContain('neither read from nor written to the roster of acme--uat.sandbox');
    fireEvent.click(screen.getByRole('button', { name: 'Keep the roster with acme--uat.sandbox instead' }));
    await waitFor(() => expect(onKeepHere).toHaveBeenCalledOnce());
  });

  it('shows what went wrong as an alert', async () => {
    render(
      <RosterHomeNotice keptWith="acme" here="acme--uat" onKeepHere={async () => 'The browser’s storage is full.'} />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Keep the roster with acme--uat instead' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The browser’s storage is full.');
  });
});
