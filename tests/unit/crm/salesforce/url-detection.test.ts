import { afterEach, describe, expect, it, vi } from 'vitest';
import * as detection from '../../../../lib/crm/salesforce/url-detection';
import { getLeadId, getOpportunityId, getRecordRef } from '../../../../lib/crm/salesforce/url-detection';

// Ids with correct checksums (15 → 18 as lib/record-id.ts computes them).
const OPP_15 = '006Ak00000BcDeF';
const OPP_18 = '006Ak00000BcDeFIAV';
const OPP2_15 = '0065g00000XyZ12';
const OPP2_18 = '0065g00000XyZ12AAF';
const ACCOUNT_15 = '001M000000qfPyS';
const ACCOUNT_18 = '001M000000qfPySIAU';
const CONTACT_18 = '0035g00000LmNoPAAV';
const CASE_18 = '500Ak00000AbCdEIAV';
const CUSTOM_18 = 'a0B5g00000QrStUEAV';
const LIST_VIEW_18 = '00BAk000001AbCdMAK';
const LEAD_15 = '00QAk00000LmNoP';
const LEAD_18 = '00QAk00000LmNoPMAV';
const LEAD2_18 = '00Q5g00000AbC12EAF';

const PROD = 'https://acme.lightning.force.com';
const SANDBOX = 'https://acme--uat.sandbox.lightning.force.com';
const DEVELOP = 'https://acme-dev-ed.develop.lightning.force.com';
const SCRATCH = 'https://power-drive-1234.scratch.lightning.force.com';
const TEST_ORG = 'https://acme.lightning.force.com:8443';
const CLASSIC = 'https://acme.my.salesforce.com';
const CLASSIC_SANDBOX = 'https://acme--uat.sandbox.my.salesforce.com';

const ws = (path: string) => `ws=${encodeURIComponent(path)}`;

type Detector = {
  [K in keyof typeof detection]: K extends `is${string}` ? K : never;
}[keyof typeof detection];

