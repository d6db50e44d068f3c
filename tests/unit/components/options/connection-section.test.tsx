import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import {
  ConnectionSection,
  type ConnectionSectionProps,
  type ConnectionView,
} from '../../../../components/options/connection-section';

const CONNECTED: ConnectionView = {
  status: 'connected',
  orgKey: 'acme',
  orgName: 'Acme',
  orgId: '00D000000000001EAA',
  userName: 'Ada Lovelace',
  apiHost: 'acme.my.salesforce.com',
  apiVersion: '64.0',
  usage: { used: 1234, limit: 15000, at: '2025-06-02T09:30:00.000Z' },
  pauseAboveShare: 0.8,
  pending: 3,
  lastPushAt: '2025-06-02T09:29:00.000Z',
  lastPullAt: '2025-06-02T09:28:00.000Z',
};

function setup(state: ConnectionView | undefined, props: Partial<ConnectionSectionProps> = {}) {
  const handlers = {
    onCheckAgain: vi.fn(),
    onSyncNow: vi.fn(),
    onSaveLimit: vi.fn(async (_share: number): Promise<string | undefined> => undefined),
    ...props,
  };
  const view = render(<ConnectionSection state={state} {...handlers} />);
  const region = screen.getByRole('region', { name: 'Salesforce connection' });
  return { ...view, region, ...handlers };
}

const bare = (status: ConnectionView['status'], extra: Partial<ConnectionView> = {}): ConnectionView => ({
  status,
  pauseAboveShare: 0.8,
  pending: 0,
  ...extra,
});

