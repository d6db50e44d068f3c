import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { AttributionSummary } from '../../components/AttributionSummary';
import '../../components/page.css';
import type { AttributionCounts } from '../../lib/attribution/model';
import { request } from '../../lib/messaging/client';

function Popup() {
  const [counts, setCounts] = useState<AttributionCounts>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    request('getAttributionCounts', {}).then(setCounts, (e: Error) => setError(e.message));
  }, []);
  return (
    <AttributionSummary
      counts={counts}
      error={error}
      optionsUrl={browser.runtime.getURL('/options.html')}
      onOpenOptions={() => void browser.runtime.openOptionsPage()}
    />
  );
}

render(<Popup />, document.getElementById('app')!);