/** Each detector's real URLs. A URL must match exactly the detectors it is listed under (plus `implied`). */
const matrix: Record<Detector, string[]> = {
  isLightningRecordPage: [
    `${PROD}/lightning/r/Account/${ACCOUNT_18}/view`,
    `${SANDBOX}/lightning/r/Account/${ACCOUNT_15}/view`,
    `${PROD}/lightning/r/${ACCOUNT_18}/view`,
    `${DEVELOP}/lightning/r/Contact/${CONTACT_18}/view`,
    `${SCRATCH}/lightning/r/Case/${CASE_18}/edit`,
    `${PROD}/lightning/r/Partner_Program__c/${CUSTOM_18}/view`,
    `${PROD}/lightning/r/pl__Deal_Registration__c/${CUSTOM_18}/view`,
    `${PROD}/lightning/r/Account/${ACCOUNT_18}/view?0.source=alohaHeader`,
    // Console: the path is the focused sub-tab (an Account), the workspace tab is an Opportunity.
    `${PROD}/lightning/r/Account/${ACCOUNT_18}/view?${ws(`/lightning/r/Opportunity/${OPP_18}/view`)}`,
    `${PROD}/one/one.app#/sObject/${ACCOUNT_18}/view`,
  ],
  isOpportunityRecordPage: [
    `${PROD}/lightning/r/Opportunity/${OPP_18}/view`,
    `${PROD}/lightning/r/Opportunity/${OPP_15}/view`,
    `${SANDBOX}/lightning/r/Opportunity/${OPP2_18}/view`,
    `${DEVELOP}/lightning/r/Opportunity/${OPP2_15}/view`,
    `${SCRATCH}/lightning/r/Opportunity/${OPP_18}/view`,
    `${TEST_ORG}/lightning/r/Opportunity/${OPP_18}/view`,
    `${PROD}/lightning/r/${OPP_18}/view`,
    `${SANDBOX}/lightning/r/${OPP_15}/view`,
    `${PROD}/lightning/r/Opportunity/${OPP_18}/edit`,
    `${PROD}/lightning/r/${OPP2_15}/edit`,
    `${PROD}/lightning/r/Opportunity/${OPP_18}/view/`,
    `${PROD}/lightning/r/opportunity/${OPP_18}/view`,
    `${PROD}/lightning/r/Opportunity/${OPP_18}/view?0.source=alohaHeader`,
    `${PROD}/lightning/r/Opportunity/${OPP_18}/edit?count=1&backgroundContext=%2Flightning%2Fr%2FOpportunity%2F${OPP_18}%2Fview`,
    `${PROD}/lightning/r/Opportunity/${OPP_18}/view?${ws(`/lightning/r/Account/${ACCOUNT_18}/view`)}`,
    `${SANDBOX}/lightning/r/Opportunity/${OPP_15}/view?${ws(`/lightning/r/Account/${ACCOUNT_15}/view`)}`,
    `${PROD}/lightning/r/Opportunity/${OPP_18}/view#section`,
    `${PROD}/one/one.app#/sObject/${OPP_18}/view`,
    `${SANDBOX}/one/one.app#/sObject/${OPP_15}/view`,
    `${PROD}/one/one.app#/sObject/${OPP_18}/edit`,
    `${PROD}/one/one.app#/sObject/${OPP_18}/view?a:t=1497034870431`,
  ],
  isRelatedListPage: [
    `${PROD}/lightning/r/Opportunity/${OPP_18}/related/OpportunityContactRoles/view`,
    `${SANDBOX}/lightning/r/Opportunity/${OPP_15}/related/OpportunityLineItems/view`,
    `${PROD}/lightning/r/Account/${ACCOUNT_18}/related/Opportunities/view`,
    `${PROD}/lightning/r/${OPP_18}/related/Partners/view`,
    `${DEVELOP}/lightning/r/Opportunity/${OPP_18}/related/Partner_Attributions__r/view?${ws(`/lightning/r/Opportunity/${OPP_18}/view`)}`,
  ],
  isDynamicRelatedListViewAll: [
    `${PROD}/lightning/cmp/force__dynamicRelatedListViewAll?force__flexipageId=Account_Record_Page&force__cmpId=lst_dynamicRelatedList&force__recordId=${ACCOUNT_18}`,
    `${SANDBOX}/lightning/cmp/force__dynamicRelatedListViewAll?force__recordId=${ACCOUNT_15}`,
  ],
  isListView: [
    `${PROD}/lightning/o/Account/list?filterName=Recent`,
    `${SANDBOX}/lightning/o/Lead/list?filterName=${LIST_VIEW_18}`,
    `${PROD}/lightning/o/Partner_Program__c/list`,
  ],
  isOpportunityListView: [
    `${PROD}/lightning/o/Opportunity/list?filterName=Recent`,
    `${PROD}/lightning/o/Opportunity/list?filterName=__Recent`,
    `${SANDBOX}/lightning/o/Opportunity/list?filterName=AllOpportunities`,
    `${DEVELOP}/lightning/o/Opportunity/list?filterName=${LIST_VIEW_18}`,
    `${SCRATCH}/lightning/o/Opportunity/list?filterName=00BAk000001AbCd`,
    `${TEST_ORG}/lightning/o/Opportunity/list`,
    `${PROD}/lightning/o/Opportunity/list?filterName=MyOpportunities&navigationLocation=LIST_VIEW`,
  ],
  isObjectHome: [
    `${PROD}/lightning/o/Opportunity/home`,
    `${SANDBOX}/lightning/o/Account/home`,
    `${PROD}/lightning/o/Partner_Program__c/home?queryScope=mru`,
  ],
  isPipelineInspection: [
    `${PROD}/lightning/o/Opportunity/pipelineInspection?filterName=${LIST_VIEW_18}`,
    `${SANDBOX}/lightning/o/Opportunity/pipelineInspection`,
  ],
  isClassicRecordPage: [
    `${CLASSIC}/${ACCOUNT_15}`,
    `${CLASSIC_SANDBOX}/${ACCOUNT_18}`,
    `${CLASSIC}/${CUSTOM_18}?nooverride=1`,
  ],
  isClassicOpportunityPage: [
    `${CLASSIC}/${OPP_15}`,
    `${CLASSIC}/${OPP_18}`,
    `${CLASSIC}/${OPP_15}?srPos=0&srKp=006`,
    `${CLASSIC_SANDBOX}/${OPP2_15}`,
    `https://acme-dev-ed.develop.my.salesforce.com/${OPP2_18}`,
    `https://power-drive-1234.scratch.my.salesforce.com/${OPP_15}`,
    `https://acme.my.salesforce.com:8443/${OPP_15}`,
  ],
  isLeadRecordPage: [
    `${PROD}/lightning/r/Lead/${LEAD_18}/view`,
    `${SANDBOX}/lightning/r/Lead/${LEAD_15}/view`,
    `${PROD}/lightning/r/${LEAD2_18}/view`,
    `${TEST_ORG}/lightning/r/Lead/${LEAD_18}/edit`,
    `${PROD}/lightning/r/lead/${LEAD_18}/view?${ws(`/lightning/r/Account/${ACCOUNT_18}/view`)}`,
    `${PROD}/one/one.app#/sObject/${LEAD_18}/view`,
  ],
  isClassicLeadPage: [
    `${CLASSIC}/${LEAD_15}`,
    `${CLASSIC_SANDBOX}/${LEAD2_18}`,
    `https://acme.my.salesforce.com:8443/${LEAD_18}`,
  ],
};

