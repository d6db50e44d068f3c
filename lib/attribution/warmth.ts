/**
 * Partner warmth: how much a partner can help an account executive win one opportunity right now.
 * Pure and cheap, because it runs for every opportunity on an AE's list or board (thousands of rows):
 * touch dates are compared as strings (`YYYY-MM-DD` sorts like the calendar), days are counted once per
 * opportunity, and at most one date is put into words, with a date formatter kept per locale.
 */
import { daysBetween, isCalendarDate } from './dates';
import { TOUCH_TYPE_LABELS, type AttributionKind, type AttributionView, type TouchType } from './model';

export interface WarmthRules {
  /** A touch at most this many days old makes the opportunity Hot. */
  hotTouchDays: number;
  /** An influencer's touch at most this many days old makes the opportunity Warm. */
  warmTouchDays: number;
}

export const DEFAULT_WARMTH_RULES: WarmthRules = { hotTouchDays: 14, warmTouchDays: 45 };

export type WarmthLevel = 'hot' | 'warm' | 'cool';

export const WARMTH_LABELS: Record<WarmthLevel, string> = { hot: 'Hot', warm: 'Warm', cool: 'Cool' };

export interface WarmthPartner {
  name: string;
  kind: AttributionKind;
  /** Date (`YYYY-MM-DD`) of this partner's most recent touch, when it has one. */
  lastTouch?: string;
}

export interface WarmthLastTouch {
  /** As recorded, `YYYY-MM-DD`; may lie after today. */
  date: string;
  /** Days before today; 0 for today and for a touch dated after today. */
  daysAgo: number;
  type: TouchType;
  partnerName: string;
  /** Who logged the touch. */
  by: string;
}

export interface Warmth {
  level: WarmthLevel;
  /** Why, in plain words, most important first. */
  reasons: string[];
  /** Short, for the badge's accessible name, e.g. "Sourced by Acme SI · last touch 3 days ago" (without the level). */
  summary: string;
  /** Sourcing partners first, then influencers, each (name, kind) once. */
  partners: WarmthPartner[];
  /** The most recent touch on the opportunity, when there is one. */
  lastTouch?: WarmthLastTouch;
  /** Whoever recorded the most recent attribution or touch: the partner manager to ask. */
  askPartnerManager?: string;
}

/** What warmth reads of an attribution; `createdAt` (when given) lets a new attribution name the person to ask. */
export type WarmthInput = Pick<AttributionView, 'partnerName' | 'kind' | 'touches' | 'createdBy'> &
  Partial<Pick<AttributionView, 'createdAt'>>;

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Same words as `formatCalendarDate`, with one formatter per locale instead of one per call. */
function formatDate(date: string, locale: string | undefined): string {
  const key = locale ?? '';
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
    formatters.set(key, formatter);
  }
  const [y, m, d] = date.split('-').map(Number);
  return formatter.format(new Date(Date.UTC(y!, m! - 1, d!)));
}

