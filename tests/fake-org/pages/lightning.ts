/**
 * The Lightning app shell: the header and an empty center stage. The client scripts render the pages:
 * lightning-components.js (elements and shadow roots), lightning-variants.js (the real-org page variants),
 * then lightning-app.js (routes and pages).
 */
import type { OrgData } from '../data';
import type { LightningUiSettings } from '../router';
import { PAGE_VARIANT_CHOICES, PAGE_VARIANT_URL_PARAMS } from '../variants';
import { html, jsonForScript, raw } from './format';

export const LIGHTNING_ASSET_PREFIX = '/_fake-org/';

export function lightningShell(data: OrgData, ui: LightningUiSettings): string {
  const user = data.users.find((candidate) => candidate.Id === data.org.CurrentUserId);
  const initials = user ? `${user.FirstName.charAt(0)}${user.LastName.charAt(0)}` : '?';
  // Only what the pages show: sessions and the API's own state stay on the server.
  const { org, users, accounts, opportunities, leads } = data;
  // The variant choices travel with the page, so the browser checks ?fakeOrgLayout= and friends against this list.
  const variants = { choices: PAGE_VARIANT_CHOICES, params: PAGE_VARIANT_URL_PARAMS };
  const boot = jsonForScript({ data: { org, users, accounts, opportunities, leads }, ui, variants });
  return html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Lightning Experience | Salesforce</title>
<link rel="stylesheet" href="${LIGHTNING_ASSET_PREFIX}lightning.css">
</head>
<body class="desktop">
<div id="auraLoadingBox" class="auraLoadingBox visible" role="progressbar"
 aria-label="Loading"><div class="logo"></div><div class="spinner"></div></div>
<div class="desktop container forceStyle oneOne navexDesktopLayoutContainer lafAppLayoutHost forceAccess">
<div class="viewport">
<header id="oneHeader" class="oneHeader slds-global-header_container">
<div class="slds-global-header">
<div class="sf-logo" aria-label="${data.org.Name}" title="${data.org.Name}">cloud</div>
<div class="global-search"><input type="search" placeholder="Search..." aria-label="Search"></div>
<span class="org-name">${data.org.Name}</span>
<span class="user-avatar" title="${user?.Name ?? ''}">${initials}</span>
</div>
<one-appnav>
<div class="slds-context-bar" role="navigation">
<div class="app-name"><span class="app-launcher" aria-hidden="true">${raw('<span></span>'.repeat(9))}</span><span
 class="appName" title="Sales">Sales</span></div>
<nav class="slds-context-bar__secondary" aria-label="Global" style="display:flex">
<div class="slds-context-bar__item" data-nav="home"><a href="/lightning/page/home" title="Home">Home</a></div>
<div class="slds-context-bar__item" data-nav="opportunities"><a href="/lightning/o/Opportunity/list?filterName=Recent"
 title="Opportunities">Opportunities</a></div>
<div class="slds-context-bar__item" data-nav="accounts"><a href="/lightning/o/Account/list?filterName=Recent"
 title="Accounts">Accounts</a></div>
</nav>
</div>
</one-appnav>
</header>
<div class="oneCenterStage" role="main"></div>
</div>
</div>
<script type="application/json" id="fake-org-data">${raw(boot)}</script>
<script src="${LIGHTNING_ASSET_PREFIX}lightning-components.js"></script>
<script src="${LIGHTNING_ASSET_PREFIX}lightning-variants.js"></script>
<script src="${LIGHTNING_ASSET_PREFIX}lightning-app.js"></script>
</body>
</html>
`.__html;
}
