import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { OptionsPage } from '../../components/OptionsPage';
import '../../components/page.css';
import type { AttributionCounts } from '../../lib/attribution/model';
import { request } from '../../lib/messaging/client';

function Options() {
  const [counts, setCounts] = useState<AttributionCounts>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    request('getAttributionCounts', {}).then(setCounts, (e: Error) => setError(e.message));
  }, []);
  return <OptionsPage counts={counts} error={error} />;
}

render(<Options />, document.getElementById('app')!);