/** "A", "A and B", "A, B and C". */
function listNames(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** "A", "A and B", "A and 2 more": short enough for an accessible name. */
function shortNames(names: readonly string[]): string {
  return names.length <= 2 ? listNames(names) : `${names[0]} and ${names.length - 1} more`;
}

function ago(daysAgo: number): string {
  return daysAgo === 0 ? 'today' : daysAgo === 1 ? 'yesterday' : `${daysAgo} days ago`;
}

function levelOf(sourced: boolean, daysAgo: number | undefined, rules: WarmthRules): WarmthLevel {
  if (sourced) return 'hot';
  if (daysAgo === undefined) return 'cool';
  if (daysAgo <= rules.hotTouchDays) return 'hot';
  // Without a sourced claim every attribution is an influencer, so the latest touch is an influencer's.
  return daysAgo <= rules.warmTouchDays ? 'warm' : 'cool';
}

/**
 * The warmth of ONE opportunity from its live attributions, or undefined when no partner is involved
 * (no badge). Hot: a partner-sourced claim (disputed ones too), or any touch within `hotTouchDays`.
 * Warm: an influencer's touch within `warmTouchDays`. Cool: partner involvement, but older or without
 * touches. A touch dated after today counts as today. Touches without a real date are ignored.
 * `today` is the user's calendar date (`YYYY-MM-DD`); anything else is a bug and throws a RangeError.
 */
export function scoreWarmth(
  attributions: readonly WarmthInput[],
  today: string,
  rules: WarmthRules = DEFAULT_WARMTH_RULES,
  locale?: string,
): Warmth | undefined {
  if (!isCalendarDate(today)) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${JSON.stringify(today)}`);
  if (attributions.length === 0) return undefined;

  const sourcedNames: string[] = [];
  const influencerNames: string[] = [];
  const partners: WarmthPartner[] = [];
  const influencers: WarmthPartner[] = [];
  let sourcedClaims = 0;
  let latest: { touch: WarmthInput['touches'][number]; partnerName: string } | undefined;
  // The newest attribution by its creation day, for the person to ask when it is newer than every touch.
  let newestAttribution: { day: string; by: string } | undefined;
  let lastListed = '';

  for (const attribution of attributions) {
    const { partnerName, kind } = attribution;
    if (kind === 'sourced') sourcedClaims++;
    const names = kind === 'sourced' ? sourcedNames : influencerNames;
    const list = kind === 'sourced' ? partners : influencers;
    if (!names.includes(partnerName)) names.push(partnerName);
    let partner = list.find((p) => p.name === partnerName);
    if (!partner) {
      partner = { name: partnerName, kind };
      list.push(partner);
    }
    for (const touch of attribution.touches) {
      if (!isCalendarDate(touch.date)) continue;
      if (partner.lastTouch === undefined || touch.date > partner.lastTouch) partner.lastTouch = touch.date;
      // `>=`: on the same day, the touch listed later (logged later) is the latest.
      if (!latest || touch.date >= latest.touch.date) latest = { touch, partnerName };
    }
    if (attribution.createdBy) lastListed = attribution.createdBy;
    const createdDay = attribution.createdAt?.slice(0, 10);
    if (attribution.createdBy && createdDay && isCalendarDate(createdDay)) {
      if (!newestAttribution || createdDay >= newestAttribution.day) {
        newestAttribution = { day: createdDay, by: attribution.createdBy };
      }
    }
  }
  partners.push(...influencers);

  const lastTouch: WarmthLastTouch | undefined = latest && {
    date: latest.touch.date,
    daysAgo: Math.max(0, daysBetween(latest.touch.date, today)),
    type: latest.touch.type,
    partnerName: latest.partnerName,
    by: latest.touch.createdBy,
  };
  const level = levelOf(sourcedClaims > 0, lastTouch?.daysAgo, rules);

  const reasons: string[] = [];
  let head: string;
  if (sourcedClaims >= 2) {
    reasons.push(`Disputed: ${sourcedClaims} partners claim to have sourced it`);
    reasons.push(`Claimed as sourced by ${listNames(sourcedNames)}`);
    head = `Disputed: sourced by ${shortNames(sourcedNames)}`;
  } else if (sourcedClaims === 1) {
    reasons.push(`Sourced by ${sourcedNames[0]}`);
    head = `Sourced by ${sourcedNames[0]}`;
  } else {
    head = `Influenced by ${shortNames(influencerNames)}`;
  }
  if (influencerNames.length > 0) reasons.push(`Influenced by ${listNames(influencerNames)}`);

  let tail: string;
  if (lastTouch) {
    reasons.push(`${TOUCH_TYPE_LABELS[lastTouch.type]} on ${formatDate(lastTouch.date, locale)}`);
    reasons.push(`Last touch ${ago(lastTouch.daysAgo)}${lastTouch.by ? ` by ${lastTouch.by}` : ''}`);
    if (lastTouch.date > today) reasons.push('Dated after today, so counted as today');
    tail = `last touch ${ago(lastTouch.daysAgo)}`;
  } else {
    reasons.push('No touches logged yet');
    tail = 'no touches yet';
  }

  // A touch wins a tie with an attribution created the same day: it is the fresher evidence.
  const askPartnerManager =
    newestAttribution && (!lastTouch || !lastTouch.by || newestAttribution.day > lastTouch.date)
      ? newestAttribution.by
      : lastTouch?.by || lastListed || undefined;

  return {
    level,
    reasons,
    summary: `${head} · ${tail}`,
    partners,
    ...(lastTouch ? { lastTouch } : {}),
    ...(askPartnerManager ? { askPartnerManager } : {}),
  };
}