describe('ConnectionSection', () => {
  it('is headed Salesforce connection and says Loading… before the state arrives', () => {
    const { region } = setup(undefined);
    expect(within(region).getByRole('heading', { level: 2 }).textContent).toBe('Salesforce connection');
    expect(region.textContent).toContain('Loading…');
    expect(within(region).queryByRole('button')).toBeNull();
  });

  describe('says where the connection stands', () => {
    it('connected: the org, its id, the user and the API version, as a status', () => {
      const { region } = setup(CONNECTED);
      expect(
        within(region)
          .getByText('Connected to Acme (00D000000000001EAA) as Ada Lovelace, API 64.0.')
          .getAttribute('role'),
      ).toBe('status');
      expect(within(region).queryAllByRole('alert')).toHaveLength(0);
      expect(region.textContent).toContain('acme.my.salesforce.com');
    });

    it('connected with parts unknown: leaves them out instead of printing undefined', () => {
      const { region } = setup(bare('connected', { apiHost: 'acme.my.salesforce.com' }));
      expect(within(region).getByText('Connected to acme.my.salesforce.com.').getAttribute('role')).toBe('status');
      expect(region.textContent).not.toContain('undefined');
    });

    it('no session: how to connect, not as an error', () => {
      const { region } = setup(bare('no_session'));
      expect(region.textContent).toContain(
        'Open Salesforce in a tab to connect. Partner Ledger uses the session of the Salesforce tab you have open.',
      );
      expect(within(region).queryAllByRole('alert')).toHaveLength(0);
    });

    it('session expired: reload and check again, as an alert', () => {
      const { region } = setup(bare('session_expired'));
      expect(within(region).getByRole('alert').textContent).toBe(
        'Your Salesforce session has expired. Reload a Salesforce tab, then check again.',
      );
    });

    it('API disabled: keeps working here, ask for API Enabled', () => {
      const { region } = setup(bare('api_disabled'));
      expect(within(region).getByRole('alert').textContent).toBe(
        'The Salesforce API is not enabled for your user or org. Partner Ledger keeps working in this browser; ask ' +
          'your admin for the “API Enabled” permission to share attributions.',
      );
    });

    it('objects missing: stays in this browser, with the install steps as an ordered list', () => {
      const { region } = setup(bare('objects_missing', { pending: 2 }));
      expect(region.textContent).toContain(
        'Partner Ledger’s objects are not installed in this org. Attributions stay in this browser until they are.',
      );
      const steps = within(region).getAllByRole('listitem');
      expect(steps[0]!.closest('ol')).not.toBeNull();
      expect(steps[0]!.textContent).toContain('salesforce/');
      expect(steps[0]!.textContent).toContain('sf project deploy start --source-dir force-app');
      expect(steps[1]!.textContent).toContain('sf org assign permset -n Partner_Ledger_User');
      expect(steps[2]!.textContent).toContain('Check again');
      expect(region.textContent).toContain('2 changes waiting to sync');
    });

    it('org mismatch: the orgs differ and nothing was sent, with the detail', () => {
      const { region } = setup(bare('org_mismatch', { message: 'Tab org 00D…A, session org 00D…B.' }));
      const alert = within(region).getByRole('alert');
      expect(alert.textContent).toContain('belong to different orgs, so nothing was sent');
      expect(alert.textContent).toContain('Details: Tab org 00D…A, session org 00D…B.');
    });

    it('error: could not reach Salesforce, with the detail', () => {
      const { region } = setup(bare('error', { message: 'Salesforce is down for maintenance (503).' }));
      const alert = within(region).getByRole('alert');
      expect(alert.textContent).toContain(
        'Partner Ledger could not reach Salesforce. Attributions stay in this browser until it can.',
      );
      expect(alert.textContent).toContain('Details: Salesforce is down for maintenance (503).');
    });

    it('checking: says so as a status and disables Check again', () => {
      const { region } = setup(bare('checking'));
      expect(within(region).getByText('Checking the connection to Salesforce…').getAttribute('role')).toBe('status');
      expect(within(region).getByRole('button', { name: 'Check again' })).toHaveProperty('disabled', true);
    });

    it('the last sync error, and a pause with its reason and end', () => {
      const { region } = setup({
        ...CONNECTED,
        lastError: 'Salesforce refused 2 attributions: REQUEST_LIMIT_EXCEEDED.',
        paused: { reason: 'the org has used 85 % of its daily API calls.', until: '2025-06-03T00:00:00.000Z' },
      });
      expect(within(region).getByRole('alert').textContent).toBe(
        'The last sync failed: Salesforce refused 2 attributions: REQUEST_LIMIT_EXCEEDED.',
      );
      const pause = within(region).getByText(/Background sync is paused/);
      expect(pause.textContent).toMatch(
        /^Background sync is paused: the org has used 85 % of its daily API calls \(until .+\)\.$/,
      );
      expect(pause.querySelector('time')?.getAttribute('datetime')).toBe('2025-06-03T00:00:00.000Z');
    });
  });

  it('lists the records from the org it refused, with record id, field and reason, as text', () => {
    const { region } = setup({
      ...CONNECTED,
      refused: [
        { recordId: 'a0A000000000001AAA', field: 'Note__c', reason: 'Note__c must be at most 2,000 characters' },
        { recordId: 'a0A000000000002AAA', field: 'Touches__c[0].createdAt', reason: '<b>not-a-date</b>' },
        { recordId: 'a0A000000000003AAA', field: 'Attributed_By__c', reason: 'must be a name of at most 121' },
      ],
    });
    const list = within(region).getByRole('list', { name: '3 records from the org were refused' });
    const items = within(list)
      .getAllByRole('listitem')
      .map((item) => item.textContent);
    expect(items[0]).toBe('a0A000000000001AAA, Note__c: Note__c must be at most 2,000 characters');
    expect(items[1]).toBe('a0A000000000002AAA, Touches__c[0].createdAt: <b>not-a-date</b>');
    expect(region.querySelector('b')).toBeNull();
  });

  it('lists the changes Salesforce refused for good, and says how to send them again', () => {
    const { region } = setup({
      ...CONNECTED,
      parked: [
        { attributionId: '22222222-0000-4000-8000-000000000001', error: 'STRING_TOO_LONG: Note: data value too large' },
      ],
    });
    const list = within(region).getByRole('list', { name: '1 change was refused by Salesforce' });
    expect(within(list).getByRole('listitem').textContent).toBe(
      '22222222-0000-4000-8000-000000000001: STRING_TOO_LONG: Note: data value too large',
    );
    expect(region.textContent).toContain('Change the attribution to send it again.');
  });

  it('lists nothing refused when nothing was', () => {
    const { region } = setup(CONNECTED);
    expect(within(region).queryByText(/refused/)).toBeNull();
  });

  it('shows the API usage as a meter named API usage today', () => {
    const { region } = setup(CONNECTED);
    const meter = within(region).getByRole('meter', { name: 'API usage today' });
    expect(meter.getAttribute('aria-valuenow')).toBe('1234');
    expect(meter.getAttribute('aria-valuemin')).toBe('0');
    expect(meter.getAttribute('aria-valuemax')).toBe('15000');
    expect(meter.getAttribute('aria-valuetext')).toBe('1,234 of 15,000 calls today (8 %)');
    expect(region.textContent).toContain('1,234 of 15,000 calls today (8 %)');
    expect(meter.classList.contains('pl-meter-high')).toBe(false);
  });

  it('marks the meter when usage is past the pause threshold, and shows no meter without usage', () => {
    const { region, unmount } = setup({
      ...CONNECTED,
      usage: { used: 13_000, limit: 15_000, at: CONNECTED.usage!.at },
    });
    expect(within(region).getByRole('meter').classList.contains('pl-meter-high')).toBe(true);
    expect(region.textContent).toContain('13,000 of 15,000 calls today (87 %)');
    unmount();
    setup(bare('no_session'));
    expect(screen.queryByRole('meter')).toBeNull();
  });

  it('counts the changes waiting and shows the last sync times', () => {
    const { region, unmount } = setup(CONNECTED);
    expect(region.textContent).toContain('3 changes waiting to sync');
    const times = Array.from(region.querySelectorAll('dd time')).map((t) => t.getAttribute('datetime'));
    expect(times).toEqual([CONNECTED.lastPushAt, CONNECTED.lastPullAt]);
    unmount();

    const one = setup(bare('connected', { pending: 1 }));
    expect(one.region.textContent).toContain('1 change waiting to sync');
    expect(one.region.textContent).toContain('Last sent to SalesforceNever');
    expect(one.region.textContent).toContain('Last received from SalesforceNever');
    one.unmount();

    const many = setup(bare('connected', { pending: 1234 }));
    expect(many.region.textContent).toContain('1,234 changes waiting to sync');
  });

  describe('the pause threshold', () => {
    const label = 'Pause background sync above (% of the daily limit)';

    it('shows the current threshold in percent and saves a new one as a share', async () => {
      const { region, onSaveLimit } = setup(CONNECTED);
      const input = within(region).getByLabelText(label) as HTMLInputElement;
      expect(input.value).toBe('80');
      fireEvent.input(input, { target: { value: '65' } });
      fireEvent.click(within(region).getByRole('button', { name: 'Save' }));
      await waitFor(() => expect(onSaveLimit).toHaveBeenCalledWith(0.65));
      const form = within(region).getByRole('form', { name: 'Background sync limit' });
      await waitFor(() =>
        expect(within(form).getByRole('status').textContent).toBe(
          'Background sync pauses above 65 % of the daily limit.',
        ),
      );
      expect(within(region).queryAllByRole('alert')).toHaveLength(0);
    });

    it.each(['50', '100'])('accepts the bound %s', async (value) => {
      const { region, onSaveLimit } = setup(CONNECTED);
      fireEvent.input(within(region).getByLabelText(label), { target: { value } });
      fireEvent.click(within(region).getByRole('button', { name: 'Save' }));
      await waitFor(() => expect(onSaveLimit).toHaveBeenCalledWith(Number(value) / 100));
    });

    it.each(['49', '101', '0', '', '75.5', '-60', 'abc'])(
      'refuses %j with a message and saves nothing',
      async (value) => {
        const { region, onSaveLimit } = setup(CONNECTED);
        const input = within(region).getByLabelText(label);
        fireEvent.input(input, { target: { value } });
        fireEvent.click(within(region).getByRole('button', { name: 'Save' }));
        const alert = await within(region).findByRole('alert');
        expect(alert.textContent).toBe('Enter a whole number from 50 to 100.');
        expect(input.getAttribute('aria-invalid')).toBe('true');
        expect(input.getAttribute('aria-describedby')).toContain(alert.id);
        expect(onSaveLimit).not.toHaveBeenCalled();
      },
    );

    it('shows a refused save as an alert', async () => {
      const { region } = setup(CONNECTED, { onSaveLimit: vi.fn(async () => 'The setting could not be saved.') });
      fireEvent.input(within(region).getByLabelText(label), { target: { value: '90' } });
      fireEvent.click(within(region).getByRole('button', { name: 'Save' }));
      expect((await within(region).findByRole('alert')).textContent).toBe('The setting could not be saved.');
      const form = within(region).getByRole('form', { name: 'Background sync limit' });
      expect(within(form).getByRole('status').textContent).toBe('');
    });

    it('follows a threshold changed elsewhere', () => {
      const { region, rerender, onCheckAgain, onSyncNow, onSaveLimit } = setup(CONNECTED);
      rerender(
        <ConnectionSection
          state={{ ...CONNECTED, pauseAboveShare: 0.95 }}
          onCheckAgain={onCheckAgain}
          onSyncNow={onSyncNow}
          onSaveLimit={onSaveLimit}
        />,
      );
      expect((within(region).getByLabelText(label) as HTMLInputElement).value).toBe('95');
    });
  });

  describe('the buttons', () => {
    it('Check again and Sync now call their handlers when connected', () => {
      const { region, onCheckAgain, onSyncNow } = setup(CONNECTED);
      fireEvent.click(within(region).getByRole('button', { name: 'Check again' }));
      fireEvent.click(within(region).getByRole('button', { name: 'Sync now' }));
      expect(onCheckAgain).toHaveBeenCalledTimes(1);
      expect(onSyncNow).toHaveBeenCalledTimes(1);
    });

    it.each(['no_session', 'session_expired', 'api_disabled', 'objects_missing', 'org_mismatch', 'error'] as const)(
      '%s: Check again works, Sync now is disabled',
      (status) => {
        const { region, onCheckAgain, onSyncNow } = setup(bare(status));
        const check = within(region).getByRole('button', { name: 'Check again' });
        const sync = within(region).getByRole('button', { name: 'Sync now' });
        expect(check).toHaveProperty('disabled', false);
        expect(sync).toHaveProperty('disabled', true);
        fireEvent.click(check);
        fireEvent.click(sync);
        expect(onCheckAgain).toHaveBeenCalledTimes(1);
        expect(onSyncNow).not.toHaveBeenCalled();
      },
    );

    it('Sync now stays available while background sync is paused', () => {
      const { region, onSyncNow } = setup({ ...CONNECTED, paused: { reason: 'API usage is above 80 %' } });
      fireEvent.click(within(region).getByRole('button', { name: 'Sync now' }));
      expect(onSyncNow).toHaveBeenCalledTimes(1);
    });
  });
});

describe('the pause threshold under team rules', () => {
  it('shows the team’s threshold, disabled, with a note tied to the field', () => {
    const { region } = setup(CONNECTED, { teamPauseAboveShare: 0.9 });
    const input = within(region).getByRole('spinbutton', { name: /Pause background sync above/ }) as HTMLInputElement;
    expect(input.value).toBe('90');
    expect(input.disabled).toBe(true);
    const ids = input.getAttribute('aria-describedby')!.split(' ');
    const note = ids.map((id) => document.getElementById(id)!).find((el) => /team rules/.test(el.textContent ?? ''));
    expect(note?.textContent).toContain('Set by the team rules: 90 %');
    expect((within(region).getByRole('button', { name: 'Save' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('stays editable without team rules', () => {
    const { region } = setup(CONNECTED);
    const input = within(region).getByRole('spinbutton', { name: /Pause background sync above/ }) as HTMLInputElement;
    expect(input.disabled).toBe(false);
    expect(within(region).queryByText(/Set by the team rules/)).toBeNull();
  });
});
