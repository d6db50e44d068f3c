import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { ConnectedPanel, readPageFacts, type Requester } from '../../../lib/features/opportunity-panel';
import { createHandlers } from '../../../lib/messaging/handlers';
import { RequestError } from '../../../lib/messaging/request-error';
import { createMessageRouter } from '../../../lib/messaging/router';
import { freshDb, opportunityId } from '../helpers';

const OPP = opportunityId(3);

/** A requester that goes through the real router and store, as the background would. */
function realRequester() {
  const db = freshDb();
  const route = createMessageRouter(createHandlers({ db }), () => true);
  const request = (async (type, payload) => {
    const answer = await route({ type, payload }, {});
    if (!answer.ok) throw new RequestError(answer.error.code, answer.error.message);
    return answer.data;
  }) as Requester;
  return { db, request };
}

async function renderConnected() {
  const { db, request } = realRequester();
  render(
    <ConnectedPanel
      orgKey="acme"
      opportunityId={OPP}
      facts={{ name: 'Acme renewal' }}
      initialData={request('getPanelData', { orgKey: 'acme', opportunityId: OPP })}
      request={request}
    />,
  );
  await screen.findByText('No partner attribution yet');
  await screen.findByRole('heading', { name: 'Acme renewal' });
  return db;
}

function fillAndSave(partner: string, kind: 'Partner-sourced' | 'Partner-influenced') {
  fireEvent.input(screen.getByRole('combobox', { name: 'Partner' }), { target: { value: partner } });
  fireEvent.click(screen.getByRole('radio', { name: kind }));
  fireEvent.click(screen.getByRole('button', { name: 'Save attribution' }));
}

describe('connected opportunity panel', () => {
  it('saves, lists, refuses a second sourced partner, and removes', async () => {
    const db = await renderConnected();
    fillAndSave('Northwind', 'Partner-sourced');
    await screen.findByRole('button', { name: 'Remove Northwind' });
    expect((await db.opportunities.get(OPP))?.name).toBe('Acme renewal');

    fillAndSave('Initech', 'Partner-sourced');
    expect((await screen.findByRole('alert')).textContent).toMatch(/already partner-sourced by Northwind/);
    expect(await db.attributions.count()).toBe(1);

    fireEvent.click(screen.getByRole('radio', { name: 'Partner-influenced' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save attribution' }));
    await screen.findByRole('button', { name: 'Remove Initech' });
    expect(screen.queryByRole('alert')).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Remove Northwind' }));
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Remove Northwind' })).toBeNull());
    expect(screen.getByRole('status').textContent).toBe('Removed Northwind.');
  });

  it('never lets a late answer from the org hide a change just saved', async () => {
    const { request } = realRequester();
    let releaseRefresh: (() => void) | undefined;
    const staleData = request('getPanelData', { orgKey: 'acme', opportunityId: OPP });
    const slow = (async (type, payload) => {
      if (type === 'refreshOpportunity') {
        // The org's answer was computed before the save below and arrives after it.
        await new Promise<void>((resolve) => (releaseRefresh = resolve));
        return staleData;
      }
      return request(type, payload as never);
    }) as Requester;
    render(<ConnectedPanel orgKey="acme" opportunityId={OPP} facts={{ name: 'Acme renewal' }} initialData={request('getPanelData', { orgKey: 'acme', opportunityId: OPP })} request={slow} />);
    await screen.findByText('No partner attribution yet');
    fillAndSave('Northwind', 'Partner-influenced');
    await screen.findByRole('button', { name: 'Remove Northwind' });
    releaseRefresh!();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(screen.queryByRole('button', { name: 'Remove Northwind' })).not.toBeNull();
  });

  it('remembers a collapse in the store', async () => {
    const db = await renderConnected();
    fireEvent.click(screen.getByRole('button', { name: 'Partner attribution' }));
    await waitFor(async () => expect((await db.settings.get('ui'))?.value).toMatchObject({ panelCollapsed: true }));
    expect(screen.getByRole('button', { name: 'Partner attribution' }).getAttribute('aria-expanded')).toBe('false');
  });
});

describe('reading the opportunity name', () => {
  const url = new URL(`https://acme.lightning.force.com/lightning/r/Opportunity/${OPP}/view`);
  const run = (overrides: Partial<Parameters<typeof readPageFacts>[0]> = {}) => ({
    signal: new AbortController().signal,
    url,
    document,
    ...overrides,
  });
  const recordPage = (title: string, active: boolean) =>
    `<div class="windowViewMode-normal${active ? ' active' : ''}"${active ? '' : ' aria-hidden="true"'}><records-highlights2><h1><slot name="primaryField"><lightning-formatted-text>${title}</lightning-formatted-text></slot></h1></records-highlights2></div>`;

  it('reads the active page, not a hidden earlier one', async () => {
    document.body.innerHTML = recordPage('Old deal', false) + recordPage('New deal', true);
    expect(await readPageFacts(run(), OPP)).toEqual({ name: 'New deal' });
  });

  it('waits for the new page rather than reading the page being left', async () => {
    document.body.innerHTML = recordPage('Old deal', true);
    const leaving = document.querySelector<HTMLElement>('.active')!;
    const pending = readPageFacts(
      run({ previousPage: leaving, previousUrl: new URL('https://acme.lightning.force.com/lightning/r/Opportunity/006Ak0000000009AAA/view') }),
      OPP,
    );
    setTimeout(() => {
      leaving.classList.remove('active');
      leaving.setAttribute('aria-hidden', 'true');
      document.body.insertAdjacentHTML('beforeend', recordPage('New deal', true));
    }, 5);
    expect(await pending).toEqual({ name: 'New deal' });
  });

  it('reads the created date from the record layout', async () => {
    document.body.innerHTML = recordPage('Dated deal', true);
    document.querySelector('.active')!.insertAdjacentHTML(
      'beforeend',
      '<records-record-layout-item field-label="Created Date"><div data-target-selection-name="sfdc:RecordField.Opportunity.CreatedDate"><span class="test-id__field-label">Created Date</span><span class="test-id__field-value"><lightning-formatted-text>11/9/2026, 2:21 PM</lightning-formatted-text></span></div></records-record-layout-item>',
    );
    expect(await readPageFacts(run(), OPP)).toEqual({ name: 'Dated deal', createdDate: '2026-11-09' });
  });

  it('falls back to the id on a record page whose title cannot be read, and gives up on an error page', async () => {
    document.body.innerHTML = '<div class="windowViewMode-normal active"><one-record-home-flexipage2></one-record-home-flexipage2></div>';
    expect(await readPageFacts(run(), OPP, 20)).toEqual({ name: `Opportunity ${OPP}` });
    document.body.innerHTML = '<div class="windowViewMode-normal active"><force-record-not-found></force-record-not-found></div>';
    expect(await readPageFacts(run(), OPP, 20)).toBeUndefined();
  });

  it('reads a Classic page title', async () => {
    document.body.innerHTML = '<div class="bPageTitle"><h1 class="pageType">Opportunity</h1><h2 class="pageDescription"> Classic deal </h2></div><table class="detailList"><tr><td class="labelCol">Created By</td><td class="dataCol">Dana Reyes, 3/2/2026 9:14 AM</td></tr></table>';
    document.body.classList.add('sfdcBody');
    try {
      expect(await readPageFacts(run(), OPP)).toEqual({ name: 'Classic deal', createdDate: '2026-03-02' });
    } finally {
      document.body.classList.remove('sfdcBody');
    }
  });
});
