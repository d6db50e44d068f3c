/**
 * Seed data of the fake Salesforce org: one org, its users, customer and partner accounts, and opportunities.
 *
 * Records use Salesforce API field names so the same objects can back both the UI pages and the REST API.
 * Everything is deterministic for a given `now`: ids never depend on time, and dates are computed relative to
 * `now` so "this week" and "today" always have data whenever the tests run.
 */
import { KEY_PREFIXES, toId18 } from '../../lib/record-id';
import { seedLeads, type Lead } from './leads';
import { seededRandom as random } from './random';

export type StageName =
  | 'Prospecting'
  | 'Qualification'
  | 'Needs Analysis'
  | 'Value Proposition'
  | 'Id. Decision Makers'
  | 'Perception Analysis'
  | 'Proposal/Price Quote'
  | 'Negotiation/Review'
  | 'Closed Won'
  | 'Closed Lost';

export type ForecastCategoryName = 'Omitted' | 'Pipeline' | 'Best Case' | 'Commit' | 'Closed';

export type LeadSource = 'Web' | 'Phone Inquiry' | 'Partner Referral' | 'Purchased List' | 'Other';

export type OpportunityType = 'New Business' | 'Existing Customer - Upgrade' | 'Existing Customer - Renewal';

export type PartnerType =
  | 'system-integrator'
  | 'reseller-channel'
  | 'technology-alliance'
  | 'oem-embedded'
  | 'strategic-gtm-co-sell'
  | 'isv-marketplace';

export const PARTNER_TYPE_LABELS: Record<PartnerType, string> = {
  'system-integrator': 'System Integrator',
  'reseller-channel': 'Reseller / Channel',
  'technology-alliance': 'Technology Alliance',
  'oem-embedded': 'OEM / Embedded',
  'strategic-gtm-co-sell': 'Strategic / GTM Co-sell',
  'isv-marketplace': 'ISV / Marketplace',
};

export interface StageDefinition {
  name: StageName;
  probability: number;
  forecastCategory: ForecastCategoryName;
  isClosed: boolean;
  isWon: boolean;
}

/** The standard opportunity stage picklist with its default probability and forecast category. */
export const STAGES: readonly StageDefinition[] = [
  { name: 'Prospecting', probability: 10, forecastCategory: 'Pipeline', isClosed: false, isWon: false },
  { name: 'Qualification', probability: 10, forecastCategory: 'Pipeline', isClosed: false, isWon: false },
  { name: 'Needs Analysis', probability: 20, forecastCategory: 'Pipeline', isClosed: false, isWon: false },
  { name: 'Value Proposition', probability: 50, forecastCategory: 'Pipeline', isClosed: false, isWon: false },
  { name: 'Id. Decision Makers', probability: 60, forecastCategory: 'Pipeline', isClosed: false, isWon: false },
  { name: 'Perception Analysis', probability: 70, forecastCategory: 'Best Case', isClosed: false, isWon: false },
  { name: 'Proposal/Price Quote', probability: 75, forecastCategory: 'Best Case', isClosed: false, isWon: false },
  { name: 'Negotiation/Review', probability: 90, forecastCategory: 'Commit', isClosed: false, isWon: false },
  { name: 'Closed Won', probability: 100, forecastCategory: 'Closed', isClosed: true, isWon: true },
  { name: 'Closed Lost', probability: 0, forecastCategory: 'Omitted', isClosed: true, isWon: false },
];

export function stageDefinition(name: StageName): StageDefinition {
  const stage = STAGES.find((candidate) => candidate.name === name);
  if (!stage) throw new Error(`Unknown stage ${name}`);
  return stage;
}

export interface Organization {
  Id: string;
  Name: string;
  /** The My Domain name: `<MyDomain>.lightning.force.com`, `<MyDomain>.my.salesforce.com`. */
  MyDomain: string;
  DefaultCurrencyIsoCode: string;
  /** False: amounts carry no CurrencyIsoCode. */
  IsMultiCurrency: boolean;
  OrganizationType: string;
  InstanceName: string;
  /** The user the browser is signed in as. */
  CurrentUserId: string;
  /** The org's time zone (Salesforce `TimeZoneSidKey`): SOQL date literals such as TODAY and THIS_WEEK use it. */
  TimeZoneSidKey: string;
  /** Org-wide switch: false answers every REST call with 403 API_DISABLED_FOR_ORG (as API Access Control does). */
  apiEnabled: boolean;
}

export interface User {
  Id: string;
  Name: string;
  FirstName: string;
  LastName: string;
  Alias: string;
  Username: string;
  Email: string;
  Title: string;
  IsActive: boolean;
  /** The "API Enabled" permission: false answers this user's REST calls with 403 API_DISABLED_FOR_ORG. */
  apiEnabled: boolean;
  /** The user's locale (Salesforce `LocaleSidKey`, e.g. `en_US`, `en_GB`): how the UI formats dates. */
  LocaleSidKey: string;
  /** Opportunity field paths the user's profile cannot read (rest/field-access.ts); none when absent. */
  hiddenFields?: string[];
  /** Partner Ledger permission sets assigned beyond Partner_Ledger_User (rest/object-access.ts). */
  permissionSets?: string[];
}

