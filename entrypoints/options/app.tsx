import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { BackupSection, type BackupCheck } from '../../components/options/backup-section';
import { ConnectionSection } from '../../components/options/connection-section';
import { PartnersSection } from '../../components/options/partners-section';
import { RosterImport } from '../../components/options/roster-import';
import { RosterHomeNotice } from '../../components/options/roster-home-notice';
import { RosterMergePreview } from '../../components/options/roster-merge-preview';
import { RoleSection } from '../../components/options/role-section';
import { RulesSection } from '../../components/options/rules-section';
import { SummarySettingsSection } from '../../components/options/summary-settings-section';
import browser from 'webextension-polyfill';
import type { SummarySettings } from '../../lib/attribution/summary-settings';
import { OptionsPage } from '../../components/options/options-page';
import { ImpactLink } from '../../components/impact/impact-link';
import type { AttributionCounts } from '../../lib/attribution/model';
import type {
  ConnectionReport,
  PartnerRow,
  RosterHome,
  RosterMergePreview as MergePreview,
  TeamRulesView,
  UiSettings,
} from '../../lib/messaging/protocol';
import { request } from '../../lib/messaging/client';
import { messageOf } from '../../lib/errors';
import { toRosterCsv } from '../../lib/roster/csv';
import { readRosterFile } from '../../lib/roster/read-file';
import { checkBackupSize, parseBackup, summarizeBackup } from '../../lib/store/backup/format';

