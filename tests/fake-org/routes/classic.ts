/** My Domain host routes for the Classic UI: record detail pages by id, tab lists, "Data Not Available". */
import { toId18 } from '../../../lib/record-id';
import {
  classicAccountPage,
  classicDataNotAvailablePage,
  classicLeadConvertPage,
  classicLeadPage,
  classicListPage,
  classicOpportunityPage,
} from '../pages/classic';
import { convertLead, findLead } from '../leads';
import { redirect, sendHtml, type Router } from '../router';

export function registerClassicRoutes(router: Router): void {
  router
    .add({ host: 'mydomain', path: '/', handler: ({ res }) => redirect(res, '/home/home.jsp') })
    .add({
      host: 'mydomain',
      path: '/home/home.jsp',
      handler: ({ res, org }) => sendHtml(res, 200, classicListPage(org.state, 'Home')),
    })
    .add({
      host: 'mydomain',
      path: '/006/o',
      handler: ({ res, org }) => sendHtml(res, 200, classicListPage(org.state, 'Opportunities')),
    })
    .add({
      host: 'mydomain',
      path: '/001/o',
      handler: ({ res, org }) => sendHtml(res, 200, classicListPage(org.state, 'Accounts')),
    })
    .add({
      host: 'mydomain',
      method: ['GET', 'POST'],
      path: '/lead/leadconvert.jsp',
      // Classic's conversion: the form, then (POST) the conversion and the new opportunity's page (or the account's).
      handler: async ({ req, res, org, url }) => {
        const lead = findLead(org.state, url.searchParams.get('id') ?? '');
        if (!lead || lead.IsConverted) return sendHtml(res, 404, classicDataNotAvailablePage(org.state));
        if (req.method !== 'POST') return sendHtml(res, 200, classicLeadConvertPage(org.state, lead));
        const chunks: Buffer[] = [];
        for await (const chunk of req) chunks.push(chunk as Buffer);
        const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
        const opportunityName = form.get('opportunityName') ?? '';
        const result = convertLead(org.state, lead.Id, {
          userId: org.state.org.CurrentUserId,
          createOpportunity: form.get('nooppti') !== '1',
          ...(opportunityName ? { opportunityName } : {}),
        });
        redirect(res, `/${(result.opportunity?.Id ?? result.accountId).slice(0, 15)}`);
      },
    })
    .add({
      host: 'mydomain',
      path: /^\/(?<id>[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?)$/,
      handler: ({ res, org, params }) => {
        const id = toId18(params.id ?? '');
        const opportunity = id ? org.state.opportunities.find((candidate) => candidate.Id === id) : undefined;
        if (opportunity) return sendHtml(res, 200, classicOpportunityPage(org.state, opportunity));
        const lead = id ? findLead(org.state, id) : undefined;
        if (lead) return sendHtml(res, 200, classicLeadPage(org.state, lead));
        const account = id ? org.state.accounts.find((candidate) => candidate.Id === id) : undefined;
        if (account) return sendHtml(res, 200, classicAccountPage(org.state, account));
        sendHtml(res, 404, classicDataNotAvailablePage(org.state));
      },
    });
}
