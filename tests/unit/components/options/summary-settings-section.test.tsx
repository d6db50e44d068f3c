import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  SummarySettingsSection,
  parseTimeOfDay,
  type SummarySettingsSectionProps,
} from '../../../../components/options/summary-settings-section';
import { DEFAULT_SUMMARY_SETTINGS, type SummarySettings } from '../../../../lib/attribution/summary-settings';

const HOOK = 'https://hooks.slack.com/services/T000/B000/XXXXXXXX';

/** The fake browser's permissions, answering as a user would. */
function permissionsAnswering(granted: boolean) {
  const request = vi.spyOn(fakeBrowser.permissions, 'request').mockResolvedValue(granted);
  const remove = vi.spyOn(fakeBrowser.permissions, 'remove').mockResolvedValue(true);
  return { request, remove };
}

function renderSection(props: Partial<SummarySettingsSectionProps> = {}) {
  const all: SummarySettingsSectionProps = {
    settings: DEFAULT_SUMMARY_SETTINGS,
    timeZone: 'Europe/Berlin',
    onSave: vi.fn(async () => undefined),
    permissions: fakeBrowser.permissions,
    locale: 'en-US',
    ...props,
  };
  render(<SummarySettingsSection {...all} />);
  return all;
}

const status = () => within(screen.getByRole('region', { name: 'Weekly summary' })).getByRole('status');
const checkbox = () => screen.getByRole('checkbox', { name: 'Weekly notification' }) as HTMLInputElement;

