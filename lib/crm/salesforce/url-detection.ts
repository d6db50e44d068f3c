/**
 * Salesforce page detection from the URL alone, in the style of github-url-detection: every detector is
 * `isX(url = location)`, never throws, and checks the host as well as the path. The example URLs each detector
 * must match (and must not) live in tests/unit/crm/salesforce/url-detection.test.ts.
 *
 * URL shapes: Salesforce Help "Lightning Experience URL formats" (Spring '18 enhanced URLs).
 */
import { isClassicHost, isLightningHost } from './hosts';
import { KEY_PREFIXES, getKeyPrefix, toId18 } from '../../record-id';

/** Anything with an `href`: a URL, `location`, a link, or a string. */
export type UrlLike = URL | Location | HTMLAnchorElement | string;

/** A record a page shows, as the features need it. */
export interface RecordRef {
  /** The object API name when the URL names it (`/lightning/r/Opportunity/…`); absent for `/lightning/r/{id}/…`. */
  objectApiName?: string;
  /** Always the 18-character form, so one record has one key. */
  recordId: string;
  mode: 'view' | 'edit';
}

const ID = '[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?';
const API_NAME = '[a-zA-Z][a-zA-Z0-9_]*';

/** `/lightning/r/Opportunity/006…/view`, `/lightning/r/006…/edit`. */
const LIGHTNING_RECORD_PATH = new RegExp(`^/lightning/r/(?:(${API_NAME})/)?(${ID})/(view|edit)/?$`);
/** `/lightning/r/Opportunity/006…/related/OpportunityContactRoles/view`. */
const RELATED_LIST_PATH = new RegExp(`^/lightning/r/(?:(${API_NAME})/)?(${ID})/related/${API_NAME}/view/?$`);
/** `/lightning/o/Opportunity/list`, `/home`, `/pipelineInspection`. */
const OBJECT_PAGE_PATH = new RegExp(`^/lightning/o/(${API_NAME})/(list|home|pipelineInspection)/?$`);
/**
 * A Dynamic Related List's View All page: `/lightning/cmp/force__dynamicRelatedListViewAll?force__recordId=001…`
 * (with `force__flexipageId` and `force__cmpId`). Lightning's URL-addressable components live under
 * `/lightning/cmp/<namespace>__<name>` (Lightning Component Library, lightning:isUrlAddressable).
 */
const DYNAMIC_RELATED_LIST_VIEW_ALL_PATH = /^\/lightning\/cmp\/force__dynamicRelatedListViewAll\/?$/;
/** Pre-Spring '18 Lightning: `/one/one.app#/sObject/006…/view`. */
const LEGACY_APP_PATH = '/one/one.app';
const LEGACY_RECORD_HASH = new RegExp(`^#/sObject/(${ID})/(view|edit)/?(?:\\?.*)?$`);
/** Classic detail page: `/006…` straight under the root (`/006/o` and `/006/e` have a slash in them). */
const CLASSIC_RECORD_PATH = new RegExp(`^/(${ID})$`);

const OPPORTUNITY = 'opportunity';
const KNOWN_PREFIX_BY_OBJECT = new Map<string, string>(
  Object.entries(KEY_PREFIXES).map(([object, prefix]) => [object.toLowerCase(), prefix]),
);
const KNOWN_PREFIXES = new Set<string>(Object.values(KEY_PREFIXES));

function toUrl(url: UrlLike): URL | undefined {
  try {
    return new URL(typeof url === 'string' ? url : url.href);
  } catch {
    return undefined;
  }
}

/**
 * An id of a known object under another object's name (`/lightning/r/Opportunity/001…`) is not a page
 * Salesforce builds; treating it as one would attach data to the wrong record.
 */
function isConsistent(objectApiName: string | undefined, recordId: string): boolean {
  if (!objectApiName) return true;
  const prefix = getKeyPrefix(recordId);
  const expected = KNOWN_PREFIX_BY_OBJECT.get(objectApiName.toLowerCase());
  if (expected) return prefix === expected;
  return prefix === undefined || !KNOWN_PREFIXES.has(prefix);
}

function toRecordRef(objectApiName: string | undefined, id: string, mode: string): RecordRef | undefined {
  const recordId = toId18(id);
  if (!recordId || !isConsistent(objectApiName, recordId)) return undefined;
  const safeMode = mode === 'edit' ? 'edit' : 'view';
  return objectApiName ? { objectApiName, recordId, mode: safeMode } : { recordId, mode: safeMode };
}

type ObjectPage = 'list' | 'home' | 'pipelineInspection';

type Page =
  | { type: 'lightning-record'; ref: RecordRef }
  | { type: 'related-list'; ref: RecordRef }
  | { type: 'dynamic-related-list-view-all'; parentId: string }
  | { type: ObjectPage; objectApiName: string }
  | { type: 'classic-record'; ref: RecordRef };