/** Detectors that are refinements of another: matching the first means matching the second. */
const implied: Partial<Record<Detector, Detector[]>> = {
  isOpportunityRecordPage: ['isLightningRecordPage'],
  isOpportunityListView: ['isListView'],
  isClassicOpportunityPage: ['isClassicRecordPage'],
  isLeadRecordPage: ['isLightningRecordPage'],
  isClassicLeadPage: ['isClassicRecordPage'],
};

/** URLs that no detector may match. */
const matchesNothing = [
  // Not URLs at all.
  '',
  'garbage',
  `/lightning/r/Opportunity/${OPP_18}/view`,
  'http://',
  'javascript:alert(1)',
  '\u0000\uffff',
  // Look-alike and foreign hosts.
  `https://lightning.force.com/lightning/r/Opportunity/${OPP_18}/view`,
  `https://acme.lightning.force.com.evil.com/lightning/r/Opportunity/${OPP_18}/view`,
  `https://evilsalesforce.com/${OPP_15}`,
  `https://acme.my.salesforce.com.evil.com/${OPP_15}`,
  `https://acme.lightning.force.com@evil.com/lightning/r/Opportunity/${OPP_18}/view`,
  `https://evil.com/lightning/r/Opportunity/${OPP_18}/view?acme.lightning.force.com`,
  `https://evil.com/#https://acme.lightning.force.com/lightning/r/Opportunity/${OPP_18}/view`,
  `https://acme--c.vf.force.com/apex/Opportunity?id=${OPP_18}`,
  `https://acme.my.salesforce-setup.com/lightning/setup/SetupOneHome/home`,
  `https://acme.my.site.com/s/opportunity/${OPP_18}/view`,
  // Wrong or malformed ids.
  `${PROD}/lightning/r/Opportunity/006Ak00000BcDeFIAW/view`,
  `${PROD}/lightning/r/Opportunity/006Ak00000BcDeFX/view`,
  `${PROD}/lightning/r/Opportunity/006Ak00000BcDe/view`,
  `${PROD}/lightning/r/Opportunity/006Ak00000BcDe%21/view`,
  `${PROD}/lightning/r/006Ak00000BcDeFIAW/view`,
  `${PROD}/one/one.app#/sObject/006Ak00000BcDeFIAW/view`,
  `${CLASSIC}/006Ak00000BcDeFIAW`,
  // An id of one object under another object's name.
  `${PROD}/lightning/r/Opportunity/${ACCOUNT_18}/view`,
  `${PROD}/lightning/r/Opportunity/${ACCOUNT_15}/edit`,
  `${PROD}/lightning/r/Account/${OPP_18}/view`,
  `${PROD}/lightning/r/Lead/${OPP_18}/view`,
  `${PROD}/lightning/r/Opportunity/${LEAD_18}/view`,
  `${CLASSIC}/00Q/o`,
  `${PROD}/lightning/r/Opportunity/${ACCOUNT_18}/related/Opportunities/view`,
  // Other Lightning pages.
  `${PROD}/lightning/page/home`,
  `${PROD}/lightning/r/Opportunity/${OPP_18}/view/extra`,
  `${PROD}/lightning/r/Opportunity/${OPP_18}`,
  `${PROD}/lightning/r/Opportunity/${OPP_18}/clone`,
  `${PROD}/lightning/r/Opportunity/${OPP_18}/related/OpportunityContactRoles`,
  `${PROD}/lightning/o/Opportunity/new`,
  `${PROD}/lightning/o/Opportunity/new?count=1`,
  `${PROD}/lightning/o/Opportunity`,
  `${PROD}/lightning/o/Opportunity/list/extra`,
  `${PROD}/lightning/o/Account/pipelineInspection`,
  `${PROD}/lightning/setup/ObjectManager/Opportunity/view`,
  `${PROD}/lightning/n/Partner_Ledger`,
  // A View All page without a valid record id, another component, the View All page on the Classic host.
  `${PROD}/lightning/cmp/force__dynamicRelatedListViewAll`,
  `${PROD}/lightning/cmp/force__dynamicRelatedListViewAll?force__recordId=001M000000qfPySIAW`,
  `${PROD}/lightning/cmp/c__partnerLedger?force__recordId=${ACCOUNT_18}`,
  `${CLASSIC}/lightning/cmp/force__dynamicRelatedListViewAll?force__recordId=${ACCOUNT_18}`,
  // A workspace tab that is an opportunity does not make the focused page one.
  `${PROD}/lightning/page/home?${ws(`/lightning/r/Opportunity/${OPP_18}/view`)}`,
  `${PROD}/one/one.app`,
  `${PROD}/one/one.app#/sObject/Opportunity/home`,
  `${PROD}/one/one.app#/sObject/${OPP_18}/view/extra`,
  `${PROD}/${OPP_15}`,
  // Classic pages that are not a record's detail.
  `${CLASSIC}/006/o`,
  `${CLASSIC}/006/e`,
  `${CLASSIC}/006`,
  `${CLASSIC}/${OPP_15}/e?retURL=%2F${OPP_15}`,
  `${CLASSIC}/${OPP_15}/`,
  `${CLASSIC}/home/home.jsp`,
  `${CLASSIC}/apex/PartnerPage`,
  `${CLASSIC}/lightning/r/Opportunity/${OPP_18}/view`,
  `${CLASSIC}/one/one.app#/sObject/${OPP_18}/view`,
];

