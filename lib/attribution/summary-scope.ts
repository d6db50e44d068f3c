/**
 * Whose number the weekly summary shows: the team's (every attribution this user can see, made here or
 * pulled from the org) or the user's own (the attributions they made or touched). Pure: authors in,
 * a yes or no out; an index in, the same index narrowed out (docs/weekly-summary.md).
 */
import { z } from '../zod';
import { indexDeals, type DealIndex } from './deal-index';

export const SUMMARY_SCOPES = ['team', 'mine'] as const;

export const summaryScopeSchema = z.enum(SUMMARY_SCOPES, "Choose 'team' or 'mine'.");

export type SummaryScope = z.infer<typeof summaryScopeSchema>;

/** The summary shows the team's number unless the user chose their own. */
export const DEFAULT_SUMMARY_SCOPE: SummaryScope = 'team';

/** The headline's words for each scope. */
export const SCOPE_HEADLINES: Record<SummaryScope, string> = { team: 'Team number', mine: 'My number' };

/** Who made a change, as rows record it (lib/store/rows.ts `actorSchema`). */
export interface Author {
  deviceId: string;
  userId?: string;
  userName?: string;
}

/**
 * Whether `author` is the current user `me`. Once both carry a Salesforce user id, the id decides. A change
 * made in this browser before it was connected carries only the device id, and is the user's when the
 * device is this one. A teammate's record pulled from the org carries the name the org reports for its
 * author (its CreatedBy.Name), and no id: it is the user's when that name is the connected user's.
 */
export function isAuthor(author: Author, me: Author): boolean {
  if (author.userId && me.userId) return author.userId === me.userId;
  if (author.deviceId === me.deviceId) return true;
  return Boolean(me.userId && me.userName && author.userName === me.userName);
}

/** A claim as the scope reads it: who made it, who last changed it in the org, and who logged its touches. */
export interface AuthoredClaim {
  createdBy: Author;
  /** The org's LastModifiedBy.Name, for a claim a teammate's browser or the org changed last. */
  lastModifiedByName?: string;
}

/**
 * Whether the user made or touched a claim: they created it, were the last to change it in the org, or
 * logged one of its touches.
 */
export function isMadeOrTouchedBy(claim: AuthoredClaim, touchAuthors: Iterable<Author>, me: Author): boolean {
  if (isAuthor(claim.createdBy, me)) return true;
  if (me.userId && me.userName && claim.lastModifiedByName === me.userName) return true;
  for (const author of touchAuthors) if (isAuthor(author, me)) return true;
  return false;
}

// The narrowed index is made once per index: moving between weeks reuses it until the data changes.
const mineOf = new WeakMap<DealIndex, DealIndex>();

/**
 * The index for a scope: the team's is the index itself; "mine" keeps only the tags marked `mine`, so a
 * deal counts, lists and shares exactly as it would if the user's tags were the only ones.
 */
export function scopeIndex(index: DealIndex, scope: SummaryScope): DealIndex {
  if (scope === 'team') return index;
  let mine = mineOf.get(index);
  if (!mine) {
    mine = indexDeals(
      index.deals,
      index.tags.filter((tag) => tag.mine),
      index.timeZone,
    );
    mineOf.set(index, mine);
  }
  return mine;
}
