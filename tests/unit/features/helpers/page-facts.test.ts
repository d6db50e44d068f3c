import { readClassicField } from '../../../../lib/crm/salesforce/dom';
import { describe, expect, it } from 'vitest';
import { readPageFacts } from '../../../../lib/features/helpers/page-facts';
import { opportunityId } from '../../../builders';

const OPP = opportunityId(3);

const recordPage = (title: string) =>
  `<div class="windowViewMode-normal active"><records-highlights2><h1><slot ` +
  `name="primaryField"><lightning-formatted-text>${title}</lightning-formatted-text></slot></h1></records-highlights2></div>`;

function activePage(html: string): HTMLElement {
  document.body.innerHTML = html;
  return document.querySelector<HTMLElement>('.active')!;
}

const running = () => ({ signal: new AbortController().signal });

describe('readPageFacts', () => {
  it('reads the title of the page it is given', async () => {
    const page = activePage(recordPage('New deal'));
    document.body.insertAdjacentHTML('afterbegin', `<div aria-hidden="true">${recordPage('Old deal')}</div>`);
    expect(await readPageFacts(page, OPP, running())).toEqual({ name: 'New deal' });
  });

  it('waits for the title to render', async () => {
    const page = activePage('<div class="windowViewMode-normal active"></div>');
    const pending = readPageFacts(page, OPP, running());
    setTimeout(() => page.insertAdjacentHTML('beforeend', recordPage('Late deal')), 5);
    expect(await pending).toEqual({ name: 'Late deal' });
  });

  it('gives up when the run is aborted', async () => {
    const page = activePage('<div class="windowViewMode-normal active"></div>');
    const run = new AbortController();
    const pending = readPageFacts(page, OPP, { signal: run.signal });
    run.abort();
    expect(await pending).toBeUndefined();
  });

  it('reads the created date from the record layout', async () => {
    const page = activePage(recordPage('Dated deal'));
    page.insertAdjacentHTML(
      'beforeend',
      '<records-record-layout-item field-label="Created Date"><div ' +
        'data-target-selection-name="sfdc:RecordField.Opportunity.CreatedDate"><span ' +
        'class="test-id__field-label">Created Date</span><span ' +
        'class="test-id__field-value"><lightning-formatted-text>11/9/2026, 2:21 PM</lightning-formatted-text></span></div></records-record-layout-item>',
    );
    expect(await readPageFacts(page, OPP, { ...running(), locale: 'en_US' })).toEqual({
      name: 'Dated deal',
      createdDate: '2026-11-09',
    });
    // en_GB writes 11/9/2026 for 11 September; without the locale the date is not guessed, and says so.
    expect((await readPageFacts(page, OPP, { ...running(), locale: 'en_GB' }))?.createdDate).toBe('2026-09-11');
    expect(await readPageFacts(page, OPP, running())).toEqual({ name: 'Dated deal', createdDateUnreadable: true });
  });

  it('falls back to the id on a record page whose title cannot be read, and gives up on an error page', async () => {
    const recordHome = activePage(
      '<div class="windowViewMode-normal active"><one-record-home-flexipage2></one-record-home-flexipage2></div>',
    );
    expect(await readPageFacts(recordHome, OPP, { ...running(), timeoutMs: 20 })).toEqual({
      name: `Opportunity ${OPP}`,
    });
    const notFound = activePage(
      '<div class="windowViewMode-normal active"><force-record-not-found></force-record-not-found></div>',
    );
    expect(await readPageFacts(notFound, OPP, { ...running(), timeoutMs: 20 })).toBeUndefined();
  });

  it('reads a Classic page title', async () => {
    document.body.innerHTML =
      '<div class="bPageTitle"><h1 class="pageType">Opportunity</h1><h2 class="pageDescription"> Classic deal ' +
      '</h2></div><table class="detailList"><tr><td class="labelCol">Created By</td><td class="dataCol">Dana Reyes, ' +
      '3/2/2026 9:14 AM</td></tr></table>';
    document.body.classList.add('sfdcBody');
    try {
      expect(await readPageFacts(document.body, OPP, { ...running(), locale: 'en_US' })).toEqual({
        name: 'Classic deal',
        createdDate: '2026-03-02',
      });
    } finally {
      document.body.classList.remove('sfdcBody');
    }
  });

  it('finds Classic fields in th.labelCol too, and Created By by its structure whatever the language', async () => {
    document.body.innerHTML =
      '<div class="bPageTitle"><h2 class="pageDescription">Affaire classique</h2></div><table class="detailList">' +
      '<tr><th class="labelCol">Propriétaire</th><td class="dataCol"><a href="/005Ak000001AbCd">Ada Lovelace</a></td>' +
      '<th class="labelCol">Créé par</th><td class="dataCol"><a href="/005Ak000001AbCe">Dana Reyes</a>, 02/03/2026 09:14</td></tr>' +
      '<tr><th class="labelCol">Montant</th><td class="dataCol">EUR 20 000,00</td></tr></table>';
    document.body.classList.add('sfdcBody');
    try {
      expect(readClassicField(document.body, 'Montant')).toBe('EUR 20 000,00');
      expect(await readPageFacts(document.body, OPP, { ...running(), locale: 'fr_FR' })).toEqual({
        name: 'Affaire classique',
        createdDate: '2026-03-02',
      });
    } finally {
      document.body.classList.remove('sfdcBody');
    }
  });
});