export interface Account {
  Id: string;
  Name: string;
  /** 'Partner' for partner accounts. */
  Type: 'Customer - Direct' | 'Customer - Channel' | 'Prospect' | 'Partner';
  Industry: string;
  BillingCity: string;
  BillingState: string | null;
  BillingCountry: string;
  Website: string;
  OwnerId: string;
  CreatedDate: string;
  IsPartner: boolean;
  /** Custom fields describing partner accounts; null on customer accounts. */
  Partner_Type__c: PartnerType | null;
  Partner_Tier__c: 'Platinum' | 'Gold' | 'Silver' | 'Registered' | null;
}

export interface PartnerAccount extends Account {
  IsPartner: true;
  Partner_Type__c: PartnerType;
  Partner_Tier__c: 'Platinum' | 'Gold' | 'Silver' | 'Registered';
}

export interface Opportunity {
  Id: string;
  Name: string;
  AccountId: string;
  OwnerId: string;
  CreatedById: string;
  /** Null on purpose for some records: Amount is optional in Salesforce. */
  Amount: number | null;
  /** Date only, `YYYY-MM-DD`. */
  CloseDate: string;
  StageName: StageName;
  Probability: number;
  ForecastCategoryName: ForecastCategoryName;
  IsClosed: boolean;
  IsWon: boolean;
  LeadSource: LeadSource | null;
  Type: OpportunityType;
  /** ISO 8601 instants (UTC, `…Z`). */
  CreatedDate: string;
  LastModifiedDate: string;
  SystemModstamp: string;
  /** Only read when `org.IsMultiCurrency` is true; absent means the org's default currency. */
  CurrencyIsoCode?: string;
}

/** A value of a custom object record's field, as the REST API stores it (dates as ISO strings). */
export type FieldValue = string | number | boolean | null;
export type CustomRecord = Record<string, FieldValue>;

/** One org-side custom object: whether its metadata is deployed, and its records (never hard-deleted). */
export interface CustomObjectData {
  installed: boolean;
  records: CustomRecord[];
  /** The sequence number of the last record id handed out. */
  lastSequence: number;
}

/** A currency of a multi-currency org, as `CurrencyType` describes it. */
export interface CurrencyTypeRow {
  Id: string;
  IsoCode: string;
  /** Units of this currency per one unit of the corporate currency (1 for the corporate one). */
  ConversionRate: number;
  IsCorporate: boolean;
  IsActive: boolean;
  DecimalPlaces: number;
}

export interface OrgData {
  org: Organization;
  /** The org's currencies (queryable as `CurrencyType` only when `org.IsMultiCurrency`). */
  currencyTypes: CurrencyTypeRow[];
  users: User[];
  /** Customer and partner accounts (partners have `IsPartner: true`). */
  accounts: Account[];
  opportunities: Opportunity[];
  /** Leads (leads.ts), converted ones included: conversion keeps the lead. */
  leads: Lead[];
  /** Live My Domain sessions: session id (`<15-char org id>!<random>`) → user id. Only these work for the REST API. */
  sessions: Record<string, string>;
  /** Live sessions of the Lightning host (its own `sid` cookie) → user id. The REST API refuses them. */
  lightningSessions: Record<string, string>;
  /** The org's daily API request allocation and how much of it is used. */
  apiUsage: { used: number; limit: number };
  /** The Partner Ledger objects deployed to the org. */
  customObjects: {
    Partner_Attribution__c: CustomObjectData;
    Partner_Attribution_Summary__c: CustomObjectData;
    /** The team's rules: at most one record (Key__c = team), changed only by admins. */
    Partner_Ledger_Rules__c: CustomObjectData;
    /** The team's partner roster: unique External_Id__c and Partner_Key__c. */
    Partner_Ledger_Partner__c: CustomObjectData;
  };
}

/** Developer Edition's daily allocation of API requests. */
export const DEFAULT_API_LIMIT = 15_000;

// ---------------------------------------------------------------------------------------------------------
// Ids

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/**
 * A valid, deterministic 18-character record id: key prefix + pod-like "Ka" + zeros + the sequence number
 * in base 62 + a mixed-case tail (so the checksum is not trivially "AAA").
 */
