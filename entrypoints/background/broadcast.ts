import browser from 'webextension-polyfill';
import { SALESFORCE_UI_MATCHES } from '../../lib/crm/salesforce/match-patterns';
import { ATTRIBUTIONS_CHANGED } from '../../lib/messaging/events';
import type { Services } from '../../lib/services';

/**
 * Tells open Salesforce tabs when attributions change (a teammate's change pulled from the org, a tag made
 * in another tab), so badges and panels update without a reload. Host permissions cover the query: no
 * `tabs` permission is needed, and nothing but the event's name is sent.
 */
export function setupBroadcast({ attributions, teamRules }: Services): void {
  const broadcast = () => {
    void browser.tabs.query({ url: [...SALESFORCE_UI_MATCHES] }).then((tabs) => {
      for (const tab of tabs) {
        if (tab.id === undefined) continue;
        // A tab without our content script (still loading, or opened before an update) just does not hear it.
        browser.tabs.sendMessage(tab.id, { type: ATTRIBUTIONS_CHANGED }).catch(() => {});
      }
    });
  };
  attributions.onChanged(broadcast);
  // New team rules change credit and warmth: panels and badges read them again.
  teamRules.onChanged(broadcast);
}