const detectors = Object.entries(detection).filter((entry): entry is [Detector, (url?: detection.UrlLike) => boolean] =>
  entry[0].startsWith('is'),
);

function expectedFor(url: string): Set<Detector> {
  const expected = new Set<Detector>();
  for (const [name, urls] of Object.entries(matrix) as Array<[Detector, string[]]>) {
    if (!urls.includes(url)) continue;
    expected.add(name);
    for (const parent of implied[name] ?? []) expected.add(parent);
  }
  return expected;
}

function withHost(url: string, host: string): string {
  const copy = new URL(url);
  copy.host = host;
  return copy.href;
}

const allExamples = [...new Set(Object.values(matrix).flat())];

const LIGHTNING_HOSTS = [
  'acme.lightning.force.com',
  'acme--uat.sandbox.lightning.force.com',
  'acme-dev-ed.develop.lightning.force.com',
  'power-drive-1234.scratch.lightning.force.com',
  'acme.lightning.force.com:8443',
  'acme.lightning.force.mil',
];
const CLASSIC_HOSTS = [
  'acme.my.salesforce.com',
  'acme--uat.sandbox.my.salesforce.com',
  'acme-dev-ed.develop.my.salesforce.com',
  'power-drive-1234.scratch.my.salesforce.com',
  'acme.my.salesforce.com:8443',
];
const FOREIGN_HOSTS = [
  'acme.lightning.force.com.evil.com',
  'evilsalesforce.com',
  'acme.my.salesforce-setup.com',
  'acme.vf.force.com',
  'localhost:8443',
];

