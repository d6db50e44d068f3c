import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../../lib/attribution/model';
import { createSettingsService } from '../../../lib/services/settings';
import { freshDbs } from '../../builders';

const newDb = freshDbs();

function setup() {
  const db = newDb();
  let saved = 0;
  const service = createSettingsService({ db, onSummarySettingsSaved: async () => void saved++ });
  return { service, saves: () => saved };
}

describe('the settings service', () => {
  it('keeps the role’s choices, and each switch after it', async () => {
    const { service } = setup();
    const role = 'account_executive';
    expect(await service.chooseRole(role)).toMatchObject({ role, panelCollapsed: true });
    expect(await service.saveUi({ panelCollapsed: false })).toMatchObject({ role, panelCollapsed: false });
    expect(await service.ui()).toMatchObject({ panelCollapsed: false });
  });

  it('keeps the team’s rules', async () => {
    const { service } = setup();
    const rules = { ...DEFAULT_RULES, influenceModel: 'last_touch' as const };
    expect(await service.saveRules(rules)).toEqual(rules);
    expect(await service.rules()).toEqual(rules);
  });

  it('moves the notification when the summary settings are saved, and only then', async () => {
    const { service, saves } = setup();
    const before = await service.summary();
    expect(saves()).toBe(0);
    const saved = await service.saveSummary({ ...before, firstDayOfWeek: 0 });
    expect(saved.firstDayOfWeek).toBe(0);
    expect(saves()).toBe(1);
  });
});
