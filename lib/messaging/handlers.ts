import { addAttribution, countAttributions, listAttributions, listPartnerNames, removeAttribution } from '../store/attributions';
import type { ChangeContext } from '../store/attributions';
import type { PartnerLedgerDb } from '../store/db';
import { getLocalActor, getUiSettings, updateUiSettings } from '../store/settings';
import type { Handlers } from './router';

export interface HandlerDeps {
  db: PartnerLedgerDb;
  now?: () => Date;
  newId?: () => string;
}

/** The background's answers to each request: thin calls into the store. */
export function createHandlers({ db, now = () => new Date(), newId = () => crypto.randomUUID() }: HandlerDeps): Handlers {
  async function changeContext(): Promise<ChangeContext> {
    return { actor: await getLocalActor(db, newId), now: now().toISOString(), newId };
  }

  return {
    async getPanelData({ opportunityId }) {
      const [attributions, partnerNames, ui] = await Promise.all([
        listAttributions(db, opportunityId),
        listPartnerNames(db),
        getUiSettings(db),
      ]);
      return { attributions, partnerNames, ui };
    },
    async addAttribution(payload) {
      return addAttribution(db, payload, await changeContext());
    },
    async removeAttribution({ id }) {
      await removeAttribution(db, id, await changeContext());
      return { id };
    },
    async getAttributionCounts() {
      return countAttributions(db);
    },
    async setPanelCollapsed({ collapsed }) {
      return updateUiSettings(db, { panelCollapsed: collapsed });
    },
  };
}
