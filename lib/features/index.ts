import type { Feature } from './helpers/define-feature';
import leadPanel from './lead-panel';
import opportunityPanel from './opportunity-panel';
import warmthListBadges from './warmth-list-badges';
import warmthRecordBadge from './warmth-record-badge';

/** Every content-script feature, once, in the order they run. */
export const features: readonly Feature[] = [opportunityPanel, leadPanel, warmthRecordBadge, warmthListBadges];