/** Parses once what every detector needs. In console apps the path is the focused sub-tab; `ws` is ignored. */
function parsePage(input: UrlLike): Page | undefined {
  const url = toUrl(input);
  if (!url) return undefined;

  if (isLightningHost(url.hostname)) {
    const record = LIGHTNING_RECORD_PATH.exec(url.pathname);
    if (record) {
      const ref = toRecordRef(record[1], record[2] ?? '', record[3] ?? '');
      return ref && { type: 'lightning-record', ref };
    }
    const related = RELATED_LIST_PATH.exec(url.pathname);
    if (related) {
      const ref = toRecordRef(related[1], related[2] ?? '', 'view');
      return ref && { type: 'related-list', ref };
    }
    if (DYNAMIC_RELATED_LIST_VIEW_ALL_PATH.test(url.pathname)) {
      const parentId = toId18(url.searchParams.get('force__recordId') ?? '');
      return parentId ? { type: 'dynamic-related-list-view-all', parentId } : undefined;
    }
    const objectPage = OBJECT_PAGE_PATH.exec(url.pathname);
    if (objectPage) {
      return { type: objectPage[2] as ObjectPage, objectApiName: objectPage[1] ?? '' };
    }
    const legacy = url.pathname === LEGACY_APP_PATH ? LEGACY_RECORD_HASH.exec(url.hash) : null;
    if (legacy) {
      const ref = toRecordRef(undefined, legacy[1] ?? '', legacy[2] ?? '');
      return ref && { type: 'lightning-record', ref };
    }
    return undefined;
  }

  if (isClassicHost(url.hostname)) {
    const classic = CLASSIC_RECORD_PATH.exec(url.pathname);
    const ref = classic ? toRecordRef(undefined, classic[1] ?? '', 'view') : undefined;
    return ref && { type: 'classic-record', ref };
  }

  return undefined;
}

function isOpportunityRef(ref: RecordRef): boolean {
  return getKeyPrefix(ref.recordId) === KEY_PREFIXES.Opportunity;
}

function isLeadRef(ref: RecordRef): boolean {
  return getKeyPrefix(ref.recordId) === KEY_PREFIXES.Lead;
}

function isOpportunityObject(objectApiName: string): boolean {
  return objectApiName.toLowerCase() === OPPORTUNITY;
}

/** A Lightning record page of any object, in view or edit mode, including the legacy `one.app#/sObject/` form. */
export const isLightningRecordPage = (url: UrlLike = location): boolean => parsePage(url)?.type === 'lightning-record';

/** A Lightning record page of an Opportunity: `/lightning/r/Opportunity/006…/view`, `/lightning/r/006…/edit`, … */
export const isOpportunityRecordPage = (url: UrlLike = location): boolean => {
  const page = parsePage(url);
  return page?.type === 'lightning-record' && isOpportunityRef(page.ref);
};

/** A related list opened on its own page: `/lightning/r/Opportunity/006…/related/OpportunityContactRoles/view`. */
export const isRelatedListPage = (url: UrlLike = location): boolean => parsePage(url)?.type === 'related-list';

/**
 * A Dynamic Related List's View All page for a record:
 * `/lightning/cmp/force__dynamicRelatedListViewAll?force__flexipageId=…&force__cmpId=…&force__recordId=001…`.
 */
export const isDynamicRelatedListViewAll = (url: UrlLike = location): boolean =>
  parsePage(url)?.type === 'dynamic-related-list-view-all';

/** A list view of any object (tables and Kanban share the URL): `/lightning/o/Account/list?filterName=Recent`. */
export const isListView = (url: UrlLike = location): boolean => parsePage(url)?.type === 'list';

/** An Opportunity list view: `/lightning/o/Opportunity/list?filterName=AllOpportunities`. */
export const isOpportunityListView = (url: UrlLike = location): boolean => {
  const page = parsePage(url);
  return page?.type === 'list' && isOpportunityObject(page.objectApiName);
};

/** An object's home tab: `/lightning/o/Opportunity/home`. */
export const isObjectHome = (url: UrlLike = location): boolean => parsePage(url)?.type === 'home';

/** Pipeline Inspection: `/lightning/o/Opportunity/pipelineInspection?filterName=00B…`. */
export const isPipelineInspection = (url: UrlLike = location): boolean => {
  const page = parsePage(url);
  return page?.type === 'pipelineInspection' && isOpportunityObject(page.objectApiName);
};

/** A Salesforce Classic detail page of any record: `https://acme.my.salesforce.com/001…`. */
export const isClassicRecordPage = (url: UrlLike = location): boolean => parsePage(url)?.type === 'classic-record';

/** A Salesforce Classic Opportunity detail page: `https://acme.my.salesforce.com/006…`. */
export const isClassicOpportunityPage = (url: UrlLike = location): boolean => {
  const page = parsePage(url);
  return page?.type === 'classic-record' && isOpportunityRef(page.ref);
};

/**
 * The record a record page (Lightning, legacy Lightning or Classic) shows. Undefined for related lists, list
 * views and everything else, so a feature that needs a record never runs on a page about many.
 */
export function getRecordRef(url: UrlLike = location): RecordRef | undefined {
  const page = parsePage(url);
  return page?.type === 'lightning-record' || page?.type === 'classic-record' ? { ...page.ref } : undefined;
}

/** The 18-character id of the opportunity an opportunity record page shows (Lightning or Classic). */
export function getOpportunityId(url: UrlLike = location): string | undefined {
  const ref = getRecordRef(url);
  return ref && isOpportunityRef(ref) ? ref.recordId : undefined;
}

/**
 * A Lightning record page of a Lead: `/lightning/r/Lead/00Q…/view`, `/lightning/r/00Q…/view`, the legacy
 * `one.app#/sObject/00Q…/view`.
 */
export const isLeadRecordPage = (url: UrlLike = location): boolean => {
  const page = parsePage(url);
  return page?.type === 'lightning-record' && isLeadRef(page.ref);
};

/** A Salesforce Classic Lead detail page: `https://acme.my.salesforce.com/00Q…`. */
export const isClassicLeadPage = (url: UrlLike = location): boolean => {
  const page = parsePage(url);
  return page?.type === 'classic-record' && isLeadRef(page.ref);
};

/** The 18-character id of the lead a lead record page shows (Lightning or Classic). */
export function getLeadId(url: UrlLike = location): string | undefined {
  const ref = getRecordRef(url);
  return ref && isLeadRef(ref) ? ref.recordId : undefined;
}
