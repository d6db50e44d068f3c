import { defineContentScript } from 'wxt/utils/define-content-script';
import { SALESFORCE_UI_MATCHES } from '../../lib/crm/salesforce/match-patterns';
import { features } from '../../lib/features';
import { createFeatureRunner } from '../../lib/features/helpers/runner';

export default defineContentScript({
  matches: [...SALESFORCE_UI_MATCHES],
  runAt: 'document_idle',
  // Styles are inlined into each feature's shadow root; nothing is injected into Salesforce's page.
  cssInjectionMode: 'manual',
  main(ctx) {
    const runner = createFeatureRunner(features, { lifetime: ctx.signal });
    void runner.run(new URL(location.href));
    // Lightning is a single-page app: run the features again on every in-app navigation.
    ctx.addEventListener(window, 'wxt:locationchange', ({ newUrl }) => void runner.run(newUrl));
  },
});