export function makeRecordId(prefix: string, sequence: number): string {
  if (!/^[0-9A-Za-z]{3}$/.test(prefix)) throw new Error(`Bad key prefix ${prefix}`);
  let encoded = '';
  let rest = sequence;
  do {
    encoded = BASE62.charAt(rest % 62) + encoded;
    rest = Math.floor(rest / 62);
  } while (rest > 0);
  if (encoded.length > 3) throw new Error(`Sequence ${sequence} is too large`);
  const id15 = `${prefix}Ka00000${encoded.padStart(3, '0')}Qz`;
  const id18 = toId18(id15);
  if (!id18) throw new Error(`Could not build an id from ${id15}`);
  return id18;
}

export const ORG_ID = makeRecordId(KEY_PREFIXES.Organization, 1);
export const userId = (n: number): string => makeRecordId(KEY_PREFIXES.User, n);
export const accountId = (n: number): string => makeRecordId(KEY_PREFIXES.Account, n);
export const opportunityId = (n: number): string => makeRecordId(KEY_PREFIXES.Opportunity, n);

// ---------------------------------------------------------------------------------------------------------
// Users and accounts (fixed)

const USER_ROWS: Array<[first: string, last: string, alias: string, title: string]> = [
  ['Dana', 'Reyes', 'dreyes', 'Account Executive'],
  ['Sam', 'Patel', 'spatel', 'Account Executive'],
  ['Priya', 'Natarajan', 'pnata', 'Senior Account Executive'],
  ['Marcus', 'Oyelaran', 'moyel', 'Account Executive'],
  ['Jordan', 'Kim', 'jkim', 'Partner Manager'],
  ['Alex', 'Morgan', 'amorg', 'Sales Operations Manager'],
];

/** The permission set that lets a user change the team's rules (salesforce/ permissionsets). */
export const PARTNER_LEDGER_ADMIN = 'Partner_Ledger_Admin';

export const USER_IDS = {
  danaReyes: userId(1),
  samPatel: userId(2),
  priyaNatarajan: userId(3),
  marcusOyelaran: userId(4),
  /** The partner manager; the signed-in user. */
  jordanKim: userId(5),
  alexMorgan: userId(6),
} as const;

const ACCOUNT_EXECUTIVES = [USER_IDS.danaReyes, USER_IDS.samPatel, USER_IDS.priyaNatarajan, USER_IDS.marcusOyelaran];

type CustomerRow = [
  name: string,
  type: Account['Type'],
  industry: string,
  city: string,
  state: string | null,
  country: string,
  website: string,
];

const CUSTOMER_ROWS: CustomerRow[] = [
  [
    'Contoso Pharmaceuticals',
    'Customer - Direct',
    'Healthcare',
    'Boston',
    'MA',
    'United States',
    'contoso-pharma.example',
  ],
  [
    'Fabrikam Logistics',
    'Customer - Direct',
    'Transportation',
    'Chicago',
    'IL',
    'United States',
    'fabrikam-logistics.example',
  ],
  ['Tailspin Toys', 'Customer - Channel', 'Retail', 'Seattle', 'WA', 'United States', 'tailspintoys.example'],
  ['Wingtip Outdoor Gear', 'Prospect', 'Retail', 'Denver', 'CO', 'United States', 'wingtip-outdoor.example'],
  [
    'Litware Financial Group',
    'Customer - Direct',
    'Financial Services',
    'New York',
    'NY',
    'United States',
    'litware-fg.example',
  ],
  [
    'Adventure Works Cycles',
    'Customer - Channel',
    'Manufacturing',
    'Portland',
    'OR',
    'United States',
    'adventure-works.example',
  ],
  ['Proseware Health', 'Prospect', 'Healthcare', 'Minneapolis', 'MN', 'United States', 'proseware-health.example'],
  ['Woodgrove Bank', 'Customer - Direct', 'Banking', 'Charlotte', 'NC', 'United States', 'woodgrovebank.example'],
  ['Lucerne Publishing', 'Customer - Direct', 'Media', 'London', null, 'United Kingdom', 'lucerne-publishing.example'],
  ['Trey Research', 'Prospect', 'Biotechnology', 'San Diego', 'CA', 'United States', 'treyresearch.example'],
  ['Coho Winery', 'Customer - Channel', 'Consumer Goods', 'Napa', 'CA', 'United States', 'cohowinery.example'],
  [
    'Blue Yonder Airlines',
    'Customer - Direct',
    'Transportation',
    'Dallas',
    'TX',
    'United States',
    'blueyonder-air.example',
  ],
];

type PartnerRow = [
  name: string,
  type: PartnerType,
  tier: NonNullable<Account['Partner_Tier__c']>,
  industry: string,
  city: string,
  state: string | null,
  country: string,
  website: string,
];

