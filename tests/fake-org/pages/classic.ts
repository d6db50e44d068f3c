/** Server-rendered Salesforce Classic pages: opportunity and account detail, "Data Not Available". */
import type { Lead } from '../leads';
import type { Account, Opportunity, OrgData } from '../data';
import { formatCurrency, formatDate, html, raw, type RawHtml } from './format';

const CLASSIC_STYLE = `
body.sfdcBody { margin: 0; font-family: Arial, Helvetica, sans-serif; font-size: 75%; color: #222; background: #1797c0; }
#contentWrapper { background: #fff; min-height: 100vh; }
.bPageHeader { background: #fff; padding: 8px 12px 0; border-bottom: 1px solid #ccc; }
.bPageHeader .phHeader { display: flex; justify-content: space-between; align-items: center; }
.bPageHeader .logo { font-size: 18px; font-weight: bold; color: #1797c0; }
.bPageHeader .userNav { font-size: 11px; }
.tabNavigation ul { list-style: none; display: flex; gap: 2px; margin: 8px 0 0; padding: 0; }
.tabNavigation li a { display: block; padding: 6px 12px; background: #e6f1f7; border-radius: 4px 4px 0 0; color: #015ba7; text-decoration: none; font-weight: bold; }
.tabNavigation li.currentTab a { background: #fcb95b; color: #222; }
#bodyTable { width: 100%; border-collapse: collapse; }
#sidebarCell { width: 200px; vertical-align: top; background: #e8e8e8; padding: 12px; }
#bodyCell { vertical-align: top; padding: 12px 16px; }
.bPageTitle .ptBody { display: flex; gap: 8px; align-items: center; padding: 8px 0 12px; }
.bPageTitle .pageTitleIcon { width: 32px; height: 32px; background: #fcb95b; border-radius: 4px; }
.bPageTitle.accountTitle .pageTitleIcon { background: #236fbd; }
.bPageTitle h1.pageType { font-size: 12px; font-weight: normal; margin: 0; display: block; }
.bPageTitle h2.pageDescription { font-size: 20px; margin: 0; font-weight: normal; }
.bPageBlock { border-top: 3px solid #e39321; background: #f8f8f8; border-radius: 4px; border-left: 1px solid #eaeaea; border-right: 1px solid #eaeaea; border-bottom: 1px solid #eaeaea; margin-bottom: 12px; }
.bPageBlock.accountBlock { border-top-color: #236fbd; }
.pbHeader { padding: 6px 12px; display: flex; gap: 12px; align-items: center; }
.pbHeader h2.mainTitle { font-size: 13px; margin: 0; }
.pbButton input { font-size: 11px; padding: 2px 6px; }
.pbBody { padding: 0 12px 12px; }
table.detailList { width: 100%; border-collapse: collapse; }
table.detailList td { padding: 4px 8px; border-bottom: 1px solid #e3deb8; vertical-align: top; }
table.detailList td.labelCol { text-align: right; font-weight: bold; color: #4a4a56; width: 18%; }
table.detailList td.dataCol { width: 32%; }
.list { width: 100%; border-collapse: collapse; background: #fff; }
.list th, .list td { text-align: left; padding: 4px 6px; border-bottom: 1px solid #e3deb8; }
.list th { background: #f2f3f3; }
div.errorPage { padding: 40px; }
div.errorPage h1 { font-size: 20px; }
`;

