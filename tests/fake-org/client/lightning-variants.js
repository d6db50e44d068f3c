// The real-org variants of the fake org's Lightning pages: Dynamic Forms, the Dynamic Highlights Panel, Lightning's
// related lists (datatable or tiles, in a Related List – Single or a Dynamic Related List – Single) and the
// lightning-datatable that also renders their View All page. Plain browser JavaScript, loaded after
// lightning-components.js and before lightning-app.js, which chooses the variants (tests/fake-org/variants.ts).
//
// Each structure follows Salesforce's UTAM page objects, npm `salesforce-pageobjects` 9.0.0; the paths cited below
// are inside its `dist/` folder (record/flexipage/recordField.utam.json is cited as record/flexipage/recordField).
// A page object lists a component's elements and says which live in its shadow root ("shadow") and which are its
// light children (a slot's content, often `[slot='…']`). The templates put a <slot> where a page object has light
// content, so native mode renders every part in the tree where the page object looks for it. The datatable markup
// follows lightning-datatable's own templates (npm `lightning-base-components`, datatable/templates/table|div).
(() => {
  'use strict';

  function createVariants({ kit, icon, lookup, recordUrl }) {
    const { h } = kit;

    // -------------------------------------------------------------------------------------------------------
    // Record fields: Dynamic Forms and the Dynamic Highlights Panel

    /**
     * record/flexipage/recordField: the label (.test-id__field-label) is in the component's shadow root; the value
     * (fieldContentViewMode, `:scope *`) is its light content, slotted into span.test-id__field-value. The div with
     * data-target-selection-name is the one Salesforce Inspector reads (`record_flexipage-record-field > div`).
     */
    function recordField({ objectApiName, field, label, value, slot }) {
      return h(
        'record_flexipage-record-field',
        { 'data-field-id': `Record${field}Field`, slot },
        h(
          'div',
          {
            class: 'slds-form-element slds-form-element_readonly slds-form-element_horizontal slds-hint-parent',
            'data-target-selection-name': `sfdc:RecordField.${objectApiName}.${field}`,
          },
          h(
            'div',
            { class: 'test-id__field-label-container slds-form-element__label' },
            h('span', { class: 'test-id__field-label', text: label }),
          ),
          h(
            'div',
            { class: 'slds-form-element__control' },
            h('span', { class: 'test-id__field-value slds-form-element__static is-read-only' }, h('slot', null, value)),
          ),
        ),
      );
    }

    /**
     * Dynamic Forms: flexipage/component2 (content: light) > flexipage/fieldSection2 (`[slot='columns']`: light) >
     * flexipage/column2 (fields: light) > flexipage/field[data-field-id] (content: light) >
     * record/flexipage/recordField. There is no records-record-layout-item anywhere above a field.
     * `sections`: [{ title, items: [[fieldApiName, label, value], …] }], as for the page layout.
     */
    function dynamicForm(objectApiName, sections) {
      const field = ([name, label, value]) =>
        h(
          'flexipage-field',
          { 'data-field-id': `Record${name}Field` },
          h('slot', null, recordField({ objectApiName, field: name, label, value })),
        );
      const columnsOf = (items) => [items.filter((_, i) => i % 2 === 0), items.filter((_, i) => i % 2 === 1)];
      return h(
        'div',
        { class: 'slds-card dynamicForms' },
        h(
          'ul',
          { class: 'slds-tabs_default__nav', role: 'tablist' },
          h('li', { class: 'slds-tabs_default__item', text: 'Activity' }),
          h('li', { class: 'slds-tabs_default__item slds-is-active', text: 'Details' }),
        ),
        sections.map(({ title, items }, index) =>
          h(
            'flexipage-component2',
            { 'data-component-id': `flexipage_fieldSection${index === 0 ? '' : index + 1}` },
            h(
              'slot',
              null,
              h(
                'flexipage-field-section2',
                null,
                h(
                  'div',
                  { class: 'slds-section slds-is-open' },
                  h(
                    'h3',
                    { class: 'slds-section__title test-id__section-header-title' },
                    h('span', { class: 'slds-truncate', title, text: title }),
                  ),
                  h(
                    'div',
                    { class: 'slds-section__content' },
                    h(
                      'slot',
                      { name: 'columns' },
                      h(
                        'div',
                        { class: 'slds-grid slds-gutters_small', slot: 'columns' },
                        columnsOf(items).map((column) =>
                          h(
                            'flexipage-column2',
                            { class: 'slds-col slds-size_1-of-2' },
                            h('slot', null, column.map(field)),
                          ),
                        ),
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
     * record/flexipage/dynamicHighlights2: record/flexipage/highlightsPrimaryRow and slot[name='secondaryFields'] in
     * its shadow root; the secondary fields (record fields) are its light children. The primary row keeps the
     * object's name (.entityNameTitle) and the title (`[slot='primaryField']`) in its own shadow root. No
     * records-lwc-highlights-panel, no records-highlights2. `details`: [{ field, label, value }].
     */
    function dynamicHighlights({ objectApiName, entityLabel, iconKind, iconLetters, name, details, actions }) {
      return h(
        'record_flexipage-dynamic-highlights2',
        null,
        h(
          'div',
          { class: 'highlights slds-page-header' },
          h(
            'record_flexipage-highlights-primary-row',
            null,
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
                    { class: 'slds-page-header__title slds-m-right_small' },
                    h(
                      'div',
                      { class: 'slds-truncate', slot: 'primaryField' },
                      h('lightning-formatted-text', { title: name, text: name }),
                    ),
                  ),
                ),
              ),
              h(
                'ul',
                { class: 'slds-button-group slds-button-group-list' },
                (actions || []).map((action) => h('li', null, action)),
              ),
            ),
          ),
          h(
            'div',
            { class: 'secondaryFields slds-grid' },
            h(
              'slot',
              { name: 'secondaryFields' },
              details.map(({ field, label, value }) =>
                recordField({ objectApiName, field, label, value, slot: 'secondaryFields' }),
              ),
            ),
          ),
        ),
      );
    }

    // -------------------------------------------------------------------------------------------------------
    // lightning-datatable

    /**
     * lightning/datatable: the table in its shadow root; a header row `[data-row-key-value='HEADER']` in
     * `[data-rowgroup-header]`, data rows `[data-row-number][data-row-key-value=<record id>]` in
     * `[data-rowgroup-body]`, the row header `th, [role='rowheader']`, cells `[data-label]` holding
     * lightning-primitive-cell-factory. `renderMode` 'table' renders <table>/<tr>/<th>/<td>; 'role-based' renders
     * <div>s with the same ARIA roles (`div[role='row']`, `div[role='rowheader']`, `div[role='gridcell']`).
     */
    function datatableParts({ renderMode, objectApiName, nameLabel, columns, sortBy }) {
      const roleBased = renderMode === 'role-based';
      const tags = roleBased
        ? { table: 'div', group: 'div', row: 'div', rowHeader: 'div', cell: 'div', columnHeader: 'div' }
        : { table: 'table', group: null, row: 'tr', rowHeader: 'th', cell: 'td', columnHeader: 'th' };
      const allColumns = [{ label: nameLabel }, ...columns];
      const colKey = (column, index) => `${column.label.replace(/\W+/g, '')}-${index}`;

      function cellFactory(label, content) {
        return h(
          'lightning-primitive-cell-factory',
          { 'data-label': label },
          h('span', { class: 'slds-grid slds-grid_align-spread' }, h('div', { class: 'slds-truncate' }, content)),
        );
      }

      function row(record, index) {
        return h(
          tags.row,
          {
            class: 'slds-hint-parent',
            role: 'row',
            'data-row-key-value': record.Id,
            'data-row-number': String(index + 1),
            'aria-selected': 'false',
          },
          h(
            tags.rowHeader,
            {
              class: 'slds-cell-edit',
              role: 'rowheader',
              scope: roleBased ? null : 'row',
              tabindex: '-1',
              'data-label': nameLabel,
              'data-col-key-value': colKey(allColumns[0], 0),
            },
            cellFactory(
              nameLabel,
              h(
                'lightning-formatted-url',
                null,
                h('a', {
                  href: recordUrl(objectApiName, record.Id),
                  title: record.Name,
                  tabindex: '-1',
                  text: record.Name,
                }),
              ),
            ),
          ),
          columns.map((column, index) =>
            h(
              tags.cell,
              {
                class: `slds-cell-edit${column.className ? ` ${column.className}` : ''}`,
                role: 'gridcell',
                tabindex: '-1',
                'data-label': column.label,
                'data-col-key-value': colKey(column, index + 1),
              },
              cellFactory(column.label, column.cell(record)),
            ),
          ),
        );
      }

      function headerRow(sortLabel, sortDirection) {
        return h(
          tags.row,
          { class: 'slds-line-height_reset', role: 'row', 'data-row-key-value': 'HEADER' },
          allColumns.map((column, index) => {
            const sorted = sortBy && column.label === sortLabel;
            return h(
              tags.columnHeader,
              {
                class: sortBy ? 'slds-is-sortable' : null,
                role: 'columnheader',
                scope: roleBased ? null : 'col',
                'aria-label': column.label,
                'aria-sort': sorted ? sortDirection : 'none',
                'data-col-key-value': colKey(column, index),
              },
              h(
                'lightning-primitive-header-factory',
                { class: sortBy ? 'slds-is-sortable' : null },
                h(
                  'div',
                  { class: 'slds-th__action' },
                  h(
                    'a',
                    {
                      class: 'slds-th__action slds-text-link_reset',
                      role: 'button',
                      tabindex: '-1',
                      onclick: sortBy ? () => sortBy(column.label) : null,
                    },
                    h('span', { class: 'slds-truncate', title: column.label, text: column.label }),
                  ),
                ),
              ),
            );
          }),
        );
      }

      /** The datatable element around the given header row and data rows. */
      function table({ header, rows, total, ariaLabel, onScroll }) {
        const group = (attribute, children) =>
          h(
            roleBased ? 'div' : attribute === 'data-rowgroup-header' ? 'thead' : 'tbody',
            { [attribute]: true, role: roleBased ? 'rowgroup' : null },
            children,
          );
        const tableElement = h(
          tags.table,
          {
            class: 'slds-table slds-table_header-fixed slds-table_bordered slds-table_edit slds-table_resizable-cols',
            role: 'grid',
            'aria-label': ariaLabel,
            'data-num-rows': String(total),
          },
          group('data-rowgroup-header', header),
          group('data-rowgroup-body', rows),
        );
        const scroller = h('div', { class: 'slds-scrollable_y', onscroll: onScroll || null }, tableElement);
        const element = h(
          'lightning-datatable',
          { 'render-mode': roleBased ? 'role-based' : null },
          h('div', { class: 'slds-table_header-fixed_container slds-scrollable_x' }, scroller),
        );
        return { element, table: tableElement, scroller };
      }

      return {
        row,
        headerRow,
        table,
        body: (tableElement) => tableElement.querySelector('[data-rowgroup-body]'),
        header: (tableElement) => tableElement.querySelector('[data-rowgroup-header]'),
      };
    }

    /** The datatable as a view of the app's list controller: its rows, sort and infinite scroll, this markup. */
    const datatableView = (renderMode) => (controller) => datatableParts({ renderMode, ...controller });

    // -------------------------------------------------------------------------------------------------------
    // Related lists

    /** lists/listViewManagerHeader: the card's title (`h2.slds-card__header-title span.slds-truncate`) and count. */
    function relatedListHeader({ title, count, iconKind, iconLetters, viewAllUrl }) {
      return h(
        'lst-list-view-manager-header',
        null,
        h(
          'div',
          { class: 'slds-card__header slds-grid' },
          h(
            'header',
            { class: 'slds-media slds-media_center slds-has-flexi-truncate' },
            h('div', { class: 'slds-media__figure' }, icon(iconKind, iconLetters, true)),
            h(
              'div',
              { class: 'slds-media__body' },
              h(
                'h2',
                { class: 'slds-card__header-title' },
                h(
                  'a',
                  { class: 'slds-card__header-link', href: viewAllUrl },
                  h('span', { class: 'slds-truncate', title, text: title }),
                  ' ',
                  h('span', { class: 'slds-shrink-none', title: `(${count})`, text: `(${count})` }),
                ),
              ),
            ),
          ),
        ),
      );
    }

    /**
     * Tiles: lists/primaryDisplayCard > lists/templateList > lists/templateListItemFactory (one per record) >
     * lists/relatedPreviewCard: the title (`h3`, `.slds-tile__title`, a force-lookup) and `dl dt` labels with
     * `dl dd lst-template-list-field` values, all in the preview card's shadow root. No rows, no
     * `tr[data-row-key-value]`: the record id is in the title link only.
     */
    function tiles(objectApiName, rows, fields) {
      return h(
        'lst-primary-display-card',
        null,
        h(
          'lst-template-list',
          null,
          h(
            'ul',
            { class: 'slds-list_vertical slds-has-dividers_top-space' },
            rows.map((record) =>
              h(
                'li',
                { class: 'slds-item' },
                h(
                  'lst-template-list-item-factory',
                  null,
                  h(
                    'lst-related-preview-card',
                    null,
                    h(
                      'article',
                      { class: 'slds-tile' },
                      h(
                        'h3',
                        { class: 'slds-tile__title slds-truncate', title: record.Name },
                        lookup(objectApiName, record.Id, record.Name),
                      ),
                      h(
                        'div',
                        { class: 'slds-tile__detail' },
                        h(
                          'dl',
                          { class: 'slds-list_horizontal slds-wrap' },
                          fields.map(({ label, value }) => [
                            h('dt', {
                              class: 'slds-item_label slds-text-color_weak slds-truncate',
                              title: label,
                              text: `${label}:`,
                            }),
                            h(
                              'dd',
                              { class: 'slds-item_detail slds-truncate' },
                              h('lst-template-list-field', null, value(record)),
                            ),
                          ]),
                        ),
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
     * One related list card. Related List – Single: lists/relatedListSingleContainer >
     * lists/relatedListSingleAppBuilderMapper > lists/relatedListViewManager. Dynamic Related List – Single:
     * lists/dynamicRelatedList > lst-dynamic-related-list-with-user-prefs > lists/relatedListViewManager. Then
     * lists/commonListInternal (header + lists/primaryDisplayManager > lists/primaryDisplay > lists/primaryDisplayGrid
     * or lists/primaryDisplayCard), and the View All link (the view manager's own `a`).
     * `display`: 'grid' | 'tiles'; `rows` already cut to what the card shows; `count`: all rows.
     */
    function relatedList({
      dynamic,
      display,
      objectApiName,
      title,
      iconKind,
      iconLetters,
      rows,
      count,
      viewAllUrl,
      columns,
      fields,
      renderMode,
    }) {
      let content;
      if (rows.length === 0) {
        content = h('lst-empty-state', null, h('p', { class: 'emptyContent', text: 'No items to display' }));
      } else if (display === 'tiles') {
        content = h('lst-primary-display', null, tiles(objectApiName, rows, fields));
      } else {
        const parts = datatableParts({
          renderMode,
          objectApiName,
          nameLabel: columns.nameLabel,
          columns: columns.list,
        });
        const grid = parts.table({
          header: parts.headerRow(),
          rows: rows.map(parts.row),
          total: rows.length,
          ariaLabel: title,
        });
        content = h('lst-primary-display', null, h('lst-primary-display-grid', null, grid.element));
      }
      const manager = h(
        'lst-related-list-view-manager',
        null,
        h(
          'article',
          { class: 'slds-card slds-card_boundary', 'aria-label': title },
          h(
            'lst-common-list-internal',
            null,
            relatedListHeader({ title, count, iconKind, iconLetters, viewAllUrl }),
            h('lst-primary-display-manager', null, content),
          ),
          count > 0
            ? h(
                'footer',
                { class: 'slds-card__footer' },
                h(
                  'a',
                  { class: 'slds-card__footer-action', href: viewAllUrl },
                  'View All',
                  h('span', { class: 'slds-assistive-text', text: ` ${title}` }),
                ),
              )
            : null,
        ),
      );
      return dynamic
        ? h('lst-dynamic-related-list', null, h('lst-dynamic-related-list-with-user-prefs', null, manager))
        : h('lst-related-list-single-container', null, h('lst-related-list-single-app-builder-mapper', null, manager));
    }

    /**
     * The Dynamic Related List's View All page (`/lightning/cmp/force__dynamicRelatedListViewAll`): an Aura
     * component, so a plain element named the Aura way (div.forceDynamicRelatedListViewAll), holding
     * lists/relatedListViewManager with its header (breadcrumbs, title, count) and lists/primaryDisplayGrid, where
     * the list controller renders the datatable. Returns the element, that host, and the count line.
     */
    function relatedListViewAll({
      parentObjectLabel,
      parentListUrl,
      parentName,
      parentUrl,
      title,
      iconKind,
      iconLetters,
    }) {
      const meta = h('p', { class: 'slds-page-header__meta-text countSortedByFilterByWrapper', text: '' });
      const host = h(
        'lst-primary-display-grid',
        null,
        h(
          'div',
          { class: 'forceRecordLayoutStencil', 'aria-busy': 'true' },
          h('div', { class: 'bar' }),
          h('div', { class: 'bar mid' }),
        ),
      );
      const element = h(
        'div',
        { class: 'forceDynamicRelatedListViewAll' },
        h(
          'lst-related-list-view-manager',
          null,
          h(
            'div',
            { class: 'slds-card' },
            h(
              'lst-common-list-internal',
              null,
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
                      h(
                        'lst-breadcrumbs',
                        null,
                        h(
                          'nav',
                          { class: 'object-name slds-breadcrumb', 'aria-label': 'Breadcrumbs' },
                          h('a', { href: parentListUrl, text: parentObjectLabel }),
                          ' > ',
                          h('a', { href: parentUrl, text: parentName }),
                        ),
                      ),
                      h('h1', null, h('span', { class: 'slds-page-header__title listViewTitle', title, text: title })),
                      meta,
                    ),
                  ),
                ),
              ),
              h('lst-primary-display-manager', null, h('lst-primary-display', null, host)),
            ),
          ),
        ),
      );
      return { element, host, meta };
    }

    return {
      recordField,
      dynamicForm,
      dynamicHighlights,
      datatableView,
      relatedList,
      relatedListViewAll,
    };
  }

  window.__fakeOrgVariants = { createVariants };
})();
