/** My Domain host routes for the Classic UI: record detail pages by id, tab lists, "Data Not Available". */
import { toId18 } from '../../../lib/record-id';
import {
  classicAccountPage,
  classicDataNotAvailablePage,
  classicListPage,
  classicOpportunityPage,
} from '../pages/classic';
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
      path: /^\/(?<id>[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?)$/,
      handler: ({ res, org, params }) => {
        const id = toId18(params.id ?? '');
        const opportunity = id ? org.state.opportunities.find((candidate) => candidate.Id === id) : undefined;
        if (opportunity) return sendHtml(res, 200, classicOpportunityPage(org.state, opportunity));
        const account = id ? org.state.accounts.find((candidate) => candidate.Id === id) : undefined;
        if (account) return sendHtml(res, 200, classicAccountPage(org.state, account));
        sendHtml(res, 404, classicDataNotAvailablePage(org.state));
      },
    });
}