describe('the matrix', () => {
  it('lists real URLs for every detector', () => {
    expect(detectors.map(([name]) => name).sort()).toEqual(Object.keys(matrix).sort());
    for (const [name, urls] of Object.entries(matrix)) expect(urls.length, name).toBeGreaterThan(0);
  });

  it('does not list a URL as both a match and a non-match', () => {
    expect(allExamples.filter((url) => matchesNothing.includes(url))).toEqual([]);
  });
});

describe.each(detectors)('%s', (name, detect) => {
  it.each(allExamples)('on %s', (url) => {
    expect(detect(url)).toBe(expectedFor(url).has(name));
  });

  it.each(matchesNothing)('is false on %j', (url) => {
    expect(detect(url)).toBe(false);
  });
});

describe('hosts', () => {
  const lightningExamples = allExamples.filter((url) => new URL(url).hostname.includes('.lightning.'));
  const classicExamples = allExamples.filter((url) => new URL(url).hostname.includes('.my.'));

  it('sorts every example by host kind', () => {
    expect(lightningExamples.length + classicExamples.length).toBe(allExamples.length);
  });

  it('matches the same detectors on every Lightning host', () => {
    for (const url of lightningExamples) {
      const expected = [...expectedFor(url)].sort();
      for (const host of LIGHTNING_HOSTS) {
        const moved = withHost(url, host);
        expect(
          detectors
            .filter(([, detect]) => detect(moved))
            .map(([name]) => name)
            .sort(),
          moved,
        ).toEqual(expected);
      }
    }
  });

  it('matches the same detectors on every Classic host', () => {
    for (const url of classicExamples) {
      const expected = [...expectedFor(url)].sort();
      for (const host of CLASSIC_HOSTS) {
        const moved = withHost(url, host);
        expect(
          detectors
            .filter(([, detect]) => detect(moved))
            .map(([name]) => name)
            .sort(),
          moved,
        ).toEqual(expected);
      }
    }
  });

  it('matches nothing when a page moves to the other kind of host or off Salesforce', () => {
    const moves = [
      ...lightningExamples.flatMap((url) => [...CLASSIC_HOSTS, ...FOREIGN_HOSTS].map((host) => withHost(url, host))),
      ...classicExamples.flatMap((url) => [...LIGHTNING_HOSTS, ...FOREIGN_HOSTS].map((host) => withHost(url, host))),
    ];
    for (const moved of moves) {
      expect(
        detectors.filter(([, detect]) => detect(moved)).map(([name]) => name),
        moved,
      ).toEqual([]);
      expect(getRecordRef(moved), moved).toBeUndefined();
    }
  });
});

describe('getRecordRef', () => {
  it.each([
    [
      `${PROD}/lightning/r/Opportunity/${OPP_15}/view`,
      { objectApiName: 'Opportunity', recordId: OPP_18, mode: 'view' },
    ],
    [
      `${SANDBOX}/lightning/r/Opportunity/${OPP_18}/edit`,
      { objectApiName: 'Opportunity', recordId: OPP_18, mode: 'edit' },
    ],
    [`${PROD}/lightning/r/${OPP2_15}/view`, { recordId: OPP2_18, mode: 'view' }],
    [
      `${PROD}/lightning/r/Account/${ACCOUNT_15}/view`,
      { objectApiName: 'Account', recordId: ACCOUNT_18, mode: 'view' },
    ],
    [
      `${PROD}/lightning/r/Partner_Program__c/${CUSTOM_18}/view`,
      { objectApiName: 'Partner_Program__c', recordId: CUSTOM_18, mode: 'view' },
    ],
    [`${PROD}/one/one.app#/sObject/${OPP_15}/edit`, { recordId: OPP_18, mode: 'edit' }],
    [`${CLASSIC}/${OPP_15}`, { recordId: OPP_18, mode: 'view' }],
    [`${CLASSIC_SANDBOX}/${ACCOUNT_18}`, { recordId: ACCOUNT_18, mode: 'view' }],
    // Console: the focused sub-tab wins over the workspace tab.
    [
      `${PROD}/lightning/r/Opportunity/${OPP_18}/view?${ws(`/lightning/r/Account/${ACCOUNT_18}/view`)}`,
      { objectApiName: 'Opportunity', recordId: OPP_18, mode: 'view' },
    ],
    [
      `${PROD}/lightning/r/Account/${ACCOUNT_18}/view?${ws(`/lightning/r/Opportunity/${OPP_18}/view`)}`,
      { objectApiName: 'Account', recordId: ACCOUNT_18, mode: 'view' },
    ],
  ])('%s', (url, expected) => {
    expect(getRecordRef(url)).toEqual(expected);
  });

  it('is undefined on pages about many records', () => {
    for (const url of [
      ...matrix.isRelatedListPage,
      ...matrix.isListView,
      ...matrix.isOpportunityListView,
      ...matrix.isObjectHome,
      ...matrix.isPipelineInspection,
    ]) {
      expect(getRecordRef(url), url).toBeUndefined();
    }
  });
});

