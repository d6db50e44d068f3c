/**
 * Which service answers each request: the background's router calls these once a message has passed its
 * schema and the sender check. One line per request; what a request does lives in lib/services/.
 */
import type { Services } from '../services';
import type { Handlers } from './router';

export function createHandlers(services: Services): Handlers {
  const {
    attributions,
    partners,
    settings,
    backup,
    warmth,
    connection,
    sync,
    summary,
    webhook,
    impact,
    teamRules,
    roster,
  } = services;
  return {
    // The panel on an opportunity
    getPanelData: ({ orgKey, opportunityId }) => attributions.panelData(opportunityId, orgKey),
    // The tab's cookie store: the background acts only as the user signed in there.
    refreshOpportunity: ({ orgKey, opportunityId }, { senderUrl, cookieStoreId }) =>
      attributions.refresh(opportunityId, senderUrl, orgKey, cookieStoreId),
    leadConverted: (_payload, { senderUrl }) => attributions.leadConverted(senderUrl),
    addAttribution: (payload) => attributions.add(payload),
    addTouch: (payload) => attributions.addTouch(payload),
    removeAttribution: ({ id, ...why }) => attributions.remove(id, why),
    resolveDispute: (payload) => attributions.resolveDispute(payload),
    getAttributionCounts: () => attributions.counts(),

    // Badges on lists, boards and record pages
    getWarmth: ({ orgKey, opportunityIds, includeTagged }) => warmth.read(opportunityIds, includeTagged, orgKey),
    fetchOpportunities: async ({ opportunityIds }, { senderUrl, cookieStoreId }) => ({
      calls: await sync.fetchOpportunities(senderUrl, opportunityIds, cookieStoreId),
    }),

    // The roster
    listPartners: () => partners.list(),
    addPartner: (input) => partners.add(input),
    updatePartner: ({ id, patch }) => partners.update(id, patch),
    importPartners: ({ rows }) => partners.import(rows),
    getRosterMerge: () => roster.preview(),
    mergeRoster: () => roster.merge(),
    getRosterHome: () => roster.home(),
    keepRosterHere: () => roster.keepHere(),

    // Settings
    getUiSettings: () => settings.ui(),
    saveUiSettings: ({ patch }) => settings.saveUi(patch),
    setPanelCollapsed: ({ collapsed }) => settings.saveUi({ panelCollapsed: collapsed }),
    chooseRole: ({ role }) => settings.chooseRole(role),
    getRules: () => settings.rules(),
    saveRules: ({ rules }) => settings.saveRules(rules),
    getTeamRules: ({ refresh }) => (refresh ? teamRules.refreshAndView() : teamRules.view()),
    saveTeamRules: ({ rules, basedOn }) => teamRules.save(rules, basedOn),
    getSummarySettings: () => settings.summary(),
    saveSummarySettings: ({ settings: chosen }) => settings.saveSummary(chosen),

    // The Salesforce connection
    getConnection: () => connection.current(),
    checkConnection: () => connection.checkAgain(),
    setPauseAboveShare: ({ share }) => connection.setPauseAboveShare(share),
    syncNow: () => sync.syncNowByUser(),

    // The weekly summary
    getWeeklySummary: ({ weekKey, fresh, scope }) =>
      summary.readyReport(weekKey, { fresh: fresh ?? false, ...(scope ? { scope } : {}) }),
    getSummaryLists: ({ weekKey, scope }) => summary.lists(weekKey, scope ?? 'team'),
    saveSummaryScope: ({ scope }) => summary.chooseScope(scope),
    postSummaryToWebhook: ({ weekKey, scope }) => webhook.post(weekKey, scope ?? 'team'),

    // Backups
    createBackup: ({ includeWebhook }) => backup.create({ includeWebhook: includeWebhook ?? false }),
    restoreBackup: ({ text }) => backup.restore(text),

    // Partner impact
    getPartnerImpact: (request) => impact.report(request),
    getImpactHeadline: ({ locale }) => impact.headline(locale),
  };
}
