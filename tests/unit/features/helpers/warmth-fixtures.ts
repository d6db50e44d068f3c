import type { Warmth } from '../../../../lib/attribution/warmth';
import { opportunityId } from '../../../builders';

// Shared by the tests of the warmth badge helpers: opportunities, warmth answers and list rows.

export const A = opportunityId(1);
export const B = opportunityId(2);
export const C = opportunityId(3);
export const ACCOUNT = '001Ak00000AbCdEIAZ';

export const hot: Warmth = {
  level: 'hot',
  reasons: ['Sourced by Acme SI', 'Intro / referral on 12 Nov 2026', 'Last touch 3 days ago by Jordan Kim'],
  summary: 'Sourced by Acme SI · last touch 3 days ago',
  partners: [{ name: 'Acme SI', kind: 'sourced', lastTouch: '2026-11-12' }],
  askPartnerManager: 'Jordan Kim',
};
export const cool: Warmth = {
  ...hot,
  level: 'cool',
  summary: 'Influenced by <b>Globex</b> · no touches yet',
  reasons: ['Influenced by <b>Globex</b>'],
  partners: [{ name: '<b>Globex</b>', kind: 'influenced' }],
};

export function row(id: string, name = `Deal ${id.slice(-4)}`): string {
  const link = `<a href="/lightning/r/${id}/view">${name}</a>`;
  return `<tr data-row-key-value="${id}"><th scope="row"><span>${link}</span></th><td>1</td></tr>`;
}

export function table(ids: string[]): HTMLElement {
  const rows = ids.map((id) => row(id)).join('');
  document.body.innerHTML = `<div class="page"><table><tbody>${rows}</tbody></table></div>`;
  return document.querySelector('.page')!;
}