describe('getOpportunityId', () => {
  it('answers the 18-character id on every opportunity record page', () => {
    for (const url of [...matrix.isOpportunityRecordPage, ...matrix.isClassicOpportunityPage]) {
      const id = getOpportunityId(url);
      expect([OPP_18, OPP2_18], url).toContain(id);
      expect(url.includes(id!.slice(0, 15)), url).toBe(true);
    }
  });

  it('is undefined on every other page', () => {
    const others = allExamples.filter(
      (url) => !matrix.isOpportunityRecordPage.includes(url) && !matrix.isClassicOpportunityPage.includes(url),
    );
    expect(others.length).toBeGreaterThan(20);
    for (const url of [...others, ...matchesNothing]) expect(getOpportunityId(url), url).toBeUndefined();
  });
});

describe('getLeadId', () => {
  it('answers the 18-character id on every lead record page, and nothing elsewhere', () => {
    for (const url of [...matrix.isLeadRecordPage, ...matrix.isClassicLeadPage]) {
      const id = getLeadId(url);
      expect([LEAD_18, LEAD2_18], url).toContain(id);
      expect(url.includes(id!.slice(0, 15)), url).toBe(true);
    }
    const others = allExamples.filter(
      (url) => !matrix.isLeadRecordPage.includes(url) && !matrix.isClassicLeadPage.includes(url),
    );
    for (const url of [...others, ...matchesNothing]) expect(getLeadId(url), url).toBeUndefined();
  });
});

describe('inputs', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('reads the current location by default', () => {
    vi.stubGlobal('location', new URL(`${SANDBOX}/lightning/r/Opportunity/${OPP_15}/view`));
    expect(detection.isOpportunityRecordPage()).toBe(true);
    expect(detection.isListView()).toBe(false);
    expect(getOpportunityId()).toBe(OPP_18);

    vi.stubGlobal('location', new URL(`${SANDBOX}/lightning/o/Opportunity/list?filterName=Recent`));
    expect(detection.isOpportunityRecordPage()).toBe(false);
    expect(detection.isOpportunityListView()).toBe(true);
    expect(getRecordRef()).toBeUndefined();
  });

  it('accepts URL objects and links', () => {
    expect(detection.isOpportunityRecordPage(new URL(`${PROD}/lightning/r/${OPP_18}/view`))).toBe(true);
    const link = document.createElement('a');
    link.href = `${PROD}/lightning/r/Opportunity/${OPP_15}/view`;
    expect(getOpportunityId(link)).toBe(OPP_18);
  });

  it('never throws on garbage', () => {
    const garbage = [null, 42, {}, { href: 42 }, [], Symbol.iterator] as unknown as string[];
    for (const value of garbage) {
      for (const [name, detect] of detectors) expect(detect(value), name).toBe(false);
      expect(getRecordRef(value)).toBeUndefined();
      expect(getOpportunityId(value)).toBeUndefined();
    }
  });
});