describe('SummarySettingsSection', () => {
  it('is a region headed Weekly summary with the week start, the time zone, the notification and the webhook', () => {
    renderSection();
    const region = screen.getByRole('region', { name: 'Weekly summary' });
    const firstDay = within(region).getByRole('combobox', { name: 'First day of the week' }) as HTMLSelectElement;
    expect(firstDay.value).toBe('1');
    expect(firstDay.selectedOptions[0]!.textContent).toBe('Monday');
    expect([...firstDay.options].map((o) => o.textContent)).toEqual([
      'Monday',
      'Tuesday',
      'Wednesday',
      'Thursday',
      'Friday',
      'Saturday',
      'Sunday',
    ]);
    expect(region.textContent).toContain('Time zoneEurope/Berlin');
    expect(checkbox().checked).toBe(false);
    expect((within(region).getByRole('combobox', { name: 'Notification day' }) as HTMLSelectElement).value).toBe('1');
    expect((within(region).getByLabelText('Notification time') as HTMLInputElement).value).toBe('09:00');
    expect((within(region).getByRole('textbox', { name: 'Slack webhook URL' }) as HTMLInputElement).value).toBe('');
    expect(within(region).queryByRole('button', { name: 'Remove' })).toBeNull();
  });

  it('says it is loading, or why the settings could not be read', () => {
    renderSection({ settings: undefined });
    expect(screen.getByText('Loading…')).toBeTruthy();
    screen.getByRole('region').remove();
    renderSection({ settings: undefined, loadError: 'Partner Ledger did not answer.' });
    expect(screen.getByRole('alert').textContent).toBe('Partner Ledger did not answer.');
  });

  it('saves the first day of the week and the notification time', async () => {
    const props = renderSection();
    fireEvent.change(screen.getByRole('combobox', { name: 'First day of the week' }), { target: { value: '0' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'Notification day' }), { target: { value: '5' } });
    fireEvent.input(screen.getByLabelText('Notification time'), { target: { value: '16:30' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(status().textContent).toBe('Saved. Weeks start on Sunday.'));
    expect(props.onSave).toHaveBeenCalledWith({
      firstDayOfWeek: 0,
      notifications: { enabled: false, weekday: 5, hour: 16, minute: 30 },
    });
  });

  it('refuses a time that is not a time of day', () => {
    const props = renderSection();
    fireEvent.input(screen.getByLabelText('Notification time'), { target: { value: '' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(screen.getByRole('alert').textContent).toBe('Enter a time of day, such as 09:00.');
    expect(screen.getByLabelText('Notification time').getAttribute('aria-invalid')).toBe('true');
    expect(props.onSave).not.toHaveBeenCalled();
  });

  it('shows a failed save as an alert', async () => {
    renderSection({ onSave: vi.fn(async () => 'The settings could not be saved.') });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('The settings could not be saved.'));
    expect(status().textContent).toBe('');
  });

  describe('weekly notification', () => {
    it('asks for the notifications permission in the click itself, then saves', async () => {
      const { request } = permissionsAnswering(true);
      const props = renderSection();
      fireEvent.click(checkbox());
      // Synchronously, inside the click: the browser only prompts during a user gesture.
      expect(request).toHaveBeenCalledWith({ permissions: ['notifications'] });
      expect(props.onSave).not.toHaveBeenCalled();
      await waitFor(() =>
        expect(status().textContent).toBe('Weekly notification on: every Monday at 09:00 (Europe/Berlin).'),
      );
      expect(props.onSave).toHaveBeenCalledWith({
        firstDayOfWeek: 1,
        notifications: { enabled: true, weekday: 1, hour: 9, minute: 0 },
      });
      expect(checkbox().checked).toBe(true);
    });

    it('saves nothing and stays off when the permission is refused', async () => {
      permissionsAnswering(false);
      const props = renderSection();
      fireEvent.click(checkbox());
      await waitFor(() =>
        expect(screen.getByRole('alert').textContent).toBe(
          'The browser did not allow notifications, so the weekly notification stays off.',
        ),
      );
      expect(props.onSave).not.toHaveBeenCalled();
      expect(checkbox().checked).toBe(false);
    });

    it('turns off without asking, and gives the permission back', async () => {
      const { request, remove } = permissionsAnswering(true);
      const settings: SummarySettings = {
        ...DEFAULT_SUMMARY_SETTINGS,
        notifications: { enabled: true, weekday: 4, hour: 8, minute: 15 },
      };
      const props = renderSection({ settings });
      expect(checkbox().checked).toBe(true);
      fireEvent.click(checkbox());
      await waitFor(() => expect(status().textContent).toBe('Weekly notification turned off.'));
      expect(props.onSave).toHaveBeenCalledWith({
        ...settings,
        notifications: { ...settings.notifications, enabled: false },
      });
      expect(request).not.toHaveBeenCalled();
      await waitFor(() => expect(remove).toHaveBeenCalledWith({ permissions: ['notifications'] }));
      expect(checkbox().checked).toBe(false);
    });
  });

  describe('Slack webhook', () => {
    const field = () => screen.getByRole('textbox', { name: 'Slack webhook URL' });

    it('asks for the webhook host only, in the click, and saves when granted', async () => {
      const { request } = permissionsAnswering(true);
      const props = renderSection();
      fireEvent.input(field(), { target: { value: ` ${HOOK} ` } });
      fireEvent.click(screen.getByRole('button', { name: 'Save webhook' }));
      expect(request).toHaveBeenCalledWith({ origins: ['https://hooks.slack.com/*'] });
      await waitFor(() =>
        expect(status().textContent).toBe('Webhook saved: the popup can post the summary to hooks.slack.com.'),
      );
      expect(props.onSave).toHaveBeenCalledWith({ ...DEFAULT_SUMMARY_SETTINGS, webhookUrl: HOOK });
      expect(screen.getByRole('button', { name: 'Remove' })).toBeTruthy();
    });

    it('refuses an address that is not https, without asking the browser', () => {
      const { request } = permissionsAnswering(true);
      const props = renderSection();
      fireEvent.input(field(), { target: { value: 'http://hooks.slack.com/services/T000' } });
      fireEvent.click(screen.getByRole('button', { name: 'Save webhook' }));
      expect(screen.getByRole('alert').textContent).toBe(
        'The webhook address must start with https:// so the summary is sent encrypted.',
      );
      expect(field().getAttribute('aria-invalid')).toBe('true');
      expect(field().getAttribute('aria-describedby')).toContain('pl-summary-webhook-error');
      expect(request).not.toHaveBeenCalled();
      expect(props.onSave).not.toHaveBeenCalled();
    });

    it('saves nothing when the browser refuses the host', async () => {
      permissionsAnswering(false);
      const props = renderSection();
      fireEvent.input(field(), { target: { value: HOOK } });
      fireEvent.click(screen.getByRole('button', { name: 'Save webhook' }));
      await waitFor(() =>
        expect(screen.getByRole('alert').textContent).toBe(
          'The browser did not allow Partner Ledger to reach hooks.slack.com, so the webhook was not saved.',
        ),
      );
      expect(props.onSave).not.toHaveBeenCalled();
    });

    it('removes the webhook and gives its host back', async () => {
      const { remove } = permissionsAnswering(true);
      const props = renderSection({ settings: { ...DEFAULT_SUMMARY_SETTINGS, webhookUrl: HOOK } });
      expect((field() as HTMLInputElement).value).toBe(HOOK);
      fireEvent.click(screen.getByRole('button', { name: 'Remove' }));
      await waitFor(() => expect(status().textContent).toBe('Webhook removed.'));
      expect(props.onSave).toHaveBeenCalledWith(DEFAULT_SUMMARY_SETTINGS);
      await waitFor(() => expect(remove).toHaveBeenCalledWith({ origins: ['https://hooks.slack.com/*'] }));
      expect((field() as HTMLInputElement).value).toBe('');
      expect(screen.queryByRole('button', { name: 'Remove' })).toBeNull();
    });
  });
});

describe('parseTimeOfDay', () => {
  it('reads HH:MM and nothing else', () => {
    expect(parseTimeOfDay('09:00')).toEqual({ hour: 9, minute: 0 });
    expect(parseTimeOfDay('23:59')).toEqual({ hour: 23, minute: 59 });
    expect(parseTimeOfDay('24:00')).toBeUndefined();
    expect(parseTimeOfDay('9:00')).toBeUndefined();
    expect(parseTimeOfDay('')).toBeUndefined();
  });
});

describe('the first day of the week under team rules', () => {
  it('shows the team’s day, disabled, with a note tied to the field', () => {
    renderSection({ teamFirstDayOfWeek: 3 });
    const select = screen.getByRole('combobox', { name: 'First day of the week' }) as HTMLSelectElement;
    expect(select.disabled).toBe(true);
    // The note names the team's day (happy-dom keeps this select on its first option; browsers show the value).
    const note = document.getElementById(select.getAttribute('aria-describedby')!)!;
    expect(note.textContent).toContain('Set by the team rules: Wednesday');
  });

  it('stays editable without team rules', () => {
    renderSection();
    const select = screen.getByRole('combobox', { name: 'First day of the week' }) as HTMLSelectElement;
    expect(select.disabled).toBe(false);
    expect(screen.queryByText(/Set by the team rules/)).toBeNull();
  });
});