const PARTNER_ROWS: PartnerRow[] = [
  [
    'Northwind Systems Integration',
    'system-integrator',
    'Platinum',
    'Consulting',
    'Atlanta',
    'GA',
    'United States',
    'northwind-si.example',
  ],
  [
    'Globex Cloud Reseller',
    'reseller-channel',
    'Gold',
    'Technology',
    'Austin',
    'TX',
    'United States',
    'globex-cloud.example',
  ],
  [
    'Initech Technology Alliance',
    'technology-alliance',
    'Gold',
    'Technology',
    'San Jose',
    'CA',
    'United States',
    'initech-alliance.example',
  ],
  ['Umbrella OEM Solutions', 'oem-embedded', 'Silver', 'Technology', 'Toronto', 'ON', 'Canada', 'umbrella-oem.example'],
  [
    'Cyberdyne Co-Sell Alliance',
    'strategic-gtm-co-sell',
    'Silver',
    'Technology',
    'Dublin',
    null,
    'Ireland',
    'cyberdyne-cosell.example',
  ],
  [
    'Vandelay Marketplace Apps',
    'isv-marketplace',
    'Registered',
    'Software',
    'Brooklyn',
    'NY',
    'United States',
    'vandelay-apps.example',
  ],
];

/** Account numbers: customers 1–12, partners 101–106. */
const PARTNER_ACCOUNT_BASE = 100;

export const PARTNER_ACCOUNT_IDS = {
  northwind: accountId(PARTNER_ACCOUNT_BASE + 1),
  globex: accountId(PARTNER_ACCOUNT_BASE + 2),
  initech: accountId(PARTNER_ACCOUNT_BASE + 3),
  umbrella: accountId(PARTNER_ACCOUNT_BASE + 4),
  cyberdyne: accountId(PARTNER_ACCOUNT_BASE + 5),
  vandelay: accountId(PARTNER_ACCOUNT_BASE + 6),
} as const;

// ---------------------------------------------------------------------------------------------------------
// Opportunities

const PRODUCTS = [
  'Data Platform Expansion',
  'Analytics Suite',
  'Security Add-on',
  'Enterprise Renewal',
  'Migration Services',
  'Platform Upgrade',
  'EMEA Rollout',
  'Integration Bundle',
  'Premier Support',
  'AI Assistant Pilot',
  'Multi-year Renewal',
  'Field Service Rollout',
];

export const OPPORTUNITY_COUNT = 44;

/** Well-known opportunities for tests (1-based sequence numbers; see `createSeedData`). */
const WELL_KNOWN = {
  /** Open, Negotiation/Review, $120,000, Contoso Pharmaceuticals, owned by Dana Reyes. */
  flagship: 1,
  /** Its name contains HTML: it must always be rendered as text. */
  htmlName: 2,
  /** Created today (and so this week), Prospecting. */
  newThisWeek: 3,
  /** Closed Won. */
  closedWon: 4,
  /** Closed Lost. */
  closedLost: 5,
  /** Open, without an Amount and without a LeadSource. */
  noAmount: 6,
  /** Open, LeadSource "Partner Referral", Tailspin Toys. */
  partnerReferral: 7,
} as const;

export const DEMO_OPPORTUNITY_IDS: { readonly [K in keyof typeof WELL_KNOWN]: string } = Object.fromEntries(
  Object.entries(WELL_KNOWN).map(([key, sequence]) => [key, opportunityId(sequence)]),
) as { [K in keyof typeof WELL_KNOWN]: string };

export const HTML_OPPORTUNITY_NAME = '<img src=x onerror=alert(1)> Initech & Co "expansion"';
export const FLAGSHIP_OPPORTUNITY_NAME = 'Contoso Pharmaceuticals - Data Platform Expansion';

/** Stage counts over the 44 opportunities (every stage is represented). */
const STAGE_MIX: Array<[StageName, number]> = [
  ['Prospecting', 6],
  ['Qualification', 5],
  ['Needs Analysis', 5],
  ['Value Proposition', 4],
  ['Id. Decision Makers', 3],
  ['Perception Analysis', 3],
  ['Proposal/Price Quote', 4],
  ['Negotiation/Review', 4],
  ['Closed Won', 6],
  ['Closed Lost', 4],
];

const LEAD_SOURCES: Array<LeadSource | null> = [
  'Web',
  'Partner Referral',
  'Phone Inquiry',
  'Web',
  'Purchased List',
  'Partner Referral',
  'Other',
  null,
];

const DAY_MS = 24 * 60 * 60 * 1000;

function startOfLocalDay(date: Date): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate());
}

/**
 * The later of the last Monday 00:00 and the last Sunday 00:00 (local time): any instant between it and `now`
 * is "this week" whether weeks start on Sunday or on Monday.
 */
export function startOfThisWeekForAnyConvention(now: Date): Date {
  const today = startOfLocalDay(now);
  const sinceSunday = today.getDay();
  const sinceMonday = (today.getDay() + 6) % 7;
  const days = Math.min(sinceSunday, sinceMonday);
  return new Date(today.getFullYear(), today.getMonth(), today.getDate() - days);
}

