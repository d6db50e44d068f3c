import type { Feature } from './define-feature';
import opportunityPanel from './opportunity-panel';

/** Every content-script feature, once, in the order they run. */
export const features: readonly Feature[] = [opportunityPanel];
