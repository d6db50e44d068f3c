/**
 * Schema v5 → v7: touches are keyed by their claim and their own id (`[attributionId+id]`) instead of their id
 * alone. A touch id is chosen by whoever writes the record, so a record from the org can carry a touch id that
 * another claim already uses; keyed by id alone, the first claim a browser happened to see kept the touch and
 * the other lost it, and browsers that saw the records in another order disagreed for good. IndexedDB cannot
 * change the key of a table, so v6 moves every touch aside and v7 makes the table again and moves them back;
 * both run in the one upgrade a browser makes, and no row changes.
 */

/** The table touches wait in between v6 and v7. */
export const TOUCHES_ASIDE = 'touchesAside';

/**
 * The attributions table from v7 on: an index on `externalId` is added (no row changes), to find the row of an
 * org whose record shares its external id with another org's row (a sandbox copied from production).
 */
export const ATTRIBUTION_INDEXES_V7 = 'id, opportunityId, partnerId, [opportunityId+deleted], updatedAt, externalId';

/** The touches table from v7 on: its key, then the indexes the store queries by. */
export const TOUCH_INDEXES_V7 = '[attributionId+id], id, attributionId, opportunityId, [opportunityId+deleted], date';