function classicFrame(
  data: OrgData,
  options: { title: string; tab: 'Home' | 'Accounts' | 'Opportunities'; bodyClass: string },
  content: RawHtml,
): string {
  const user = data.users.find((candidate) => candidate.Id === data.org.CurrentUserId);
  const tabs: Array<[string, string]> = [
    ['Home', '/home/home.jsp'],
    ['Accounts', '/001/o'],
    ['Opportunities', '/006/o'],
  ];
  return html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${options.title} ~ Salesforce - Enterprise Edition</title>
<style>${raw(CLASSIC_STYLE)}</style>
</head>
<body class="hasMotif ${options.bodyClass} sfdcBody brandQuaternaryBgr">
<div id="contentWrapper">
<div class="bPageHeader" id="AppBodyHeader">
<div class="phHeader"><span class="logo">${data.org.Name}</span><span class="userNav" id="userNavLabel">${user?.Name ?? ''}</span></div>
<div class="tabNavigation"><ul id="tabBar">${tabs.map(
    ([label, href]) =>
      html`<li class="${label === options.tab ? 'currentTab' : ''}"><a href="${href}" title="${label} Tab">${label}</a></li>`,
  )}</ul></div>
</div>
<div class="bodyDiv brdPalette brandPrimaryBrd">
<table id="bodyTable" class="outer"><tr>
<td id="sidebarCell" class="sidebarCell"><div class="sidebarModule"><h2>Recent Items</h2></div></td>
<td id="bodyCell" class="oRight">${content}</td>
</tr></table>
</div>
</div>
</body>
</html>
`.__html;
}

/** Classic date/time: `3/2/2026 9:14 AM` (local time zone). */
function formatClassicDateTime(iso: string): string {
  return new Intl.DateTimeFormat('en-US', {
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  })
    .format(new Date(iso))
    .replace(/\u202f/g, ' ')
    .replace(',', '');
}

const userName = (data: OrgData, id: string) => data.users.find((user) => user.Id === id)?.Name ?? '';
const id15 = (id: string) => id.slice(0, 15);

function detailRows(cells: Array<[label: string, value: RawHtml | string, fieldId?: string]>): RawHtml {
  const rows: RawHtml[] = [];
  for (let index = 0; index < cells.length; index += 2) {
    const pair = cells.slice(index, index + 2);
    rows.push(
      html`<tr>${pair.map(
        ([label, value, fieldId], column) =>
          html`<td class="labelCol">${label}</td><td class="dataCol${column === 0 ? ' col02' : ''}">${fieldId ? html`<div id="${fieldId}_ileinner">${value}</div>` : value}</td>`,
      )}</tr>`,
    );
  }
  return html`${rows}`;
}

export function classicOpportunityPage(data: OrgData, opportunity: Opportunity): string {
  const account = data.accounts.find((candidate) => candidate.Id === opportunity.AccountId);
  const accountLink = account ? html`<a href="/${id15(account.Id)}">${account.Name}</a>` : '';
  const ownerLink = html`<a href="/${id15(opportunity.OwnerId)}?noredirect=1">${userName(data, opportunity.OwnerId)}</a>`;
  const createdBy = html`<a href="/${id15(opportunity.CreatedById)}?noredirect=1">${userName(data, opportunity.CreatedById)}</a>, ${formatClassicDateTime(opportunity.CreatedDate)}`;
  const content = html`<div class="bPageTitle"><div class="ptBody"><div class="pageTitleIcon" title="Opportunity"></div><div class="content">
<h1 class="pageType">Opportunity</h1>
<h2 class="pageDescription">${opportunity.Name}</h2>
</div></div></div>
<div class="bDetailBlock bPageBlock brandSecondaryBrd secondaryPalette" id="ep">
<div class="pbHeader"><h2 class="mainTitle">Opportunity Detail</h2><div class="pbButton"><input value=" Edit " class="btn" type="button" name="edit"> <input value="Delete" class="btn" type="button" name="del"> <input value="Clone" class="btn" type="button" name="clone"></div></div>
<div class="pbBody"><div class="pbSubsection"><table class="detailList" cellpadding="0" cellspacing="0" border="0">
${detailRows([
  ['Opportunity Owner', ownerLink],
  ['Amount', formatCurrency(opportunity.Amount, data.org.DefaultCurrencyIsoCode), 'opp7'],
  ['Opportunity Name', opportunity.Name, 'opp3'],
  ['Close Date', formatDate(opportunity.CloseDate), 'opp9'],
  ['Account Name', accountLink, 'opp4'],
  ['Stage', opportunity.StageName, 'opp11'],
  ['Type', opportunity.Type, 'opp5'],
  ['Probability (%)', `${opportunity.Probability}%`, 'opp12'],
  ['Lead Source', opportunity.LeadSource ?? '', 'opp6'],
  ['Forecast Category', opportunity.ForecastCategoryName],
  ['Created By', createdBy],
  [
    'Last Modified By',
    html`${userName(data, opportunity.OwnerId)}, ${formatClassicDateTime(opportunity.LastModifiedDate)}`,
  ],
])}
</table></div></div>
</div>`;
  return classicFrame(
    data,
    { title: `Opportunity: ${opportunity.Name}`, tab: 'Opportunities', bodyClass: 'opportunityTab detailPage' },
    content,
  );
}

export function classicAccountPage(data: OrgData, account: Account): string {
  const opportunities = data.opportunities.filter((opportunity) => opportunity.AccountId === account.Id);
  const content = html`<div class="bPageTitle accountTitle"><div class="ptBody"><div class="pageTitleIcon" title="Account"></div><div class="content">
<h1 class="pageType">Account</h1>
<h2 class="pageDescription">${account.Name}</h2>
</div></div></div>
<div class="bDetailBlock bPageBlock accountBlock brandSecondaryBrd secondaryPalette" id="ep">
<div class="pbHeader"><h2 class="mainTitle">Account Detail</h2></div>
<div class="pbBody"><div class="pbSubsection"><table class="detailList" cellpadding="0" cellspacing="0" border="0">
${detailRows([
  ['Account Owner', userName(data, account.OwnerId)],
  ['Type', account.Type],
  ['Account Name', account.Name, 'acc2'],
  ['Industry', account.Industry],
  ['Website', account.Website],
  ['Billing City', account.BillingCity],
])}
</table></div></div>
</div>
<div class="bRelatedList"><div class="bPageBlock"><div class="pbHeader"><h3>Opportunities</h3></div><div class="pbBody">
<table class="list" cellspacing="0" cellpadding="0" border="0">
<tr class="headerRow"><th scope="col">Opportunity Name</th><th scope="col">Stage</th><th scope="col">Amount</th><th scope="col">Close Date</th></tr>
${opportunities.map(
  (opportunity) =>
    html`<tr class="dataRow"><th scope="row" class="dataCell"><a href="/${id15(opportunity.Id)}">${opportunity.Name}</a></th><td class="dataCell">${opportunity.StageName}</td><td class="dataCell">${formatCurrency(opportunity.Amount, data.org.DefaultCurrencyIsoCode)}</td><td class="dataCell">${formatDate(opportunity.CloseDate)}</td></tr>`,
)}
</table></div></div></div>`;
  return classicFrame(
    data,
    { title: `Account: ${account.Name}`, tab: 'Accounts', bodyClass: 'accountTab detailPage' },
    content,
  );
}

/** What Classic shows for an id that does not exist (or that the user cannot see). */
export function classicDataNotAvailablePage(data: OrgData): string {
  const content = html`<div class="errorPage">
<h1 class="pageType noSecondHeader">Data Not Available</h1>
<p>The data you were trying to access could not be found. It may be due to another user deleting the data or a system error. If you know the data is not deleted but cannot access it, please look at our <a href="/help/doc/en/salesforce_troubleshooting.htm">support page</a>.</p>
</div>`;
  return classicFrame(data, { title: 'Data Not Available', tab: 'Home', bodyClass: 'homeTab errorPage' }, content);
}

/** The Opportunities / Accounts tab (`/006/o`, `/001/o`) and the home page: plain lists of links. */
export function classicListPage(data: OrgData, kind: 'Opportunities' | 'Accounts' | 'Home'): string {
  const opportunities = [...data.opportunities].sort((a, b) => b.LastModifiedDate.localeCompare(a.LastModifiedDate));
  const rows =
    kind === 'Accounts'
      ? data.accounts.map(
          (account) =>
            html`<tr class="dataRow"><th scope="row" class="dataCell"><a href="/${id15(account.Id)}">${account.Name}</a></th><td class="dataCell">${account.Type}</td><td class="dataCell">${account.BillingCity}</td></tr>`,
        )
      : opportunities
          .slice(0, kind === 'Home' ? 10 : undefined)
          .map(
            (opportunity) =>
              html`<tr class="dataRow"><th scope="row" class="dataCell"><a href="/${id15(opportunity.Id)}">${opportunity.Name}</a></th><td class="dataCell">${opportunity.StageName}</td><td class="dataCell">${formatCurrency(opportunity.Amount, data.org.DefaultCurrencyIsoCode)}</td></tr>`,
          );
  const headers =
    kind === 'Accounts' ? ['Account Name', 'Type', 'Billing City'] : ['Opportunity Name', 'Stage', 'Amount'];
  const title = kind === 'Home' ? 'Recent Opportunities' : kind;
  const content = html`<div class="bPageTitle"><div class="ptBody"><div class="pageTitleIcon"></div><div class="content">
<h1 class="pageType">${kind === 'Home' ? 'Home' : kind}</h1><h2 class="pageDescription">${kind === 'Home' ? data.org.Name : 'Home'}</h2>
</div></div></div>
<div class="bPageBlock"><div class="pbHeader"><h3>${title}</h3></div><div class="pbBody">
<table class="list" cellspacing="0" cellpadding="0" border="0">
<tr class="headerRow">${headers.map((header) => html`<th scope="col">${header}</th>`)}</tr>
${rows}
</table></div></div>`;
  const bodyClass =
    kind === 'Accounts'
      ? 'accountTab listPage'
      : kind === 'Opportunities'
        ? 'opportunityTab listPage'
        : 'homeTab homepage';
  return classicFrame(data, { title: kind, tab: kind, bodyClass }, content);
}

/** A lead's Classic detail page, with the Convert button (to the conversion page below). */
export function classicLeadPage(data: OrgData, lead: Lead): string {
  const createdBy = html`<a href="/${id15(lead.CreatedById)}?noredirect=1">${userName(data, lead.CreatedById)}</a>, ${formatClassicDateTime(lead.CreatedDate)}`;
  const convert = lead.IsConverted
    ? ''
    : html` <a class="btn" href="/lead/leadconvert.jsp?id=${id15(lead.Id)}">Convert</a>`;
  const content = html`<div class="bPageTitle"><div class="ptBody"><div class="pageTitleIcon" title="Lead"></div><div class="content">
<h1 class="pageType">Lead</h1>
<h2 class="pageDescription">${lead.Name}</h2>
</div></div></div>
<div class="bDetailBlock bPageBlock brandSecondaryBrd secondaryPalette" id="ep">
<div class="pbHeader"><h2 class="mainTitle">Lead Detail</h2><div class="pbButton"><input value=" Edit " class="btn" type="button" name="edit">${convert}</div></div>
<div class="pbBody"><div class="pbSubsection"><table class="detailList" cellpadding="0" cellspacing="0" border="0">
${detailRows([
  ['Lead Owner', userName(data, lead.OwnerId)],
  ['Name', lead.Name],
  ['Company', lead.Company],
  ['Title', lead.Title],
  ['Lead Status', lead.Status],
  ['Lead Source', lead.LeadSource ?? ''],
  ['Created By', createdBy],
])}
</table></div></div>
</div>`;
  return classicFrame(data, { title: `Lead: ${lead.Name}`, tab: 'Home', bodyClass: 'leadTab detailPage' }, content);
}

/** Classic's lead conversion page: the opportunity name, "Do not create a new opportunity", Convert. */
export function classicLeadConvertPage(data: OrgData, lead: Lead): string {
  const content = html`<div class="bPageTitle"><div class="ptBody"><div class="content">
<h1 class="pageType">Convert Lead</h1>
<h2 class="pageDescription">${lead.Name}</h2>
</div></div></div>
<form method="post" action="/lead/leadconvert.jsp?id=${id15(lead.Id)}">
<label>Opportunity Name <input type="text" name="opportunityName" value="${lead.Company}-"></label>
<label><input type="checkbox" name="nooppti" value="1"> Do not create a new opportunity upon conversion.</label>
<input type="submit" class="btn" name="save" value="Convert">
</form>`;
  return classicFrame(data, { title: `Convert Lead: ${lead.Name}`, tab: 'Home', bodyClass: 'leadTab' }, content);
}
