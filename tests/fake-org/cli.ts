/**
 * Starts the fake Salesforce org and prints its URLs; Ctrl-C stops it.
 *   npx tsx tests/fake-org/cli.ts [--port 8443] [--host 127.0.0.1] [--delay 50] [--multi-currency]
 *     [--layout classic-layout|dynamic-forms] [--highlights standard|dynamic] [--shadow synthetic|native]
 *     [--related standard|grid|tiles|dynamic-grid|dynamic-tiles] [--datatable table|role-based]
 */
import { parseArgs } from 'node:util';
import { createSeedData, DEMO_OPPORTUNITY_IDS } from './data';
import { DEFAULT_PORT, startFakeOrg } from './server';
import { PAGE_VARIANT_URL_PARAMS, parsePageVariants, type PageVariants } from './variants';

/** Command-line flag → page variant setting (variants.ts). */
const VARIANT_FLAGS = {
  layout: 'recordLayout',
  highlights: 'highlights',
  related: 'relatedLists',
  shadow: 'shadow',
  datatable: 'datatable',
} as const satisfies Record<string, keyof PageVariants>;

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: String(DEFAULT_PORT) },
    host: { type: 'string', default: '127.0.0.1' },
    delay: { type: 'string' },
    'multi-currency': { type: 'boolean', default: false },
    layout: { type: 'string' },
    highlights: { type: 'string' },
    related: { type: 'string' },
    shadow: { type: 'string' },
    datatable: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help) {
  console.log(
    'Usage: npx tsx tests/fake-org/cli.ts [--port 8443] [--host 127.0.0.1] [--delay <ms>] [--multi-currency]\n' +
      '  [--layout classic-layout|dynamic-forms] [--highlights standard|dynamic] [--shadow synthetic|native]\n' +
      '  [--related standard|grid|tiles|dynamic-grid|dynamic-tiles] [--datatable table|role-based]',
  );
  process.exit(0);
}

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`Invalid --port ${values.port}`);
  process.exit(2);
}
const delay = values.delay === undefined ? undefined : Number(values.delay);
if (delay !== undefined && (!Number.isFinite(delay) || delay < 0)) {
  console.error(`Invalid --delay ${values.delay}`);
  process.exit(2);
}

let variants: Partial<PageVariants>;
try {
  const given = Object.entries(VARIANT_FLAGS).filter(([flag]) => values[flag as keyof typeof VARIANT_FLAGS]);
  variants = parsePageVariants(
    Object.fromEntries(given.map(([flag, name]) => [name, values[flag as keyof typeof VARIANT_FLAGS]])),
  );
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}

const org = await startFakeOrg({
  port,
  host: values.host,
  // A multi-currency org (USD corporate, EUR and GBP deals) answers grouped sums in dollars, as Salesforce does.
  ...(values['multi-currency'] ? { data: createSeedData(new Date(), { multiCurrency: true }) } : {}),
  ui: { ...(delay === undefined ? {} : { renderDelayMs: delay }), ...variants },
});
const sid = org.rest.createSession();
console.log(`Fake Salesforce org "${org.state.org.Name}" (org id ${org.state.org.Id}) is running.

  Lightning home        ${org.lightningOrigin}/lightning/page/home
  Opportunity list      ${org.lightningOrigin}/lightning/o/Opportunity/list?filterName=Recent
  Opportunity record    ${org.opportunityUrl(DEMO_OPPORTUNITY_IDS.flagship)}
  Name with HTML        ${org.opportunityUrl(DEMO_OPPORTUNITY_IDS.htmlName)}
  Classic record        ${org.classicOpportunityUrl(DEMO_OPPORTUNITY_IDS.flagship.slice(0, 15))}

  REST API              ${org.classicOrigin}/services/data/
  Sign in (API session) ${org.frontdoorUrl(sid)}
  Session id            ${sid}
  Faults                POST/DELETE ${org.classicOrigin}/__fake/faults  (more sessions: POST /__fake/sessions)

Start Chromium with:
  --host-resolver-rules="MAP *.lightning.force.com 127.0.0.1, MAP *.my.salesforce.com 127.0.0.1"
  --ignore-certificate-errors

Page variants ${Object.entries(PAGE_VARIANT_URL_PARAMS)
  .map(([name, param]) => `${name}=${org.ui[name as keyof PageVariants]} (?${param}=)`)
  .join(', ')}

Ctrl-C stops the server.`);

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  org.close().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
