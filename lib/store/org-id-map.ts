/**
 * The stored map of each My Domain (host key, `acme` or `acme--uat`) to its org's 18-character id, with when it
 * was last confirmed: the `orgIds` setting that lib/store/org-ids.ts keeps. Its own module so that settings.ts
 * can register it without reading org-ids.ts, which reads settings.
 */
import { isIdOf, toId18 } from '../record-id';
import { z } from '../zod';
import { timestampSchema } from './rows';

export const orgIdMapSchema = z.record(
  z.string().regex(/^[a-z0-9-]{1,80}$/i),
  z.object({
    orgId: z.string().refine((id) => isIdOf('Organization', id) && toId18(id) === id, 'must be an 18-character org id'),
    at: timestampSchema,
  }),
);

export type OrgIdMap = z.infer<typeof orgIdMapSchema>;

/** The key of the ledger a My Domain opens, by `map`: its org id once known, else the host key itself. */
export function ledgerKeyIn(map: OrgIdMap | undefined, hostKey: string): string {
  return map?.[hostKey]?.orgId ?? hostKey;
}