/** Offers a text as a file download (the options page is an extension page: no permission needed). */
function download(fileName: string, text: string, type: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = Object.assign(document.createElement('a'), { href: url, download: fileName });
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

/** The options page wired to the background: every change goes through a validated request. */
export function OptionsApp() {
  const [partners, setPartners] = useState<PartnerRow[]>([]);
  const [rules, setRules] = useState<TeamRulesView>();
  const [ui, setUi] = useState<UiSettings>();
  const [counts, setCounts] = useState<AttributionCounts>();
  const [loadError, setLoadError] = useState<string>();
  const [checkedBackup, setCheckedBackup] = useState<string>();
  const [connection, setConnection] = useState<ConnectionReport>();
  const [summarySettings, setSummarySettings] = useState<SummarySettings>();
  const [summaryError, setSummaryError] = useState<string>();
  const [merge, setMerge] = useState<MergePreview>(null);
  const [rosterHome, setRosterHome] = useState<RosterHome>(null);
  const [mergeDeferred, setMergeDeferred] = useState(false);

  useEffect(() => {
    request('getSummarySettings', {}).then(
      ({ lastNotifiedWeekKey: _internal, ...settings }) => setSummarySettings(settings),
      (error: unknown) => setSummaryError(messageOf(error)),
    );
  }, []);

  useEffect(() => {
    const refresh = () =>
      request('getConnection', {}).then(setConnection, (error: unknown) =>
        setConnection({ status: 'error', message: messageOf(error), pauseAboveShare: 0.8, pending: 0 }),
      );
    void refresh();
    // Sync runs in the background: keep what the page says current (a local read, no call to Salesforce).
    const timer = setInterval(() => void refresh(), 3_000);
    return () => clearInterval(timer);
  }, []);
  const connectionAction = (action: () => Promise<ConnectionReport>) => {
    setConnection((current) => current && { ...current, status: 'checking' });
    action().then(
      (report) => {
        setConnection(report);
        void reload();
      },
      (error: unknown) =>
        setConnection((current) => ({
          ...(current ?? { pauseAboveShare: 0.8, pending: 0 }),
          status: 'error',
          message: messageOf(error),
        })),
    );
  };

  // The team's rules are read from the org once when the page opens; later reloads read what is kept.
  const rulesRead = useRef(false);
  const reload = useCallback(async () => {
    try {
      const refresh = !rulesRead.current;
      rulesRead.current = true;
      const [nextPartners, nextRules, nextCounts, nextUi] = await Promise.all([
        request('listPartners', {}),
        request('getTeamRules', { refresh }),
        request('getAttributionCounts', {}),
        request('getUiSettings', {}),
      ]);
      setPartners(nextPartners);
      setRules(nextRules);
      setUi(nextUi);
      setCounts(nextCounts);
      setLoadError(undefined);
    } catch (error) {
      setLoadError(messageOf(error));
    }
  }, []);
  useEffect(() => void reload(), [reload]);
  // The first connection's merge preview reads the whole org roster (queries only), so it is asked when the page
  // opens and when the connection's state changes, not after every sync; it fails quietly offline.
  const connectionStatus = connection?.status;
  const loadRosterNotices = useCallback(async () => {
    await Promise.all([
      request('getRosterMerge', {}).then(setMerge, () => setMerge(null)),
      request('getRosterHome', {}).then(setRosterHome, () => setRosterHome(null)),
    ]);
  }, []);
  useEffect(() => {
    if (connectionStatus !== 'checking') void loadRosterNotices();
  }, [connectionStatus, loadRosterNotices]);
  // A background sync may bring teammates' roster changes: the page shows them without a reload.
  const lastPullAt = connection?.lastPullAt;
  useEffect(() => {
    if (lastPullAt) void reload();
  }, [lastPullAt, reload]);

  /** Runs a change; resolves to the error message to show, or undefined when it worked. */
  const change = async (action: () => Promise<unknown>) => {
    try {
      await action();
      await reload();
      return undefined;
    } catch (error) {
      // A refused change may come with news (a teammate's rules, a permission taken away): show what is true now.
      await reload();
      return messageOf(error);
    }
  };

  // While connected to an org with team rules, they win over this browser's own settings: shown as such.
  const team = rules?.source === 'team' ? rules.rules : undefined;

  return (
    <OptionsPage counts={counts} error={loadError}>
      <ImpactLink href={browser.runtime.getURL('/impact.html')} />
      <ConnectionSection
        state={connection}
        onCheckAgain={() => connectionAction(() => request('checkConnection', {}))}
        onSyncNow={() => connectionAction(() => request('syncNow', {}))}
        {...(team ? { teamPauseAboveShare: team.pauseAboveShare } : {})}
        onSaveLimit={async (share) => {
          try {
            setConnection(await request('setPauseAboveShare', { share }));
            return undefined;
          } catch (error) {
            return messageOf(error);
          }
        }}
      />
      <RoleSection
        settings={ui}
        loadError={loadError}
        onChooseRole={(role) => change(() => request('chooseRole', { role }))}
        onChange={(patch) => change(() => request('saveUiSettings', { patch }))}
        onSaveWarmth={(warmth) => change(() => request('saveUiSettings', { patch: { warmth } }))}
        {...(team ? { teamWarmth: team.warmth } : {})}
      />
      <PartnersSection
        partners={partners}
        loadError={loadError}
        onAdd={(input) => change(() => request('addPartner', input))}
        onUpdate={(id, patch) => change(() => request('updatePartner', { id, patch }))}
        notice={
          merge && !mergeDeferred ? (
            <RosterMergePreview
              matching={merge.matching}
              adding={merge.adding}
              onMerge={() => change(() => request('mergeRoster', {}).then(loadRosterNotices))}
              onNotNow={() => setMergeDeferred(true)}
            />
          ) : (
            rosterHome && (
              <RosterHomeNotice
                keptWith={rosterHome.keptWith}
                here={rosterHome.here}
                onKeepHere={() => change(() => request('keepRosterHere', {}).then(loadRosterNotices))}
              />
            )
          )
        }
      >
        <RosterImport
          onPreview={(file) => readRosterFile(file, partners)}
          onImport={async (rows) => {
            try {
              const result = await request('importPartners', {
                rows: rows.map(({ name, type, tier, accountId, active }) => ({ name, type, tier, accountId, active })),
              });
              await reload();
              return result;
            } catch (error) {
              return { error: messageOf(error) };
            }
          }}
          onExport={() => download('partner-roster.csv', toRosterCsv(partners), 'text/csv;charset=utf-8')}
        />
      </PartnersSection>
      <RulesSection
        view={rules}
        loadError={loadError}
        onSave={(next, basedOn) => change(() => request('saveTeamRules', { rules: next, basedOn }))}
      />
      <SummarySettingsSection
        settings={summarySettings}
        loadError={summaryError}
        timeZone={Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'}
        {...(team ? { teamFirstDayOfWeek: team.firstDayOfWeek } : {})}
        permissions={browser.permissions}
        onSave={async (next) => {
          try {
            const { lastNotifiedWeekKey: _internal, ...saved } = await request('saveSummarySettings', {
              settings: next,
            });
            setSummarySettings(saved);
            return undefined;
          } catch (error) {
            return messageOf(error);
          }
        }}
      />
      <BackupSection
        onDownload={async ({ includeWebhook }) => {
          try {
            const { json, fileName } = await request('createBackup', { includeWebhook });
            download(fileName, json, 'application/json');
            return undefined;
          } catch (error) {
            return messageOf(error);
          }
        }}
        onValidate={async (file): Promise<BackupCheck> => {
          const tooBig = checkBackupSize(file.size);
          if (tooBig) return { ok: false, problems: [tooBig] };
          const text = await file.text();
          const parsed = parseBackup(text);
          if (!parsed.ok) return parsed;
          setCheckedBackup(text);
          return { ok: true, summary: summarizeBackup(parsed.backup) };
        }}
        onRestore={() =>
          checkedBackup === undefined
            ? Promise.resolve('Choose a backup file first.')
            : change(() => request('restoreBackup', { text: checkedBackup }))
        }
      />
    </OptionsPage>
  );
}