function localDateString(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

function addDays(date: Date, days: number): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() + days, date.getHours(), date.getMinutes());
}

/**
 * The local calendar day seven days before `startOfThisWeekForAnyConvention(now)`: it lies in the previous
 * week whether weeks start on Sunday or on Monday.
 */
export function startOfLastWeekDayForAnyConvention(now: Date): Date {
  const start = startOfThisWeekForAnyConvention(now);
  return new Date(start.getFullYear(), start.getMonth(), start.getDate() - 7);
}

/** A business-hours instant `daysAgo` days before `now` (for daysAgo ≥ 8: always before this week). */
function pastBusinessInstant(now: Date, daysAgo: number, rand: () => number): Date {
  const day = addDays(startOfLocalDay(now), -daysAgo);
  return new Date(
    day.getFullYear(),
    day.getMonth(),
    day.getDate(),
    8 + Math.floor(rand() * 9),
    Math.floor(rand() * 60),
  );
}

function roundAmount(value: number): number {
  return Math.round(value / 500) * 500;
}

/**
 * The seed data for `now`. Same `now`, same data; ids never depend on `now`.
 *
 * Guarantees: ≥ 40 opportunities over every stage; IsClosed/IsWon/Probability/ForecastCategoryName follow the
 * stage; CreatedDate within the last 120 days and never in the future; at least four opportunities created
 * this week (for both Sunday- and Monday-based weeks) and at least one today; open opportunities close today or
 * later, closed ones closed in the past after they were created.
 */
export interface SeedOptions {
  /**
   * Generated opportunities added after the 44 seed ones (sequence numbers 45 and up), for performance work:
   * `createSeedData(now, { extraOpportunities: 2000 })` lets a list view scroll to 2,000+ rows. They are spread over
   * the customer accounts, the stages, the account executives and realistic amounts, and they follow the same
   * guarantees as the seed (stage-consistent fields, created in the past, open ones close later). The seed
   * opportunities are identical with or without them.
   */
  extraOpportunities?: number;
  /**
   * A multi-currency org (corporate currency USD, with EUR, GBP, CAD and JPY rates): opportunities get a
   * CurrencyIsoCode (most USD, some EUR and GBP), and grouped sums come back in USD as Salesforce returns them.
   */
  multiCurrency?: boolean;
}

/** Upper bound for `extraOpportunities` (ids stay valid and below the sequence numbers tests use for "unknown"). */
export const MAX_EXTRA_OPPORTUNITIES = 9_000;

