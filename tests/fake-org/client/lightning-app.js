// The fake org's Lightning single-page app. Plain browser JavaScript served by tests/fake-org/server.ts; it is
// not part of the extension. It renders from the org data embedded in <script id="fake-org-data"> and mimics
// Lightning's DOM: page containers in .oneCenterStage (old ones stay hidden), custom-element names, the record
// highlights rendered after a short delay, SPA navigation with history.pushState. lightning-components.js (loaded
// first) builds the elements, in synthetic or native shadow DOM; lightning-variants.js renders the real-org variants
// of record pages and related lists that tests/fake-org/variants.ts lists.
//
// Every value that comes from the org data is set with textContent / attributes, never parsed as HTML.
(() => {
  'use strict';

  const boot = JSON.parse(document.getElementById('fake-org-data').textContent || '{}');
  const data = boot.data;
  const ui = Object.assign({ renderDelayMs: 50, pageCacheSize: 4, reusePages: true }, boot.ui || {});

  // ?fakeOrgDelay=<ms> overrides the render delay for this tab (kept across SPA and full navigations).
  const DELAY_KEY = 'fakeOrgRenderDelayMs';
  const initialParams = new URLSearchParams(location.search);
  try {
    if (initialParams.has('fakeOrgDelay')) sessionStorage.setItem(DELAY_KEY, initialParams.get('fakeOrgDelay') || '0');
    const stored = sessionStorage.getItem(DELAY_KEY);
    if (stored !== null && Number.isFinite(Number(stored))) ui.renderDelayMs = Math.max(0, Number(stored));
  } catch {
    // sessionStorage may be unavailable (opaque origins); the server default applies.
  }

  // ?fakeOrgLayout=dynamic-forms and the other variant settings (tests/fake-org/variants.ts) override the server's
  // choice for this tab in the same way; an empty value drops the override. An unknown value is shown, not kept.
  const variantProblems = [];
  for (const [name, param] of Object.entries((boot.variants && boot.variants.params) || {})) {
    const key = `fakeOrgVariant.${name}`;
    const choices = boot.variants.choices[name];
    try {
      if (initialParams.has(param)) {
        const value = initialParams.get(param);
        if (value === '') sessionStorage.removeItem(key);
        else if (choices.includes(value)) sessionStorage.setItem(key, value);
        else variantProblems.push(`Unknown ${param} "${value}": expected one of ${choices.join(', ')}.`);
      }
      const stored = sessionStorage.getItem(key);
      if (stored !== null && choices.includes(stored)) ui[name] = stored;
    } catch {
      // As above: without sessionStorage only the URL of the first page counts.
      const value = initialParams.get(param);
      if (value && choices.includes(value)) ui[name] = value;
    }
    // A page whose server sent no (or no valid) setting renders the default, the first choice.
    if (!choices.includes(ui[name])) ui[name] = choices[0];
  }

  const kit = window.__fakeOrgComponents.createComponentKit({ document, shadow: ui.shadow });
  const { h, nativeSlot, contentRoot } = kit;

  // ---------------------------------------------------------------------------------------------------------
  // Data indexes

  const users = new Map(data.users.map((user) => [user.Id, user]));
  const accounts = new Map(data.accounts.map((account) => [account.Id, account]));
  const opportunities = new Map(data.opportunities.map((opportunity) => [opportunity.Id, opportunity]));
  const leads = new Map((data.leads || []).map((lead) => [lead.Id, lead]));
  const OBJECT_BY_PREFIX = { '006': 'Opportunity', '001': 'Account', '005': 'User', '00Q': 'Lead' };
  const currentUser = users.get(data.org.CurrentUserId);

  /** The 18-character id of a record in the data, from a 15- or 18-character id; undefined when unknown. */
  function resolveId(raw) {
    if (typeof raw !== 'string') return undefined;
    const all = [opportunities, accounts, users, leads];
    if (raw.length === 18) return all.some((map) => map.has(raw)) ? raw : undefined;
    if (raw.length === 15) {
      for (const map of all) for (const id of map.keys()) if (id.slice(0, 15) === raw) return id;
    }
    return undefined;
  }

  function findRecord(rawId) {
    const id = resolveId(rawId);
    if (!id) return undefined;
    const objectApiName = OBJECT_BY_PREFIX[id.slice(0, 3)];
    const record =
      objectApiName === 'Opportunity'
        ? opportunities.get(id)
        : objectApiName === 'Account'
          ? accounts.get(id)
          : objectApiName === 'Lead'
            ? leads.get(id)
            : users.get(id);
    return record ? { id, objectApiName, record } : undefined;
  }

  const opportunitiesOfAccount = (accountId) =>
    data.opportunities.filter((opportunity) => opportunity.AccountId === accountId);

  // ---------------------------------------------------------------------------------------------------------
  // Formatting (en-US, like a US user's Lightning)

  const currencyFormat = new Intl.NumberFormat('en-US', {
    style: 'currency',
    currency: data.org.DefaultCurrencyIsoCode || 'USD',
    minimumFractionDigits: 2,
  });
  const dateTimeFormat = new Intl.DateTimeFormat('en-US', {
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  });
  const formatCurrency = (amount) => (amount === null || amount === undefined ? '' : currencyFormat.format(amount));
  const formatDate = (value) => {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value || '');
    return match ? `${Number(match[2])}/${Number(match[3])}/${match[1]}` : value || '';
  };
  const formatDateTime = (iso) => (iso ? dateTimeFormat.format(new Date(iso)).replace(/\u202f/g, ' ') : '');
  const recordUrl = (objectApiName, id) => `/lightning/r/${objectApiName}/${id}/view`;
  const userName = (id) => (users.get(id) ? users.get(id).Name : '');
  const accountName = (id) => (accounts.get(id) ? accounts.get(id).Name : '');

  // ---------------------------------------------------------------------------------------------------------
  // Elements (built with `h` from lightning-components.js: strings become text nodes, never HTML)

  const icon = (kind, letters, small) =>
    h('span', {
      class: `slds-icon slds-icon-standard-${kind}${small ? ' slds-icon_small' : ''}`,
      'aria-hidden': 'true',
      text: letters,
    });

  // Field value renderers, shaped like Lightning's output components.
  const formattedText = (value) =>
    h('lightning-formatted-text', { 'data-output-element-id': 'output-field', text: value });
  const formattedNumber = (value) =>
    h('lightning-formatted-number', { 'data-output-element-id': 'output-field', text: value });
  const lookup = (objectApiName, id, label) =>
    id && label
      ? h(
          'force-lookup',
          { 'data-output-element-id': 'output-field' },
          h(
            'records-hoverable-link',
            null,
            h(
              'a',
              { href: recordUrl(objectApiName, id), 'data-refid': 'recordId', 'data-recordid': id },
              h('span', { text: label }),
            ),
          ),
        )
      : formattedText('');

  const variants = window.__fakeOrgVariants.createVariants({ kit, icon, lookup, recordUrl });

  // ---------------------------------------------------------------------------------------------------------
  // Page containers (Lightning keeps earlier pages in the DOM, hidden; only the active one counts)

  const centerStage = document.querySelector('.oneCenterStage');
  if (variantProblems.length > 0) {
    console.error(`[fake-org] ${variantProblems.join(' ')}`);
    centerStage.before(h('div', { class: 'fakeOrgSettingsError', role: 'alert', text: variantProblems.join(' ') }));
  }
  /** container → { key, lastActive } */
  const containers = new Map();
  let activationCounter = 0;
  let consoleSection = null;

  function ensureConsoleSection() {
    if (consoleSection && consoleSection.isConnected) return consoleSection;
    consoleSection = h(
      'section',
      { class: 'tabContent oneConsoleTab active', role: 'tabpanel' },
      h('div', { class: 'console-tab-bar', role: 'tablist' }),
    );
    centerStage.append(consoleSection);
    return consoleSection;
  }

  function hideContainer(container) {
    container.classList.remove('active');
    container.setAttribute('aria-hidden', 'true');
    container.setAttribute('style', 'display:none');
  }

  function showContainer(container) {
    container.classList.add('active');
    container.removeAttribute('aria-hidden');
    container.removeAttribute('style');
    containers.get(container).lastActive = ++activationCounter;
  }

  function activeContainer() {
    for (const container of containers.keys()) if (container.classList.contains('active')) return container;
    return null;
  }

  /** Removes the least recently shown hidden pages beyond the cache size. */
  function pruneCache() {
    const hidden = [...containers.entries()]
      .filter(([container]) => !container.classList.contains('active'))
      .sort((a, b) => a[1].lastActive - b[1].lastActive);
    while (hidden.length > ui.pageCacheSize) {
      const [container] = hidden.shift();
      containers.delete(container);
      container.remove();
    }
  }

  function openContainer(key, consoleMode) {
    const previous = activeContainer();
    if (previous) hideContainer(previous);
    if (ui.reusePages) {
      for (const [container, info] of containers) {
        if (info.key === key && container.isConnected) {
          showContainer(container);
          pruneCache();
          return { container, reused: true };
        }
      }
    }
    const container = h('div', {
      class: consoleMode
        ? 'windowViewMode-maximized oneContent active lafPageHost'
        : 'windowViewMode-normal oneContent active lafPageHost',
    });
    containers.set(container, { key, lastActive: 0 });
    (consoleMode ? ensureConsoleSection() : centerStage).append(container);
    showContainer(container);
    pruneCache();
    return { container, reused: false };
  }

  function updateConsoleTabs(route, title) {
    const bar = ensureConsoleSection().querySelector('.console-tab-bar');
    const workspace = parseRoute(new URL(route.ws, location.origin));
    const workspaceTitle =
      workspace.kind === 'record' && findRecord(workspace.id) ? recordTitle(findRecord(workspace.id)) : 'Workspace';
    bar.replaceChildren(
      h('span', { class: 'tab', role: 'tab', title: workspaceTitle, text: workspaceTitle }),
      h('span', { class: 'tab subtab slds-is-active', role: 'tab', 'aria-selected': 'true', title, text: title }),
    );
  }

  // ---------------------------------------------------------------------------------------------------------
  // Routes

  function parseRoute(url) {
    const path = url.pathname.replace(/\/+$/, '') || '/';
    const params = url.searchParams;
    const ws = params.get('ws');
    let match;
    if (path === '/one/one.app') {
      match = /^#\/sObject\/([^/]+)\/(view|edit)\b/.exec(url.hash);
      return match ? { kind: 'record', id: match[1], action: match[2], ws } : { kind: 'home', ws };
    }
    if ((match = /^\/lightning\/r\/([A-Za-z0-9_]+)\/([^/]+)\/related\/([A-Za-z0-9_]+)\/view$/.exec(path))) {
      return { kind: 'related', objectApiName: match[1], id: match[2], relationship: match[3], ws };
    }
    if ((match = /^\/lightning\/r\/([A-Za-z0-9_]+)\/([^/]+)\/(view|edit)$/.exec(path))) {
      return { kind: 'record', objectApiName: match[1], id: match[2], action: match[3], ws };
    }
    if ((match = /^\/lightning\/r\/([^/]+)\/(view|edit)$/.exec(path))) {
      return { kind: 'record', id: match[1], action: match[2], ws };
    }
    if ((match = /^\/lightning\/o\/([A-Za-z0-9_]+)\/(list|home)$/.exec(path))) {
      // Real Lightning keeps one /list URL for table and Kanban; `fakeOrgDisplay=table|kanban` (ours) preselects one.
      return {
        kind: 'list',
        objectApiName: match[1],
        filterName: params.get('filterName') || 'Recent',
        display: params.get('fakeOrgDisplay'),
        ws,
      };
    }
    if (path === '/lightning/cmp/force__dynamicRelatedListViewAll') {
      // A Dynamic Related List – Single's View All (a standard__component page reference): the parent record, the
      // record page and the component on it. Only the record decides what the fake org shows.
      const [id, flexipageId, cmpId] = ['force__recordId', 'force__flexipageId', 'force__cmpId'].map((name) =>
        params.get(name),
      );
      return { kind: 'dynamic-related', id, flexipageId, cmpId, ws };
    }
    if (path === '/lightning/page/home' || path === '/lightning' || path === '/lightning/page')
      return { kind: 'home', ws };
    return { kind: 'page-not-found', ws };
  }

  const NAV_FOR_ROUTE = (route) => {
    if (route.kind === 'home') return 'home';
    const object =
      route.kind === 'record' || route.kind === 'related' || route.kind === 'dynamic-related'
        ? (findRecord(route.id) || {}).objectApiName || route.objectApiName
        : route.objectApiName;
    return object === 'Opportunity' ? 'opportunities' : object === 'Account' ? 'accounts' : '';
  };

  let renderCount = 0;
  let routedKey = '';
  let pendingRender = Promise.resolve();

  /** Renders the page for the current location; resolves when its content (after the delay) is in the DOM. */
  function route() {
    const url = new URL(location.href);
    const current = parseRoute(url);
    const key = url.pathname + url.search + url.hash;
    routedKey = key;
    const consoleMode = Boolean(current.ws);
    const { container, reused } = openContainer(key, consoleMode);
    if (consoleSection) {
      if (consoleMode) consoleSection.removeAttribute('style');
      else consoleSection.setAttribute('style', 'display:none');
    }

    for (const item of document.querySelectorAll('#oneHeader .slds-context-bar__item')) {
      item.classList.toggle('slds-is-active', item.getAttribute('data-nav') === NAV_FOR_ROUTE(current));
    }

    const page = describePage(current);
    document.title = page.title;
    if (consoleMode) updateConsoleTabs(current, page.tabTitle || page.title);

    const finish = () => {
      renderCount++;
      window.dispatchEvent(new CustomEvent('fakeorg:rendered', { detail: { path: key, kind: page.kind } }));
    };
    if (reused) {
      finish();
      pendingRender = Promise.resolve();
      return pendingRender;
    }
    page.renderShell(container);
    pendingRender = new Promise((resolve) => {
      const run = () => {
        page.renderContent(container);
        finish();
        resolve();
      };
      if (ui.renderDelayMs > 0) setTimeout(run, ui.renderDelayMs);
      else run();
    });
    return pendingRender;
  }

  /** title, a shell rendered at once, and content rendered after the delay (like Lightning's async loading). */
  function describePage(current) {
    if (current.kind === 'record') {
      const found = findRecord(current.id);
      if (!found) return recordNotFoundPage();
      if (found.objectApiName === 'Opportunity') return opportunityPage(found.record, current.action);
      if (found.objectApiName === 'Account') return accountPage(found.record, current.action);
      if (found.objectApiName === 'Lead') return leadPage(found.record);
      return userPage(found.record);
    }
    if (current.kind === 'related') {
      const found = findRecord(current.id);
      if (!found || found.objectApiName !== 'Account' || current.relationship !== 'Opportunities')
        return recordNotFoundPage();
      return relatedOpportunitiesPage(found.record);
    }
    if (current.kind === 'dynamic-related') {
      const found = findRecord(current.id);
      if (!found || found.objectApiName !== 'Account') return recordNotFoundPage();
      return dynamicRelatedOpportunitiesPage(found.record);
    }
    if (current.kind === 'list') {
      if (current.objectApiName === 'Opportunity') return opportunityListPage(current.filterName, current.display);
      if (current.objectApiName === 'Account') return accountListPage(current.filterName);
      return pageNotFoundPage();
    }
    if (current.kind === 'home') return homePage();
    return pageNotFoundPage();
  }

  const recordTitle = (found) => found.record.Name;

  // ---------------------------------------------------------------------------------------------------------
  // Record pages

  /**
   * one-record-home-flexipage2 > flexipage-record-home-template-desktop2 with a header region (highlights),
   * a main region (path + record layout) and a sidebar. The regions are filled after the delay.
   */
  function recordShell(container) {
    const header = h('div', { class: 'region-header' });
    const main = h(
      'div',
      { class: 'region-main' },
      h(
        'div',
        { class: 'slds-card forceRecordLayoutStencil', 'aria-busy': 'true' },
        h('div', { class: 'bar short' }),
        h('div', { class: 'bar mid' }),
        h('div', { class: 'bar' }),
        h('div', { class: 'bar mid' }),
      ),
    );
    const sidebar = h('div', { class: 'region-sidebar' });
    container.replaceChildren(
      h(
        'one-record-home-flexipage2',
        null,
        h('flexipage-record-home-template-desktop2', { class: 'record-template' }, header, main, sidebar),
      ),
    );
    recordRegions.set(container, { header, main, sidebar });
    return { header, main, sidebar };
  }

  /** container → its record page regions, kept because in native shadow they are inside the template's root. */
  const recordRegions = new WeakMap();
  const regions = (container) => recordRegions.get(container);

  /** The highlights panel the org uses: `details` name each field's API name for Dynamic Highlights. */
  const highlights = (objectApiName, options) =>
    ui.highlights === 'dynamic' ? variants.dynamicHighlights({ objectApiName, ...options }) : highlightsPanel(options);

  /** The record details the org uses: the page layout, or Dynamic Forms. */
  const recordDetails = (objectApiName, sections) =>
    ui.recordLayout === 'dynamic-forms'
      ? variants.dynamicForm(objectApiName, sections)
      : recordLayout(objectApiName, sections);

  function highlightsPanel({ entityLabel, iconKind, iconLetters, name, details, actions }) {
    return h(
      'records-lwc-highlights-panel',
      null,
      h(
        'records-highlights2',
        null,
        h(
          'div',
          { class: 'highlights slds-page-header' },
          h(
            'div',
            { class: 'slds-page-header__row' },
            h(
              'div',
              { class: 'slds-media' },
              h('div', { class: 'slds-media__figure' }, icon(iconKind, iconLetters)),
              h(
                'div',
                { class: 'slds-media__body' },
                h('div', { class: 'entityNameTitle slds-line-height_reset', text: entityLabel }),
                h(
                  'h1',
                  { class: 'slds-page-header__title slds-m-right_small slds-truncate' },
                  h('slot', { name: 'primaryField' }, h('lightning-formatted-text', { title: name, text: name })),
                ),
              ),
            ),
            h(
              'ul',
              { class: 'slds-button-group slds-button-group-list' },
              (actions || []).map((action) => h('li', null, action)),
            ),
          ),
          h(
            'div',
            { class: 'secondaryFields' },
            h(
              'slot',
              { name: 'secondaryFields' },
              details.map(({ label, value }) =>
                h(
                  'records-highlights-details-item',
                  { class: 'slds-page-header__detail-block' },
                  h(
                    'div',
                    null,
                    h('p', { class: 'slds-text-title slds-truncate', title: label, text: label }),
                    h(
                      'p',
                      { class: 'fieldComponent slds-text-body--regular slds-show_medium' },
                      h('slot', null, value),
                    ),
                  ),
                ),
              ),
            ),
          ),
        ),
      ),
    );
  }

  /**
   * records-record-layout-item (UTAM records/recordLayoutItem): the value is light content `[slot='outputField']`;
   * a value of several parts (Created By: user, date) comes as one element, like records-modstamp.
   */
  function layoutItem(objectApiName, fieldApiName, label, value) {
    const output = kit.native && Array.isArray(value) ? h('records-modstamp', null, value) : value;
    return h(
      'records-record-layout-item',
      { 'field-label': label, class: 'slds-form__item', role: 'listitem' },
      h(
        'div',
        {
          class: 'slds-form-element slds-form-element_readonly slds-form-element_horizontal',
          'data-target-selection-name': `sfdc:RecordField.${objectApiName}.${fieldApiName}`,
        },
        h('div', { class: 'slds-form-element__label' }, h('span', { class: 'test-id__field-label', text: label })),
        h(
          'div',
          { class: 'slds-form-element__control' },
          h('span', { class: 'test-id__field-value slds-form-element__static' }, nativeSlot('outputField', output)),
        ),
      ),
    );
  }

  function recordLayout(objectApiName, sections) {
    return h(
      'records-lwc-detail-panel',
      null,
      h(
        'div',
        { class: 'slds-card' },
        h(
          'ul',
          { class: 'slds-tabs_default__nav', role: 'tablist' },
          h('li', { class: 'slds-tabs_default__item', text: 'Activity' }),
          h('li', { class: 'slds-tabs_default__item slds-is-active', text: 'Details' }),
        ),
        h(
          'records-lwc-record-layout',
          null,
          sections.map(({ title, items }) =>
            h(
              'records-record-layout-section',
              null,
              h('h3', { class: 'section-title test-id__section-header-title', text: title }),
              h(
                'div',
                { class: 'slds-form', role: 'list' },
                nativeSlot(
                  null,
                  items.map(([field, label, value]) => layoutItem(objectApiName, field, label, value)),
                ),
              ),
            ),
          ),
        ),
      ),
    );
  }

  function stagePath(opportunity) {
    const open = [
      'Prospecting',
      'Qualification',
      'Needs Analysis',
      'Value Proposition',
      'Id. Decision Makers',
      'Perception Analysis',
      'Proposal/Price Quote',
      'Negotiation/Review',
    ];
    const steps = [...open, opportunity.IsClosed ? opportunity.StageName : 'Closed'];
    const currentIndex = steps.indexOf(opportunity.StageName);
    return h(
      'records-lwc-path',
      null,
      h(
        'ol',
        { class: 'slds-path', role: 'listbox', 'aria-label': 'Path Options' },
        steps.map((step, index) => {
          let state = index < currentIndex ? ' slds-is-complete' : index === currentIndex ? ' slds-is-current' : '';
          if (index === currentIndex && opportunity.StageName === 'Closed Lost') state = ' slds-is-lost';
          return h('li', {
            class: `slds-path__item${state}`,
            role: 'option',
            title: step,
            'aria-selected': String(index === currentIndex),
            text: step,
          });
        }),
      ),
    );
  }

  const actionButtons = (objectApiName, id) => [
    h('button', { class: 'slds-button', type: 'button', text: 'Follow' }),
    h('a', { class: 'slds-button', href: `/lightning/r/${objectApiName}/${id}/edit`, role: 'button', text: 'Edit' }),
    h('button', { class: 'slds-button', type: 'button', text: 'Clone' }),
  ];

  function editModal(objectApiName, record, fields) {
    return h(
      'div',
      { class: 'modal-container slds-modal__container-wrapper' },
      h('div', { class: 'slds-backdrop slds-backdrop_open' }),
      h(
        'section',
        {
          class: 'slds-modal slds-fade-in-open',
          role: 'dialog',
          'aria-modal': 'true',
          'aria-label': `Edit ${record.Name}`,
        },
        h(
          'div',
          { class: 'slds-modal__container' },
          h(
            'header',
            { class: 'slds-modal__header' },
            h('h2', { class: 'slds-modal__title', text: `Edit ${record.Name}` }),
          ),
          h(
            'div',
            { class: 'slds-modal__content' },
            fields.map(([label, value]) => {
              const input = h('input', { type: 'text', name: label, readonly: true });
              input.value = value;
              return h('div', null, h('label', null, label, input));
            }),
          ),
          h(
            'footer',
            { class: 'slds-modal__footer' },
            h('a', { class: 'slds-button', href: recordUrl(objectApiName, record.Id), role: 'button', text: 'Cancel' }),
            h('button', { class: 'slds-button slds-button_brand', type: 'button', disabled: true, text: 'Save' }),
          ),
        ),
      ),
    );
  }

  function opportunityPage(opportunity, action) {
    const owner = userName(opportunity.OwnerId);
    const creator = userName(opportunity.CreatedById);
    const account = accounts.get(opportunity.AccountId);
    return {
      kind: 'opportunity-record',
      title: `${opportunity.Name} | Opportunity | Salesforce`,
      tabTitle: opportunity.Name,
      renderShell: recordShell,
      renderContent(container) {
        const { header, main, sidebar } = regions(container);
        header.replaceChildren(
          highlights('Opportunity', {
            entityLabel: 'Opportunity',
            iconKind: 'opportunity',
            iconLetters: 'Op',
            name: opportunity.Name,
            actions: actionButtons('Opportunity', opportunity.Id),
            details: [
              {
                field: 'AccountId',
                label: 'Account Name',
                value: lookup('Account', opportunity.AccountId, accountName(opportunity.AccountId)),
              },
              { field: 'CloseDate', label: 'Close Date', value: formattedText(formatDate(opportunity.CloseDate)) },
              { field: 'Amount', label: 'Amount', value: formattedNumber(formatCurrency(opportunity.Amount)) },
              { field: 'OwnerId', label: 'Opportunity Owner', value: lookup('User', opportunity.OwnerId, owner) },
            ],
          }),
          stagePath(opportunity),
        );
        main.replaceChildren(
          recordDetails('Opportunity', [
            {
              title: 'Opportunity Information',
              items: [
                ['OwnerId', 'Opportunity Owner', lookup('User', opportunity.OwnerId, owner)],
                ['Name', 'Opportunity Name', formattedText(opportunity.Name)],
                [
                  'AccountId',
                  'Account Name',
                  lookup('Account', opportunity.AccountId, accountName(opportunity.AccountId)),
                ],
                ['Type', 'Type', formattedText(opportunity.Type || '')],
                ['CloseDate', 'Close Date', formattedText(formatDate(opportunity.CloseDate))],
                ['StageName', 'Stage', formattedText(opportunity.StageName)],
                ['Amount', 'Amount', formattedNumber(formatCurrency(opportunity.Amount))],
                ['Probability', 'Probability (%)', formattedNumber(`${opportunity.Probability}%`)],
                [
                  'ForecastCategoryName',
                  'Forecast Category',
                  h('sfa-output-forecast-category', null, formattedText(opportunity.ForecastCategoryName)),
                ],
                ['LeadSource', 'Lead Source', formattedText(opportunity.LeadSource || '')],
              ],
            },
            {
              title: 'System Information',
              items: [
                ...(ui.createdDate === 'hidden'
                  ? []
                  : [
                      [
                        'CreatedById',
                        'Created By',
                        [
                          lookup('User', opportunity.CreatedById, creator),
                          ', ',
                          formattedText(formatDateTime(opportunity.CreatedDate)),
                        ],
                      ],
                    ]),
                [
                  'LastModifiedById',
                  'Last Modified By',
                  [
                    lookup('User', opportunity.OwnerId, owner),
                    ', ',
                    formattedText(formatDateTime(opportunity.LastModifiedDate)),
                  ],
                ],
                ...(ui.createdDate === 'hidden'
                  ? []
                  : [['CreatedDate', 'Created Date', formattedText(formatDateTime(opportunity.CreatedDate))]]),
                ['LastModifiedDate', 'Last Modified Date', formattedText(formatDateTime(opportunity.LastModifiedDate))],
              ],
            },
          ]),
        );
        const siblings = account
          ? opportunitiesOfAccount(account.Id).filter((other) => other.Id !== opportunity.Id)
          : [];
        sidebar.replaceChildren(
          h(
            'article',
            { class: 'slds-card related-opportunities-card' },
            h(
              'div',
              { class: 'slds-card__header' },
              icon('opportunity', 'Op', true),
              h('h2', {
                class: 'slds-card__header-title',
                text: account ? `More opportunities at ${account.Name}` : 'More opportunities',
              }),
            ),
            h(
              'div',
              { class: 'slds-card__body' },
              siblings.length
                ? h(
                    'ul',
                    { class: 'link-list' },
                    siblings.map((other) =>
                      h(
                        'li',
                        null,
                        h('a', { href: recordUrl('Opportunity', other.Id), title: other.Name, text: other.Name }),
                        h('span', { class: 'meta', text: other.StageName }),
                      ),
                    ),
                  )
                : h('p', { class: 'emptyContent', text: 'No other opportunities.' }),
            ),
            account
              ? h(
                  'footer',
                  { class: 'slds-card__footer' },
                  h('a', { href: recordUrl('Account', account.Id), text: `View ${account.Name}` }),
                )
              : null,
          ),
        );
        if (action === 'edit') {
          container.querySelector('one-record-home-flexipage2').after(
            editModal('Opportunity', opportunity, [
              ['Opportunity Name', opportunity.Name],
              ['Account Name', accountName(opportunity.AccountId)],
              ['Amount', opportunity.Amount === null ? '' : String(opportunity.Amount)],
              ['Close Date', formatDate(opportunity.CloseDate)],
              ['Stage', opportunity.StageName],
              ['Probability (%)', String(opportunity.Probability)],
            ]),
          );
        }
      },
    };
  }

  /**
   * A lead's record page, with the Convert action: a dialog like Lightning's "Convert Lead" (opportunity name,
   * "Don't create an opportunity upon conversion"), then "Your lead has been converted" with a link to the new
   * opportunity. The server converts (tests/fake-org/leads.ts), so the REST API sees the converted lead.
   */
  function leadPage(lead) {
    const owner = userName(lead.OwnerId);
    const creator = userName(lead.CreatedById);
    let statusValue;
    return {
      kind: 'lead-record',
      title: `${lead.Name} | Lead | Salesforce`,
      tabTitle: lead.Name,
      renderShell: recordShell,
      renderContent(container) {
        const { header, main, sidebar } = regions(container);
        const convertButton = h('button', { class: 'slds-button', type: 'button', text: 'Convert' });
        convertButton.disabled = Boolean(lead.IsConverted);
        convertButton.addEventListener('click', () =>
          openConvertDialog(container, lead, (status) => {
            statusValue.textContent = status;
            convertButton.disabled = true;
          }),
        );
        header.replaceChildren(
          highlights('Lead', {
            entityLabel: 'Lead',
            iconKind: 'lead',
            iconLetters: 'Le',
            name: lead.Name,
            actions: [h('button', { class: 'slds-button', type: 'button', text: 'Follow' }), convertButton],
            details: [
              { field: 'Title', label: 'Title', value: formattedText(lead.Title) },
              { field: 'Company', label: 'Company', value: formattedText(lead.Company) },
              { field: 'Email', label: 'Email', value: formattedText(lead.Email) },
            ],
          }),
        );
        statusValue = formattedText(lead.Status);
        main.replaceChildren(
          recordDetails('Lead', [
            {
              title: 'Lead Information',
              items: [
                ['OwnerId', 'Lead Owner', lookup('User', lead.OwnerId, owner)],
                ['Name', 'Name', formattedText(lead.Name)],
                ['Company', 'Company', formattedText(lead.Company)],
                ['Title', 'Title', formattedText(lead.Title)],
                ['Status', 'Lead Status', statusValue],
                ['LeadSource', 'Lead Source', formattedText(lead.LeadSource || '')],
              ],
            },
            {
              title: 'System Information',
              items: [
                [
                  'CreatedById',
                  'Created By',
                  [lookup('User', lead.CreatedById, creator), ', ', formattedText(formatDateTime(lead.CreatedDate))],
                ],
                ['CreatedDate', 'Created Date', formattedText(formatDateTime(lead.CreatedDate))],
              ],
            },
          ]),
        );
        sidebar.replaceChildren();
      },
    };
  }

  function openConvertDialog(container, lead, onConverted) {
    const nameInput = h('input', { type: 'text', name: 'Opportunity Name' });
    nameInput.value = `${lead.Company}-`;
    const noOpportunity = h('input', { type: 'checkbox', name: 'doNotCreateOpportunity' });
    const error = h('p', { class: 'slds-text-color_error', role: 'alert' });
    const convert = h('button', { class: 'slds-button slds-button_brand', type: 'button', text: 'Convert' });
    const cancel = h('button', { class: 'slds-button', type: 'button', text: 'Cancel' });
    const body = h(
      'div',
      { class: 'slds-modal__content' },
      h('div', null, h('label', null, 'Opportunity Name', nameInput)),
      h('div', null, h('label', null, noOpportunity, 'Don’t create an opportunity upon conversion')),
      error,
    );
    const dialog = h(
      'div',
      { class: 'modal-container slds-modal__container-wrapper' },
      h('div', { class: 'slds-backdrop slds-backdrop_open' }),
      h(
        'section',
        { class: 'slds-modal slds-fade-in-open', role: 'dialog', 'aria-modal': 'true', 'aria-label': 'Convert Lead' },
        h(
          'div',
          { class: 'slds-modal__container' },
          h('header', { class: 'slds-modal__header' }, h('h2', { class: 'slds-modal__title', text: 'Convert Lead' })),
          body,
          h('footer', { class: 'slds-modal__footer' }, cancel, convert),
        ),
      ),
    );
    cancel.addEventListener('click', () => dialog.remove());
    convert.addEventListener('click', async () => {
      convert.disabled = true;
      const response = await fetch('/_fake-org/convert-lead', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          leadId: lead.Id,
          opportunityName: nameInput.value,
          createOpportunity: !noOpportunity.checked,
        }),
      });
      const answer = await response.json();
      if (!response.ok) {
        error.textContent = answer.message || 'The lead could not be converted.';
        convert.disabled = false;
        return;
      }
      Object.assign(lead, answer.lead);
      if (answer.opportunity) {
        opportunities.set(answer.opportunity.Id, answer.opportunity);
        data.opportunities.push(answer.opportunity);
      }
      onConverted(lead.Status);
      const links = answer.opportunity
        ? h(
            'p',
            null,
            'Opportunity: ',
            h('a', {
              href: recordUrl('Opportunity', answer.opportunity.Id),
              title: answer.opportunity.Name,
              text: answer.opportunity.Name,
            }),
          )
        : h('p', { text: 'No opportunity was created.' });
      body.replaceChildren(links);
      dialog.querySelector('.slds-modal__title').textContent = 'Your lead has been converted';
      dialog.querySelector('section').setAttribute('aria-label', 'Your lead has been converted');
      convert.remove();
      cancel.textContent = 'Close';
    });
    container.append(dialog);
    nameInput.focus();
  }

  function relatedOpportunitiesTable(rows) {
    return h(
      'table',
      { class: 'slds-table slds-table_bordered', role: 'grid' },
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          ['Opportunity Name', 'Stage', 'Amount', 'Close Date'].map((label) =>
            h('th', { scope: 'col', title: label, text: label }),
          ),
        ),
      ),
      h(
        'tbody',
        null,
        rows.map((opportunity) =>
          h(
            'tr',
            { 'data-row-key-value': opportunity.Id },
            h(
              'th',
              { scope: 'row', 'data-label': 'Opportunity Name' },
              h('a', {
                href: recordUrl('Opportunity', opportunity.Id),
                title: opportunity.Name,
                text: opportunity.Name,
              }),
            ),
            h('td', { 'data-label': 'Stage' }, formattedText(opportunity.StageName)),
            h('td', { 'data-label': 'Amount', class: 'amount' }, formattedNumber(formatCurrency(opportunity.Amount))),
            h('td', { 'data-label': 'Close Date' }, formattedText(formatDate(opportunity.CloseDate))),
          ),
        ),
      ),
    );
  }

  function accountPage(account, action) {
    const owner = userName(account.OwnerId);
    const related = opportunitiesOfAccount(account.Id);
    const address = [account.BillingCity, account.BillingState, account.BillingCountry].filter(Boolean).join(', ');
    const partnerItems = account.IsPartner
      ? [
          ['Partner_Type__c', 'Partner Type', formattedText(account.Partner_Type__c || '')],
          ['Partner_Tier__c', 'Partner Tier', formattedText(account.Partner_Tier__c || '')],
        ]
      : [];
    return {
      kind: 'account-record',
      title: `${account.Name} | Account | Salesforce`,
      tabTitle: account.Name,
      renderShell: recordShell,
      renderContent(container) {
        const { header, main, sidebar } = regions(container);
        header.replaceChildren(
          highlights('Account', {
            entityLabel: 'Account',
            iconKind: 'account',
            iconLetters: 'Ac',
            name: account.Name,
            actions: actionButtons('Account', account.Id),
            details: [
              { field: 'Type', label: 'Type', value: formattedText(account.Type) },
              { field: 'Industry', label: 'Industry', value: formattedText(account.Industry) },
              {
                field: 'Website',
                label: 'Website',
                value: h(
                  'lightning-formatted-url',
                  null,
                  h('a', {
                    href: account.Website,
                    target: '_blank',
                    rel: 'noopener',
                    text: account.Website.replace(/^https?:\/\//, ''),
                  }),
                ),
              },
              { field: 'OwnerId', label: 'Account Owner', value: lookup('User', account.OwnerId, owner) },
            ],
          }),
        );
        main.replaceChildren(
          recordDetails('Account', [
            {
              title: 'Account Information',
              items: [
                ['Name', 'Account Name', formattedText(account.Name)],
                ['OwnerId', 'Account Owner', lookup('User', account.OwnerId, owner)],
                ['Type', 'Type', formattedText(account.Type)],
                ['Industry', 'Industry', formattedText(account.Industry)],
                ['Website', 'Website', formattedText(account.Website)],
                ['BillingAddress', 'Billing Address', formattedText(address)],
                ...partnerItems,
              ],
            },
            {
              title: 'System Information',
              items: [['CreatedDate', 'Created Date', formattedText(formatDateTime(account.CreatedDate))]],
            },
          ]),
        );
        sidebar.replaceChildren(
          ui.relatedLists === 'standard'
            ? standardRelatedOpportunities(account, related)
            : relatedOpportunities(account, related),
        );
        if (action === 'edit') {
          container.querySelector('one-record-home-flexipage2').after(
            editModal('Account', account, [
              ['Account Name', account.Name],
              ['Type', account.Type],
              ['Industry', account.Industry],
              ['Website', account.Website],
            ]),
          );
        }
      },
    };
  }

  /** The account's Opportunities related list as the fake org always rendered it (a plain table in a card). */
  function standardRelatedOpportunities(account, related) {
    return h(
      'lst-related-list-single-container',
      null,
      h(
        'article',
        { class: 'slds-card slds-card_boundary', 'aria-label': 'Opportunities' },
        h(
          'div',
          { class: 'slds-card__header' },
          icon('opportunity', 'Op', true),
          h(
            'h2',
            { class: 'slds-card__header-title' },
            h(
              'a',
              { href: `/lightning/r/Account/${account.Id}/related/Opportunities/view` },
              h('span', { title: 'Opportunities', text: 'Opportunities' }),
              ' ',
              h('span', { title: `(${related.length})`, text: `(${related.length})` }),
            ),
          ),
        ),
        h(
          'div',
          { class: 'slds-card__body' },
          related.length
            ? relatedOpportunitiesTable(related.slice(0, 6))
            : h('p', { class: 'emptyContent', text: 'No opportunities yet.' }),
        ),
        related.length
          ? h(
              'footer',
              { class: 'slds-card__footer' },
              h('a', { href: `/lightning/r/Account/${account.Id}/related/Opportunities/view`, text: 'View All' }),
            )
          : null,
      ),
    );
  }

  /**
   * The account's Opportunities related list as Lightning renders it (lightning-variants.js): a datatable or
   * tiles, in a Related List – Single (View All: /related/Opportunities/view) or a Dynamic Related List – Single
   * (View All: the force__dynamicRelatedListViewAll page, with the parameters Lightning sends).
   */
  function relatedOpportunities(account, related) {
    const dynamic = ui.relatedLists.startsWith('dynamic-');
    return variants.relatedList({
      dynamic,
      display: ui.relatedLists.endsWith('tiles') ? 'tiles' : 'grid',
      objectApiName: 'Opportunity',
      title: 'Opportunities',
      iconKind: 'opportunity',
      iconLetters: 'Op',
      rows: related.slice(0, 6),
      count: related.length,
      viewAllUrl: dynamic
        ? dynamicRelatedListViewAllUrl(account.Id)
        : `/lightning/r/Account/${account.Id}/related/Opportunities/view`,
      columns: { nameLabel: 'Opportunity Name', list: RELATED_OPPORTUNITY_COLUMNS },
      fields: [
        { label: 'Stage', value: (o) => h('lst-formatted-text', { text: o.StageName }) },
        { label: 'Amount', value: (o) => formattedNumber(formatCurrency(o.Amount)) },
        { label: 'Close Date', value: (o) => h('lst-formatted-text', { text: formatDate(o.CloseDate) }) },
      ],
      renderMode: ui.datatable,
    });
  }

  /** Where a Dynamic Related List – Single's View All goes: the component page, named by flexipage and component. */
  const dynamicRelatedListViewAllUrl = (recordId) =>
    '/lightning/cmp/force__dynamicRelatedListViewAll?' +
    new URLSearchParams({
      force__flexipageId: 'Account_Record_Page',
      force__cmpId: 'lst_dynamicRelatedList',
      force__recordId: recordId,
    });

  function userPage(user) {
    return {
      kind: 'user-record',
      title: `${user.Name} | User | Salesforce`,
      tabTitle: user.Name,
      renderShell: recordShell,
      renderContent(container) {
        const { header, main } = regions(container);
        header.replaceChildren(
          highlightsPanel({
            entityLabel: 'User',
            iconKind: 'user',
            iconLetters: user.FirstName.charAt(0) + user.LastName.charAt(0),
            name: user.Name,
            details: [
              { label: 'Title', value: formattedText(user.Title) },
              { label: 'Email', value: formattedText(user.Email) },
            ],
          }),
        );
        main.replaceChildren(
          recordLayout('User', [
            {
              title: 'About',
              items: [
                ['Name', 'Name', formattedText(user.Name)],
                ['Title', 'Title', formattedText(user.Title)],
                ['Email', 'Email', formattedText(user.Email)],
                ['Username', 'Username', formattedText(user.Username)],
              ],
            },
          ]),
        );
      },
    };
  }

  function recordNotFoundPage() {
    return {
      kind: 'record-not-found',
      title: 'Error | Salesforce',
      renderShell(container) {
        container.replaceChildren(
          h(
            'div',
            { class: 'slds-card forceRecordLayoutStencil', 'aria-busy': 'true' },
            h('div', { class: 'bar short' }),
            h('div', { class: 'bar mid' }),
          ),
        );
      },
      renderContent(container) {
        container.replaceChildren(
          h(
            'force-record-not-found',
            null,
            h(
              'div',
              { class: 'slds-card forceRecordNotFound' },
              h(
                'div',
                { class: 'slds-illustration slds-illustration_large', role: 'alert' },
                h('div', { class: 'illustration-art', 'aria-hidden': 'true' }),
                h('h2', { class: 'slds-text-heading_medium', text: "Looks like there's a problem." }),
                h('p', {
                  class: 'slds-text-body_regular',
                  text:
                    "Record not found. The record you're trying to view has been deleted or you don't have access " +
                    'to it.',
                }),
              ),
            ),
          ),
        );
      },
    };
  }

  function pageNotFoundPage() {
    return {
      kind: 'page-not-found',
      title: 'Error | Salesforce',
      renderShell() {},
      renderContent(container) {
        container.replaceChildren(
          h(
            'div',
            { class: 'slds-card forcePageError' },
            h(
              'div',
              { class: 'slds-illustration slds-illustration_large', role: 'alert' },
              h('div', { class: 'illustration-art', 'aria-hidden': 'true' }),
              h('h2', { class: 'slds-text-heading_medium', text: "Page doesn't exist" }),
              h('p', { class: 'slds-text-body_regular', text: 'Enter a valid URL and try again.' }),
            ),
          ),
        );
      },
    };
  }

  // ---------------------------------------------------------------------------------------------------------
  // List views. Columns and filters are data. Each rendered list (list view, related list "View All") has a
  // controller that, like Lightning, shows the first 50 rows and appends 50 more when its scroll container nears
  // the bottom, re-renders the tbody (new tr elements) when a column header sorts it, and can show the
  // opportunities as a Kanban pipeline board instead of a table (same URL; only the DOM differs).

  const LIST_BATCH_SIZE = 50;
  /** Distance from the bottom of the scroll container (px) at which the next batch loads. */
  const LOAD_MORE_THRESHOLD_PX = 200;
  const STAGE_ORDER = [
    'Prospecting',
    'Qualification',
    'Needs Analysis',
    'Value Proposition',
    'Id. Decision Makers',
    'Perception Analysis',
    'Proposal/Price Quote',
    'Negotiation/Review',
    'Closed Won',
    'Closed Lost',
  ];
  const stageRank = (name) => {
    const index = STAGE_ORDER.indexOf(name);
    return index < 0 ? STAGE_ORDER.length : index;
  };
  const compareText = (a, b) => (a || '').localeCompare(b || '');
  // Salesforce sorts nulls first when ascending.
  const isBlank = (value) => value === null || value === undefined;
  const compareNumber = (a, b) => (isBlank(a) ? (isBlank(b) ? 0 : -1) : isBlank(b) ? 1 : a - b);

  const OPPORTUNITY_COLUMNS = [
    {
      label: 'Account Name',
      cell: (o) => lookup('Account', o.AccountId, accountName(o.AccountId)),
      compare: (a, b) => compareText(accountName(a.AccountId), accountName(b.AccountId)),
    },
    {
      label: 'Stage',
      cell: (o) => formattedText(o.StageName),
      compare: (a, b) => stageRank(a.StageName) - stageRank(b.StageName),
    },
    {
      label: 'Amount',
      className: 'amount',
      cell: (o) => formattedNumber(formatCurrency(o.Amount)),
      compare: (a, b) => compareNumber(a.Amount, b.Amount),
    },
    {
      label: 'Close Date',
      cell: (o) => formattedText(formatDate(o.CloseDate)),
      compare: (a, b) => compareText(a.CloseDate, b.CloseDate),
    },
    {
      label: 'Opportunity Owner',
      cell: (o) => formattedText(userName(o.OwnerId)),
      compare: (a, b) => compareText(userName(a.OwnerId), userName(b.OwnerId)),
    },
  ];
  /** The columns (after the name) of the account's Opportunities related list on the record page. */
  const RELATED_OPPORTUNITY_COLUMNS = OPPORTUNITY_COLUMNS.filter((column) =>
    ['Stage', 'Amount', 'Close Date'].includes(column.label),
  );

  const byName = (a, b) => a.Name.localeCompare(b.Name);
  const byLastModifiedDesc = (a, b) => b.LastModifiedDate.localeCompare(a.LastModifiedDate);
  const monthOf = (date) => date.slice(0, 7);
  const localMonth = () => {
    const now = new Date();
    return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
  };
  const startOfWeek = () => {
    const now = new Date();
    return new Date(now.getFullYear(), now.getMonth(), now.getDate() - now.getDay());
  };

  const OPPORTUNITY_FILTERS = {
    Recent: { label: 'Recently Viewed', sortLabel: null, filter: () => true, sort: byLastModifiedDesc, limit: 25 },
    __Recent: { alias: 'Recent' },
    AllOpportunities: { label: 'All Opportunities', sortLabel: 'Opportunity Name', filter: () => true, sort: byName },
    MyOpportunities: {
      label: 'My Opportunities',
      sortLabel: 'Opportunity Name',
      filter: (o) => o.OwnerId === data.org.CurrentUserId,
      sort: byName,
    },
    OpenOpportunities: {
      label: 'Opportunity Pipeline',
      sortLabel: 'Close Date',
      filter: (o) => !o.IsClosed,
      sort: (a, b) => a.CloseDate.localeCompare(b.CloseDate),
    },
    ClosingThisMonth: {
      label: 'Closing This Month',
      sortLabel: 'Close Date',
      filter: (o) => monthOf(o.CloseDate) === localMonth(),
      sort: (a, b) => a.CloseDate.localeCompare(b.CloseDate),
    },
    NewThisWeek: {
      label: 'New This Week',
      sortLabel: 'Opportunity Name',
      filter: (o) => new Date(o.CreatedDate) >= startOfWeek(),
      sort: byName,
    },
    Won: {
      label: 'Won',
      sortLabel: 'Close Date',
      sortDirection: 'descending',
      filter: (o) => o.IsWon,
      sort: (a, b) => b.CloseDate.localeCompare(a.CloseDate),
    },
  };

  function resolveFilter(filters, filterName) {
    let key = filters[filterName] ? filterName : 'Recent';
    if (filters[key].alias) key = filters[key].alias;
    return { key, filter: filters[key] };
  }

  // The display (table or Kanban) chosen for each list view, remembered for the tab like Lightning remembers it.
  const DISPLAY_KEY = 'fakeOrgListDisplay';
  const listDisplays = (() => {
    try {
      return JSON.parse(sessionStorage.getItem(DISPLAY_KEY) || '{}') || {};
    } catch {
      return {};
    }
  })();
  function rememberDisplay(listKey, display) {
    listDisplays[listKey] = display;
    try {
      sessionStorage.setItem(DISPLAY_KEY, JSON.stringify(listDisplays));
    } catch {
      // ignore
    }
  }

  /** container → its list controller */
  const listControllers = new WeakMap();

  /**
   * The rows of one list and how they are shown. `rows` are already filtered and in the list's default order;
   * `sortLabel`/`sortDirection` name that order's column (null: no column). `board` allows the Kanban display.
   */
  function createListController({
    objectApiName,
    nameLabel,
    columns,
    rows,
    sortLabel,
    sortDirection,
    board,
    listKey,
    view,
  }) {
    const allColumns = [{ label: nameLabel, compare: byName }, ...columns];
    // Another view than the list view table (the datatable of a Dynamic Related List's View All page) renders the
    // same rows, sort and batches in its own markup.
    const custom = view
      ? view({ objectApiName, nameLabel, columns, sortBy: (label) => sortBy(label), onScroll: () => onScroll() })
      : null;
    const newRow = (record, index) => (custom ? custom.row(record, index) : rowElement(record, index));
    const rowsOf = (table) => (custom ? custom.body(table) : table.querySelector('tbody'));
    const state = {
      rows: rows.slice(),
      loaded: Math.min(LIST_BATCH_SIZE, rows.length),
      sortLabel: sortLabel || null,
      sortDirection: sortDirection || 'ascending',
      display: board && listDisplays[listKey] === 'kanban' ? 'kanban' : 'table',
      generation: 0,
      loading: null,
      host: null,
      meta: null,
      table: null,
      scroller: null,
    };

    function rowElement(record, index) {
      return h(
        'tr',
        { 'data-row-key-value': record.Id, 'aria-selected': 'false', class: 'slds-hint-parent' },
        h(
          'td',
          { class: 'slds-cell-edit slds-cell_action-mode', role: 'gridcell' },
          h('span', { class: 'slds-row-number slds-text-body_small', text: String(index + 1) }),
        ),
        h(
          'th',
          { scope: 'row', 'data-label': nameLabel, class: 'slds-cell-edit' },
          h(
            'span',
            { class: 'slds-grid slds-grid_align-spread' },
            h('a', {
              href: recordUrl(objectApiName, record.Id),
              title: record.Name,
              'data-refid': 'recordId',
              'data-recordid': record.Id,
              text: record.Name,
            }),
          ),
        ),
        columns.map((column) =>
          h(
            'td',
            {
              'data-label': column.label,
              class: `slds-cell-edit${column.className ? ` ${column.className}` : ''}`,
              role: 'gridcell',
            },
            h('span', { class: 'slds-grid slds-grid_align-spread' }, column.cell(record)),
          ),
        ),
      );
    }

    function headerCell(column) {
      const sorted = column.label === state.sortLabel;
      const direction = sorted ? state.sortDirection : 'none';
      return h(
        'th',
        {
          scope: 'col',
          title: column.label,
          'aria-label': column.label,
          'aria-sort': direction,
          class: [
            'slds-is-sortable',
            sorted ? `slds-is-sorted slds-is-sorted_${direction === 'ascending' ? 'asc' : 'desc'}` : '',
            column.className || '',
          ]
            .filter(Boolean)
            .join(' '),
        },
        h(
          'button',
          { type: 'button', class: 'slds-th__action slds-button_reset', onclick: () => sortBy(column.label) },
          h('span', { class: 'slds-truncate', title: column.label, text: column.label }),
          h('span', { class: 'sort-arrow', 'aria-hidden': 'true' }),
        ),
      );
    }

    const headerRow = () =>
      h(
        'tr',
        { class: 'slds-line-height_reset' },
        h(
          'th',
          { scope: 'col', class: 'slds-cell_action-mode' },
          h('span', { class: 'slds-assistive-text', text: 'Item Number' }),
        ),
        allColumns.map(headerCell),
      );

    const tbody = () => h('tbody', null, state.rows.slice(0, state.loaded).map(rowElement));

    function tableElement() {
      if (custom) {
        const built = custom.table({
          header: custom.headerRow(state.sortLabel, state.sortDirection),
          rows: state.rows.slice(0, state.loaded).map(newRow),
          total: state.rows.length,
          ariaLabel: nameLabel,
          onScroll,
        });
        state.table = built.table;
        state.scroller = built.scroller;
        return built.element;
      }
      state.table = h(
        'table',
        {
          class: 'slds-table slds-table_header-fixed slds-table_bordered slds-table_edit slds-table_resizable-cols',
          role: 'grid',
          'aria-label': nameLabel,
          'aria-rowcount': String(state.rows.length),
        },
        h('thead', null, headerRow()),
        tbody(),
      );
      state.scroller = h('div', { class: 'slds-scrollable_y', onscroll: onScroll }, state.table);
      return h(
        'lightning-list-view-table',
        null,
        h(
          'div',
          { class: 'slds-table_header-fixed_container slds-scrollable_x' },
          state.scroller,
          state.rows.length ? null : h('div', { class: 'emptyContent', text: 'No items to display.' }),
        ),
      );
    }

    function boardElement() {
      state.table = null;
      state.scroller = null;
      return h(
        'runtime_sales_pipelineboard-pipeline-view',
        null,
        h(
          'div',
          { class: 'runtime_sales_pipelineboardPipelineView', role: 'list', 'aria-label': 'Pipeline board' },
          STAGE_ORDER.map((stage) => {
            const cards = state.rows.filter((record) => record.StageName === stage);
            const total = cards.reduce((sum, record) => sum + (record.Amount || 0), 0);
            return h(
              'div',
              { class: 'runtime_sales_pipelineboardPipelineViewColumn', role: 'listitem', 'aria-label': stage },
              h(
                'div',
                { class: 'runtime_sales_pipelineboardPipelineViewColumnHeader columnHeader' },
                h(
                  'h2',
                  { class: 'columnTitle slds-truncate', title: stage },
                  h('span', { class: 'stageName', text: stage }),
                  ' ',
                  h('span', { class: 'recordCount', text: `(${cards.length})` }),
                ),
                h('p', { class: 'columnSummary', title: 'Sum of Amount', text: formatCurrency(total) }),
              ),
              h(
                'div',
                { class: 'runtime_sales_pipelineboardPipelineViewColumnBody columnBody' },
                cards.map(cardElement),
              ),
            );
          }),
        ),
      );
    }

    function cardElement(record) {
      return h(
        'article',
        { class: 'pipelineViewCard slds-card' },
        h(
          'div',
          { class: 'primaryDisplayField slds-truncate' },
          h('a', {
            href: recordUrl(objectApiName, record.Id),
            title: record.Name,
            'data-refid': 'recordId',
            'data-recordid': record.Id,
            text: record.Name,
          }),
        ),
        h(
          'ul',
          { class: 'cardFields' },
          h(
            'li',
            { class: 'displayField slds-truncate', 'data-label': 'Account Name' },
            lookup('Account', record.AccountId, accountName(record.AccountId)),
          ),
          h('li', { class: 'displayField', 'data-label': 'Amount' }, formattedNumber(formatCurrency(record.Amount))),
          h('li', { class: 'displayField', 'data-label': 'Close Date' }, formattedText(formatDate(record.CloseDate))),
        ),
      );
    }

    function updateMeta() {
      if (!state.meta) return;
      const total = state.rows.length;
      const shown = state.display === 'kanban' ? total : state.loaded;
      const count = shown < total ? `${shown}+` : String(total);
      const sorted = state.sortLabel ? ` • Sorted by ${state.sortLabel}` : '';
      state.meta.textContent = `${count} ${total === 1 ? 'item' : 'items'}${sorted} • Updated a few seconds ago`;
    }

    function render() {
      state.generation++;
      state.loading = null;
      contentRoot(state.host).replaceChildren(state.display === 'kanban' ? boardElement() : tableElement());
      updateMeta();
      fillViewport();
    }

    /** When the loaded rows do not fill a laid-out scroll container, load more (there is nothing to scroll yet). */
    function fillViewport() {
      const scroller = state.scroller;
      if (!scroller || !scroller.isConnected || scroller.clientHeight === 0) return;
      if (scroller.scrollHeight - scroller.clientHeight <= LOAD_MORE_THRESHOLD_PX) loadMore();
    }

    function onScroll() {
      const scroller = state.scroller;
      if (scroller && scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - LOAD_MORE_THRESHOLD_PX)
        loadMore();
    }

    /** Appends the next batch (after the render delay, like a server round trip); resolves with how many rows came. */
    function loadMore() {
      if (state.display !== 'table' || !state.table || state.loaded >= state.rows.length) return Promise.resolve(0);
      if (state.loading) return state.loading;
      const generation = state.generation;
      const spinner = h(
        'div',
        { class: 'slds-spinner_container loadingMore', role: 'status' },
        h('span', { class: 'slds-assistive-text', text: 'Loading' }),
        h('div', { class: 'slds-spinner' }),
      );
      state.scroller.append(spinner);
      const append = () => {
        spinner.remove();
        if (generation !== state.generation) return 0;
        state.loading = null;
        const from = state.loaded;
        const batch = state.rows.slice(from, from + LIST_BATCH_SIZE);
        rowsOf(state.table).append(...batch.map((record, offset) => newRow(record, from + offset)));
        state.loaded += batch.length;
        updateMeta();
        return batch.length;
      };
      if (ui.renderDelayMs <= 0) {
        const count = append();
        fillViewport();
        return Promise.resolve(count);
      }
      state.loading = new Promise((resolve) => {
        setTimeout(() => {
          resolve(append());
          fillViewport();
        }, ui.renderDelayMs);
      });
      return state.loading;
    }

    /** Sorts by a column (toggling its direction when it is already sorted) and re-renders from the first batch. */
    function sortBy(label, direction) {
      const column = allColumns.find((candidate) => candidate.label === label);
      if (!column) throw new Error(`No column "${label}"`);
      const next =
        direction || (state.sortLabel === label && state.sortDirection === 'ascending' ? 'descending' : 'ascending');
      const sign = next === 'descending' ? -1 : 1;
      state.rows.sort((a, b) => sign * column.compare(a, b));
      state.sortLabel = label;
      state.sortDirection = next;
      state.loaded = Math.min(LIST_BATCH_SIZE, state.rows.length);
      if (state.display === 'table' && state.table) {
        state.generation++;
        state.loading = null;
        for (const spinner of state.scroller.querySelectorAll('.loadingMore')) spinner.remove();
        if (custom) {
          custom.header(state.table).replaceChildren(custom.headerRow(state.sortLabel, state.sortDirection));
          custom.body(state.table).replaceChildren(...state.rows.slice(0, state.loaded).map(newRow));
        } else {
          state.table.querySelector('thead').replaceChildren(headerRow());
          state.table.replaceChild(tbody(), state.table.querySelector('tbody'));
        }
        state.scroller.scrollTop = 0;
        updateMeta();
        fillViewport();
      } else {
        render();
      }
    }

    function setDisplay(display) {
      if (display !== 'table' && display !== 'kanban') throw new Error(`Unknown list display "${display}"`);
      if (display === 'kanban' && !board) throw new Error('This list has no Kanban display');
      rememberDisplay(listKey, display);
      state.display = display;
      state.loaded = Math.min(LIST_BATCH_SIZE, state.rows.length);
      render();
    }

    return {
      mount(host, meta) {
        state.host = host;
        state.meta = meta || null;
        render();
      },
      loadMore,
      sortBy,
      setDisplay,
      get state() {
        return {
          display: state.display,
          loaded: state.display === 'kanban' ? state.rows.length : state.loaded,
          total: state.rows.length,
          sortLabel: state.sortLabel,
          sortDirection: state.sortLabel ? state.sortDirection : null,
        };
      },
    };
  }

  function listPage({
    objectApiName,
    objectLabel,
    nameLabel,
    filters,
    filterName,
    records,
    columns,
    iconKind,
    iconLetters,
    board,
    display,
  }) {
    const { key: filterKey, filter } = resolveFilter(filters, filterName);
    const listKey = `${objectApiName}:${filterKey}`;
    if (board && (display === 'kanban' || display === 'table')) rememberDisplay(listKey, display);
    const rows = records
      .filter(filter.filter)
      .sort(filter.sort)
      .slice(0, filter.limit || records.length);
    const switchDisplay = (container, next) => {
      const controller = listControllers.get(container);
      if (controller) controller.setDisplay(next);
      else rememberDisplay(listKey, next);
      for (const button of kit.deepQueryAll(container, '.listDisplaySwitcher button')) {
        button.setAttribute('aria-pressed', String(button.getAttribute('data-display') === next));
      }
    };
    return {
      kind: `${objectApiName.toLowerCase()}-list`,
      title: `${filter.label} | ${objectLabel} | Salesforce`,
      tabTitle: objectLabel,
      renderShell(container) {
        const current = listDisplays[listKey] === 'kanban' && board ? 'kanban' : 'table';
        container.replaceChildren(
          h(
            'lst-object-home',
            null,
            h(
              'div',
              { class: 'slds-card forceListViewManager' },
              h(
                'lst-list-view-manager-header',
                null,
                h(
                  'div',
                  { class: 'list-view-header slds-page-header' },
                  h(
                    'div',
                    { class: 'slds-media' },
                    icon(iconKind, iconLetters),
                    h(
                      'div',
                      null,
                      h('p', { class: 'object-name slds-breadcrumb', text: objectLabel }),
                      h(
                        'h1',
                        null,
                        h('span', {
                          class: 'slds-page-header__title triggerLinkText selectedListView',
                          title: filter.label,
                          text: filter.label,
                        }),
                      ),
                      h(
                        'nav',
                        { class: 'listViewPicker', 'aria-label': 'List Views' },
                        Object.entries(filters)
                          .filter(([, f]) => !f.alias)
                          .map(([name, f]) =>
                            h('a', {
                              href: `/lightning/o/${objectApiName}/list?filterName=${name}`,
                              class: f === filter ? 'slds-is-active' : null,
                              text: f.label,
                            }),
                          ),
                      ),
                    ),
                  ),
                  board
                    ? h(
                        'div',
                        { class: 'slds-button-group listDisplaySwitcher', role: 'group', 'aria-label': 'Display as' },
                        [
                          ['table', 'Table'],
                          ['kanban', 'Kanban'],
                        ].map(([value, label]) =>
                          h('button', {
                            type: 'button',
                            class: 'slds-button',
                            'data-display': value,
                            'aria-pressed': String(value === current),
                            title: `Display as ${label}`,
                            text: label,
                            onclick: () => switchDisplay(container, value),
                          }),
                        ),
                      )
                    : null,
                ),
                h('p', { class: 'slds-page-header__meta-text countSortedByFilterByWrapper', text: '' }),
              ),
              h(
                'force-list-view-manager-presented',
                null,
                h(
                  'div',
                  { class: 'forceRecordLayoutStencil', 'aria-busy': 'true' },
                  h('div', { class: 'bar' }),
                  h('div', { class: 'bar' }),
                  h('div', { class: 'bar mid' }),
                ),
              ),
            ),
          ),
        );
      },
      renderContent(container) {
        const controller = createListController({
          objectApiName,
          nameLabel,
          columns,
          rows,
          sortLabel: filter.sortLabel,
          sortDirection: filter.sortDirection,
          board,
          listKey,
        });
        listControllers.set(container, controller);
        controller.mount(
          kit.deepQuery(container, 'force-list-view-manager-presented'),
          kit.deepQuery(container, '.countSortedByFilterByWrapper'),
        );
      },
    };
  }

  function opportunityListPage(filterName, display) {
    return listPage({
      objectApiName: 'Opportunity',
      objectLabel: 'Opportunities',
      nameLabel: 'Opportunity Name',
      filters: OPPORTUNITY_FILTERS,
      filterName,
      records: data.opportunities,
      columns: OPPORTUNITY_COLUMNS,
      iconKind: 'opportunity',
      iconLetters: 'Op',
      board: true,
      display,
    });
  }

  function accountListPage(filterName) {
    return listPage({
      objectApiName: 'Account',
      objectLabel: 'Accounts',
      nameLabel: 'Account Name',
      filters: {
        Recent: { label: 'Recently Viewed', sortLabel: null, filter: () => true, sort: byName },
        __Recent: { alias: 'Recent' },
        AllAccounts: { label: 'All Accounts', sortLabel: 'Account Name', filter: () => true, sort: byName },
        PartnerAccounts: {
          label: 'Partner Accounts',
          sortLabel: 'Account Name',
          filter: (a) => a.IsPartner,
          sort: byName,
        },
      },
      filterName,
      records: data.accounts,
      columns: [
        { label: 'Type', cell: (a) => formattedText(a.Type), compare: (a, b) => compareText(a.Type, b.Type) },
        {
          label: 'Industry',
          cell: (a) => formattedText(a.Industry),
          compare: (a, b) => compareText(a.Industry, b.Industry),
        },
        {
          label: 'Billing City',
          cell: (a) => formattedText(a.BillingCity),
          compare: (a, b) => compareText(a.BillingCity, b.BillingCity),
        },
        {
          label: 'Account Owner',
          cell: (a) => formattedText(userName(a.OwnerId)),
          compare: (a, b) => compareText(userName(a.OwnerId), userName(b.OwnerId)),
        },
      ],
      iconKind: 'account',
      iconLetters: 'Ac',
      board: false,
    });
  }

  /** The related list's "View All" page: every opportunity of the account, in the list view table. */
  function relatedOpportunitiesPage(account) {
    const rows = opportunitiesOfAccount(account.Id).sort(byName);
    return {
      kind: 'related-list',
      title: `Opportunities | ${account.Name} | Salesforce`,
      tabTitle: 'Opportunities',
      renderShell(container) {
        container.replaceChildren(
          h(
            'lst-related-list-view-manager',
            null,
            h(
              'div',
              { class: 'slds-card' },
              h(
                'div',
                { class: 'list-view-header slds-page-header' },
                h(
                  'div',
                  { class: 'slds-media' },
                  icon('opportunity', 'Op'),
                  h(
                    'div',
                    null,
                    h(
                      'nav',
                      { class: 'object-name slds-breadcrumb', 'aria-label': 'Breadcrumbs' },
                      h('a', { href: '/lightning/o/Account/list?filterName=Recent', text: 'Accounts' }),
                      ' > ',
                      h('a', { href: recordUrl('Account', account.Id), text: account.Name }),
                    ),
                    h(
                      'h1',
                      null,
                      h('span', { class: 'slds-page-header__title', title: 'Opportunities', text: 'Opportunities' }),
                    ),
                    h('p', { class: 'slds-page-header__meta-text countSortedByFilterByWrapper', text: '' }),
                  ),
                ),
              ),
              h('div', { class: 'related-list-body' }),
            ),
          ),
        );
      },
      renderContent(container) {
        const controller = createListController({
          objectApiName: 'Opportunity',
          nameLabel: 'Opportunity Name',
          columns: OPPORTUNITY_COLUMNS,
          rows,
          sortLabel: 'Opportunity Name',
          board: false,
          listKey: `Account:${account.Id}:Opportunities`,
        });
        listControllers.set(container, controller);
        controller.mount(
          kit.deepQuery(container, '.related-list-body'),
          kit.deepQuery(container, '.countSortedByFilterByWrapper'),
        );
      },
    };
  }

  /**
   * A Dynamic Related List's View All page (/lightning/cmp/force__dynamicRelatedListViewAll): every opportunity of
   * the account in a lightning-datatable, with the list view's batches and sorting.
   */
  function dynamicRelatedOpportunitiesPage(account) {
    const rows = opportunitiesOfAccount(account.Id).sort(byName);
    return {
      kind: 'dynamic-related-list',
      title: `Opportunities | ${account.Name} | Salesforce`,
      tabTitle: 'Opportunities',
      renderShell(container) {
        const parts = variants.relatedListViewAll({
          parentObjectLabel: 'Accounts',
          parentListUrl: '/lightning/o/Account/list?filterName=Recent',
          parentName: account.Name,
          parentUrl: recordUrl('Account', account.Id),
          title: 'Opportunities',
          iconKind: 'opportunity',
          iconLetters: 'Op',
        });
        viewAllParts.set(container, parts);
        container.replaceChildren(parts.element);
      },
      renderContent(container) {
        const { host, meta } = viewAllParts.get(container);
        const controller = createListController({
          objectApiName: 'Opportunity',
          nameLabel: 'Opportunity Name',
          columns: OPPORTUNITY_COLUMNS,
          rows,
          sortLabel: 'Opportunity Name',
          board: false,
          listKey: `Account:${account.Id}:DynamicOpportunities`,
          view: variants.datatableView(ui.datatable),
        });
        listControllers.set(container, controller);
        controller.mount(host, meta);
      },
    };
  }

  /** container → the View All page's parts, which native shadow hides from container.querySelector. */
  const viewAllParts = new WeakMap();

  // ---------------------------------------------------------------------------------------------------------
  // Home

  function homePage() {
    const open = data.opportunities.filter((o) => !o.IsClosed);
    const won = data.opportunities.filter((o) => o.IsWon);
    const sum = (list) => list.reduce((total, o) => total + (o.Amount || 0), 0);
    const recent = [...data.opportunities].sort(byLastModifiedDesc).slice(0, 8);
    return {
      kind: 'home',
      title: 'Home | Salesforce',
      tabTitle: 'Home',
      renderShell(container) {
        container.replaceChildren(
          h(
            'home-page',
            null,
            h('div', { class: 'home-grid' }, h('div', { class: 'home-main' }), h('div', { class: 'home-sidebar' })),
          ),
        );
      },
      renderContent(container) {
        kit.deepQuery(container, '.home-main').replaceChildren(
          h(
            'article',
            { class: 'slds-card' },
            h(
              'div',
              { class: 'slds-card__header' },
              icon('home', 'Ho', true),
              h('h2', { class: 'slds-card__header-title', text: 'Quarterly Performance' }),
            ),
            h(
              'div',
              { class: 'slds-card__body metric' },
              h(
                'div',
                null,
                h('div', { class: 'label', text: 'Closed' }),
                h('div', { class: 'value', text: formatCurrency(sum(won)) }),
              ),
              h(
                'div',
                null,
                h('div', { class: 'label', text: 'Open (>70%)' }),
                h('div', { class: 'value', text: formatCurrency(sum(open.filter((o) => o.Probability > 70))) }),
              ),
              h(
                'div',
                null,
                h('div', { class: 'label', text: 'Pipeline' }),
                h('div', { class: 'value', text: formatCurrency(sum(open)) }),
              ),
            ),
          ),
          h(
            'article',
            { class: 'slds-card' },
            h(
              'div',
              { class: 'slds-card__header' },
              icon('opportunity', 'Op', true),
              h('h2', { class: 'slds-card__header-title', text: 'Recent Records' }),
            ),
            h(
              'div',
              { class: 'slds-card__body' },
              h(
                'ul',
                { class: 'link-list' },
                recent.map((o) =>
                  h(
                    'li',
                    null,
                    h('a', { href: recordUrl('Opportunity', o.Id), title: o.Name, text: o.Name }),
                    h('span', { class: 'meta', text: formatCurrency(o.Amount) }),
                  ),
                ),
              ),
            ),
          ),
        );
        kit.deepQuery(container, '.home-sidebar').replaceChildren(
          h(
            'article',
            { class: 'slds-card' },
            h('div', { class: 'slds-card__header' }, h('h2', { class: 'slds-card__header-title', text: 'Assistant' })),
            h(
              'div',
              { class: 'slds-card__body' },
              h('p', {
                text:
                  `Welcome back${currentUser ? `, ${currentUser.FirstName}` : ''}. ` +
                  `${open.length} open opportunities in ${data.org.Name}.`,
              }),
            ),
          ),
        );
      },
    };
  }

  // ---------------------------------------------------------------------------------------------------------
  // Navigation

  function isAppPath(url) {
    return (
      url.origin === location.origin &&
      (url.pathname.startsWith('/lightning/') ||
        url.pathname === '/lightning' ||
        url.pathname.startsWith('/one/one.app'))
    );
  }

  function navigate(path, options) {
    const url = new URL(path, location.href);
    if (!isAppPath(url)) {
      location.assign(url.href);
      return Promise.resolve();
    }
    if (options && options.replace) history.replaceState(null, '', url.href);
    else history.pushState(null, '', url.href);
    return route();
  }

  document.addEventListener('click', (event) => {
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey
    )
      return;
    // In native shadow the document sees the click retargeted to the outermost host: the path has the link.
    const anchor = kit.anchorOf(event);
    if (!anchor || (anchor.target && anchor.target !== '_self') || anchor.hasAttribute('download')) return;
    const url = new URL(anchor.getAttribute('href'), location.href);
    if (!isAppPath(url)) return;
    event.preventDefault();
    navigate(url.pathname + url.search + url.hash);
  });
  window.addEventListener('popstate', () => route());
  // A hash change fires popstate first; route again only if that did not already render this location.
  window.addEventListener('hashchange', () => {
    if (
      location.pathname.startsWith('/one/one.app') &&
      routedKey !== location.pathname + location.search + location.hash
    )
      route();
  });

  // Test and benchmark hooks.
  window.__fakeOrg = {
    data,
    ui,
    navigate,
    /** Resolves when the page being rendered has its content (highlights, rows) in the DOM. */
    whenRendered: () => pendingRender,
    activeContainer,
    /** How this tab renders pages: record layout, highlights, related lists, shadow mode, datatables. */
    get variants() {
      const names = Object.keys((boot.variants && boot.variants.params) || {});
      return Object.fromEntries(names.map((name) => [name, ui[name]]));
    },
    setRenderDelay(ms) {
      ui.renderDelayMs = Math.max(0, Number(ms) || 0);
      try {
        sessionStorage.setItem(DELAY_KEY, String(ui.renderDelayMs));
      } catch {
        // ignore
      }
    },
    get renderCount() {
      return renderCount;
    },
    /**
     * The active page's list (list view or related list "View All"): loads the next 50 rows; resolves with how many
     * came.
     */
    loadMoreRows() {
      const controller = listControllers.get(activeContainer());
      return controller ? controller.loadMore() : Promise.resolve(0);
    },
    /** Sorts the active list by a column label, as a click on its header does (toggles unless `direction` is given). */
    sortList(label, direction) {
      const controller = listControllers.get(activeContainer());
      if (!controller) throw new Error('The active page has no list');
      controller.sortBy(label, direction);
    },
    /** Shows the active opportunity list view as 'table' or 'kanban' (the URL does not change, as in Lightning). */
    setListDisplay(display) {
      const container = activeContainer();
      const button = container && kit.deepQuery(container, `.listDisplaySwitcher button[data-display="${display}"]`);
      if (!button) throw new Error(`The active page cannot display as "${display}"`);
      button.click();
    },
    /** The active list's display, rows loaded, total rows and sort; null when the page has no list. */
    listState() {
      const controller = listControllers.get(activeContainer());
      return controller ? controller.state : null;
    },
  };

  route();
  const loadingBox = document.getElementById('auraLoadingBox');
  setTimeout(() => loadingBox && loadingBox.classList.remove('visible'), Math.min(ui.renderDelayMs, 30));
})();
