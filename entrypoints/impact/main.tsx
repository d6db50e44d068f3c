import { render } from 'preact';
import '../../components/page.css';
import { downloadText } from '../../components/summary/download';
import { ImpactPage } from '../../components/impact/impact-page';
import { request } from '../../lib/messaging/client';

// Marks for `npm run bench`: when the page's script starts, and when the figures are shown.
performance.mark('partner-ledger:script');
const locale = navigator.language || undefined;
const quarterKey = new URLSearchParams(location.search).get('quarter') ?? undefined;

render(
  <ImpactPage
    load={async (asked) => {
      const answer = await request('getPartnerImpact', { ...asked, ...(locale ? { locale } : {}) });
      performance.mark('partner-ledger:figures');
      return answer;
    }}
    copyText={(text) => navigator.clipboard.writeText(text)}
    download={(fileName, text) => downloadText(fileName, text)}
    {...(quarterKey ? { initialQuarterKey: quarterKey } : {})}
    {...(locale ? { locale } : {})}
  />,
  document.getElementById('app')!,
);