export function createSeedData(now: Date = new Date(), options: SeedOptions = {}): OrgData {
  const rand = random(20260101);
  const nowMs = now.getTime();

  const users: User[] = USER_ROWS.map(([first, last, alias, title], index) => ({
    Id: userId(index + 1),
    Name: `${first} ${last}`,
    FirstName: first,
    LastName: last,
    Alias: alias,
    Username: `${first}.${last}@acme-demo.example`.toLowerCase(),
    Email: `${first}.${last}@acme-demo.example`.toLowerCase(),
    Title: title,
    IsActive: true,
    LocaleSidKey: 'en_US',
    apiEnabled: true,
    // The partner manager and sales operations may change the team's rules (rest/object-access.ts).
    ...(title === 'Partner Manager' || title === 'Sales Operations Manager'
      ? { permissionSets: [PARTNER_LEDGER_ADMIN] }
      : {}),
  }));

  const accountCreated = (n: number) => pastBusinessInstant(now, 200 + n * 37, rand).toISOString();

  const customers: Account[] = CUSTOMER_ROWS.map(([name, type, industry, city, state, country, website], index) => ({
    Id: accountId(index + 1),
    Name: name,
    Type: type,
    Industry: industry,
    BillingCity: city,
    BillingState: state,
    BillingCountry: country,
    Website: `https://www.${website}`,
    OwnerId: ACCOUNT_EXECUTIVES[index % ACCOUNT_EXECUTIVES.length]!,
    CreatedDate: accountCreated(index),
    IsPartner: false,
    Partner_Type__c: null,
    Partner_Tier__c: null,
  }));

  const partners: PartnerAccount[] = PARTNER_ROWS.map(
    ([name, type, tier, industry, city, state, country, website], index) => ({
      Id: accountId(PARTNER_ACCOUNT_BASE + index + 1),
      Name: name,
      Type: 'Partner',
      Industry: industry,
      BillingCity: city,
      BillingState: state,
      BillingCountry: country,
      Website: `https://www.${website}`,
      OwnerId: USER_IDS.jordanKim,
      CreatedDate: accountCreated(index + 3),
      IsPartner: true,
      Partner_Type__c: type,
      Partner_Tier__c: tier,
    }),
  );

  // Stages: the mix, shuffled deterministically, then the well-known records pinned.
  const stages: StageName[] = STAGE_MIX.flatMap(([stage, count]) => Array<StageName>(count).fill(stage));
  for (let i = stages.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [stages[i], stages[j]] = [stages[j]!, stages[i]!];
  }
  const wellKnownSequences = new Set<number>(Object.values(WELL_KNOWN));
  const pin = (sequence: number, stage: StageName) => {
    const index = sequence - 1;
    const swapWith = stages.findIndex((candidate, i) => candidate === stage && !wellKnownSequences.has(i + 1));
    if (stages[index] !== stage && swapWith >= 0)
      [stages[index], stages[swapWith]] = [stages[swapWith]!, stages[index]!];
  };
  pin(WELL_KNOWN.flagship, 'Negotiation/Review');
  pin(WELL_KNOWN.htmlName, 'Needs Analysis');
  pin(WELL_KNOWN.newThisWeek, 'Prospecting');
  pin(WELL_KNOWN.closedWon, 'Closed Won');
  pin(WELL_KNOWN.closedLost, 'Closed Lost');
  pin(WELL_KNOWN.noAmount, 'Qualification');
  pin(WELL_KNOWN.partnerReferral, 'Value Proposition');

  // Created this week: the two pinned ones plus the first three other open opportunities.
  const alsoThisWeek = stages
    .map((stage, index) => ({ stage, sequence: index + 1 }))
    .filter(({ stage, sequence }) => !wellKnownSequences.has(sequence) && !stageDefinition(stage).isClosed)
    .slice(0, 3)
    .map(({ sequence }) => sequence);

  // Created last week, whichever day weeks start on: the calendar day a week before this week's start
  // (see `startOfLastWeekDayForAnyConvention`), for a summary with two weeks to compare.
  const lastWeek = stages
    .map((stage, index) => ({ stage, sequence: index + 1 }))
    .filter(
      ({ stage, sequence }) =>
        !wellKnownSequences.has(sequence) && !stageDefinition(stage).isClosed && !alsoThisWeek.includes(sequence),
    )
    .slice(0, 3)
    .map(({ sequence }) => sequence);
  const lastWeekDay = startOfLastWeekDayForAnyConvention(now);

  const weekStart = startOfThisWeekForAnyConvention(now).getTime();
  const todayStart = startOfLocalDay(now).getTime();

  const opportunities: Opportunity[] = [];
  for (let index = 0; index < OPPORTUNITY_COUNT; index++) {
    const sequence = index + 1;
    const stage = stageDefinition(stages[index]!);
    const customerIndex = index % CUSTOMER_ROWS.length;
    const account = customers[customerIndex]!;
    const product = PRODUCTS[(customerIndex + 5 * Math.floor(index / CUSTOMER_ROWS.length)) % PRODUCTS.length]!;

    // Created: five this week (two of them today), the others spread over the last 8–118 days.
    let created: Date;
    if (sequence === WELL_KNOWN.newThisWeek || sequence === WELL_KNOWN.htmlName) {
      created = new Date(todayStart + (nowMs - todayStart) * (sequence === WELL_KNOWN.newThisWeek ? 0.8 : 0.3));
    } else if (alsoThisWeek.includes(sequence)) {
      created = new Date(weekStart + (nowMs - weekStart) * (0.15 + 0.3 * alsoThisWeek.indexOf(sequence)));
    } else {
      const daysAgo = stage.isClosed ? 25 + Math.floor(rand() * 94) : 8 + Math.floor(rand() * 110);
      created = pastBusinessInstant(now, sequence === WELL_KNOWN.flagship ? 12 : daysAgo, rand);
    }
    if (stage.isClosed && created.getTime() > nowMs - 20 * DAY_MS) created = pastBusinessInstant(now, 30, rand);
    if (lastWeek.includes(sequence)) {
      // Set after the random draws, so every other record is the same as without it.
      created = new Date(
        lastWeekDay.getFullYear(),
        lastWeekDay.getMonth(),
        lastWeekDay.getDate(),
        10 + 2 * lastWeek.indexOf(sequence),
        15,
      );
    }
    created = new Date(Math.floor(created.getTime() / 60_000) * 60_000); // whole minutes, like the UI shows

    let closeDate: Date;
    if (stage.isClosed) {
      const ageDays = Math.floor((nowMs - created.getTime()) / DAY_MS);
      closeDate = addDays(startOfLocalDay(created), Math.max(7, Math.min(ageDays - 1, 14 + Math.floor(rand() * 60))));
    } else {
      const earliest = addDays(startOfLocalDay(now), 3);
      const planned = addDays(startOfLocalDay(created), 30 + Math.floor(rand() * 120));
      closeDate = planned.getTime() < earliest.getTime() ? addDays(earliest, Math.floor(rand() * 40)) : planned;
    }

    const ownerId = ACCOUNT_EXECUTIVES[(index * 3 + Math.floor(index / 4)) % ACCOUNT_EXECUTIVES.length]!;
    let amount: number | null = roundAmount(8_000 + rand() * rand() * 470_000);
    let leadSource: LeadSource | null = LEAD_SOURCES[Math.floor(rand() * LEAD_SOURCES.length)] ?? null;
    let name = `${account.Name} - ${product}`;
    let accountIdValue = account.Id;
    let owner = ownerId;
    if (sequence === WELL_KNOWN.flagship) {
      name = FLAGSHIP_OPPORTUNITY_NAME;
      amount = 120_000;
      owner = USER_IDS.danaReyes;
      leadSource = 'Web';
    } else if (sequence === WELL_KNOWN.htmlName) {
      name = HTML_OPPORTUNITY_NAME;
      accountIdValue = customers[7]!.Id; // Woodgrove Bank
      amount = 48_500;
      owner = USER_IDS.samPatel;
    } else if (sequence === WELL_KNOWN.noAmount) {
      amount = null;
      leadSource = null;
    } else if (sequence === WELL_KNOWN.partnerReferral) {
      leadSource = 'Partner Referral';
    }

    const modified = new Date(Math.min(nowMs, created.getTime() + Math.floor(rand() * 20) * DAY_MS + 3_600_000));
    const typeRoll = rand();
    opportunities.push({
      Id: opportunityId(sequence),
      Name: name,
      AccountId: accountIdValue,
      OwnerId: owner,
      CreatedById: owner,
      Amount: amount,
      CloseDate: localDateString(closeDate),
      StageName: stage.name,
      Probability: stage.probability,
      ForecastCategoryName: stage.forecastCategory,
      IsClosed: stage.isClosed,
      IsWon: stage.isWon,
      LeadSource: leadSource,
      Type:
        account.Type === 'Prospect' || typeRoll < 0.45
          ? 'New Business'
          : typeRoll < 0.75
            ? 'Existing Customer - Upgrade'
            : 'Existing Customer - Renewal',
      CreatedDate: created.toISOString(),
      LastModifiedDate: modified.toISOString(),
      SystemModstamp: modified.toISOString(),
    });
  }

  opportunities.push(...generatedOpportunities(now, customers, options.extraOpportunities ?? 0));
  if (options.multiCurrency) {
    // London customers deal in pounds, every fourth other one in euros; the rest in the corporate dollars.
    opportunities.forEach((opportunity, index) => {
      const account = customers.find((customer) => customer.Id === opportunity.AccountId);
      opportunity.CurrencyIsoCode =
        account?.BillingCountry === 'United Kingdom' ? 'GBP' : index % 4 === 3 ? 'EUR' : 'USD';
    });
  }

  return {
    org: {
      Id: ORG_ID,
      Name: 'Acme Cloud (demo)',
      MyDomain: 'acme',
      DefaultCurrencyIsoCode: 'USD',
      IsMultiCurrency: options.multiCurrency ?? false,
      OrganizationType: 'Enterprise Edition',
      InstanceName: 'USA1000',
      CurrentUserId: USER_IDS.jordanKim,
      TimeZoneSidKey: 'UTC',
      apiEnabled: true,
    },
    currencyTypes: CURRENCY_TYPES.map((row, index) => ({ Id: makeRecordId('02N', index + 1), ...row })),
    users,
    accounts: [...customers, ...partners],
    opportunities,
    leads: seedLeads(now, USER_IDS.jordanKim),
    sessions: {},
    lightningSessions: {},
    apiUsage: { used: 0, limit: DEFAULT_API_LIMIT },
    customObjects: {
      Partner_Attribution__c: { installed: true, records: [], lastSequence: 0 },
      Partner_Attribution_Summary__c: { installed: true, records: [], lastSequence: 0 },
      Partner_Ledger_Rules__c: { installed: true, records: [], lastSequence: 0 },
      Partner_Ledger_Partner__c: { installed: true, records: [], lastSequence: 0 },
    },
  };
}

/** The demo org's currencies: dollars are corporate; rates are units per dollar. */
const CURRENCY_TYPES: Array<Omit<CurrencyTypeRow, 'Id'>> = [
  { IsoCode: 'USD', ConversionRate: 1, IsCorporate: true, IsActive: true, DecimalPlaces: 2 },
  { IsoCode: 'EUR', ConversionRate: 0.8, IsCorporate: false, IsActive: true, DecimalPlaces: 2 },
  { IsoCode: 'GBP', ConversionRate: 0.625, IsCorporate: false, IsActive: true, DecimalPlaces: 2 },
  { IsoCode: 'CAD', ConversionRate: 1.25, IsCorporate: false, IsActive: true, DecimalPlaces: 2 },
  { IsoCode: 'JPY', ConversionRate: 150, IsCorporate: false, IsActive: true, DecimalPlaces: 0 },
];

const EXTRA_NAME_SUFFIXES = ['', ' - Phase 2', ' - FY27', ' - EMEA', ' - APAC', ' - Pilot', ' - Expansion', ' - Q3'];

/** `count` generated opportunities (sequence numbers after the seed's), deterministic for a given `now`. */
function generatedOpportunities(now: Date, customers: Account[], count: number): Opportunity[] {
  if (!Number.isInteger(count) || count < 0 || count > MAX_EXTRA_OPPORTUNITIES) {
    throw new Error(`extraOpportunities must be an integer from 0 to ${MAX_EXTRA_OPPORTUNITIES}, not ${count}`);
  }
  const rand = random(20260202);
  const nowMs = now.getTime();
  const weights = STAGE_MIX.map(([, weight]) => weight);
  const totalWeight = weights.reduce((sum, weight) => sum + weight, 0);
  const pickStage = (): StageDefinition => {
    let roll = rand() * totalWeight;
    for (const [name, weight] of STAGE_MIX) {
      roll -= weight;
      if (roll < 0) return stageDefinition(name);
    }
    return stageDefinition('Prospecting');
  };
  const result: Opportunity[] = [];
  for (let index = 0; index < count; index++) {
    const sequence = OPPORTUNITY_COUNT + index + 1;
    const stage = pickStage();
    const account = customers[Math.floor(rand() * customers.length)]!;
    const product = PRODUCTS[Math.floor(rand() * PRODUCTS.length)]!;
    const suffix = EXTRA_NAME_SUFFIXES[Math.floor(rand() * EXTRA_NAME_SUFFIXES.length)]!;
    const owner = ACCOUNT_EXECUTIVES[Math.floor(rand() * ACCOUNT_EXECUTIVES.length)]!;
    const daysAgo = stage.isClosed ? 25 + Math.floor(rand() * 330) : 8 + Math.floor(rand() * 200);
    const created = new Date(Math.floor(pastBusinessInstant(now, daysAgo, rand).getTime() / 60_000) * 60_000);
    let closeDate: Date;
    if (stage.isClosed) {
      closeDate = addDays(startOfLocalDay(created), Math.max(7, Math.min(daysAgo - 1, 14 + Math.floor(rand() * 90))));
    } else {
      const earliest = addDays(startOfLocalDay(now), 3);
      const planned = addDays(startOfLocalDay(created), 30 + Math.floor(rand() * 180));
      closeDate = planned.getTime() < earliest.getTime() ? addDays(earliest, Math.floor(rand() * 90)) : planned;
    }
    const amount = rand() < 0.04 ? null : roundAmount(5_000 + rand() * rand() * 600_000);
    const modified = new Date(Math.min(nowMs, created.getTime() + Math.floor(rand() * 30) * DAY_MS + 3_600_000));
    const typeRoll = rand();
    result.push({
      Id: opportunityId(sequence),
      Name: `${account.Name} - ${product}${suffix} #${sequence}`,
      AccountId: account.Id,
      OwnerId: owner,
      CreatedById: owner,
      Amount: amount,
      CloseDate: localDateString(closeDate),
      StageName: stage.name,
      Probability: stage.probability,
      ForecastCategoryName: stage.forecastCategory,
      IsClosed: stage.isClosed,
      IsWon: stage.isWon,
      LeadSource: LEAD_SOURCES[Math.floor(rand() * LEAD_SOURCES.length)] ?? null,
      Type:
        account.Type === 'Prospect' || typeRoll < 0.45
          ? 'New Business'
          : typeRoll < 0.75
            ? 'Existing Customer - Upgrade'
            : 'Existing Customer - Renewal',
      CreatedDate: created.toISOString(),
      LastModifiedDate: modified.toISOString(),
      SystemModstamp: modified.toISOString(),
    });
  }
  return result;
}

// ---------------------------------------------------------------------------------------------------------
// Lookups

export function findOpportunity(data: OrgData, nameOrId: string): Opportunity | undefined {
  const id18 = toId18(nameOrId);
  return data.opportunities.find(
    (opportunity) => opportunity.Name === nameOrId || (id18 !== undefined && opportunity.Id === id18),
  );
}

export function findAccount(data: OrgData, nameOrId: string): Account | undefined {
  const id18 = toId18(nameOrId);
  return data.accounts.find((account) => account.Name === nameOrId || (id18 !== undefined && account.Id === id18));
}

export function findUser(data: OrgData, nameOrId: string): User | undefined {
  const id18 = toId18(nameOrId);
  return data.users.find((user) => user.Name === nameOrId || (id18 !== undefined && user.Id === id18));
}

export function getPartners(data: OrgData): PartnerAccount[] {
  return data.accounts.filter(
    (account): account is PartnerAccount => account.IsPartner && account.Partner_Type__c !== null,
  );
}

export function getCustomers(data: OrgData): Account[] {
  return data.accounts.filter((account) => !account.IsPartner);
}
