import { describe, expect, it } from 'vitest';
import { getPageBeingLeft, waitForActivePage } from '../../../../lib/features/helpers/active-page';
import { opportunityId } from '../../../builders';

const url = (path: string) => new URL(`https://acme.lightning.force.com${path}`);
const record = (n: number) => url(`/lightning/r/Opportunity/${opportunityId(n)}/view`);

describe('getPageBeingLeft', () => {
  it('is the active page when the navigation leads to another page', () => {
    document.body.innerHTML = '<div class="windowViewMode-normal active" id="list"></div>';
    expect(getPageBeingLeft(document, url('/lightning/o/Opportunity/list'), record(1))?.id).toBe('list');
    expect(getPageBeingLeft(document, record(1), record(2))?.id).toBe('list');
  });

  it('is nothing on the first run or when the record stays the same', () => {
    document.body.innerHTML = '<div class="windowViewMode-normal active" id="record"></div>';
    expect(getPageBeingLeft(document, undefined, record(1))).toBeUndefined();
    const sameRecord = new URL(record(1));
    sameRecord.searchParams.set('c__plPanel', 'open');
    expect(getPageBeingLeft(document, record(1), sameRecord)).toBeUndefined();
  });
});

describe('waitForActivePage', () => {
  const running = () => new AbortController().signal;

  it('answers the active page at once when it is there and is not being left', async () => {
    document.body.innerHTML = '<div class="windowViewMode-normal active" id="current"></div>';
    expect((await waitForActivePage(document, { signal: running() }))?.id).toBe('current');
  });

  it('waits while only the page being left is active', async () => {
    document.body.innerHTML = '<div class="windowViewMode-normal active" id="old"></div>';
    const leaving = document.getElementById('old')!;
    const pending = waitForActivePage(document, { signal: running(), leaving });
    setTimeout(() => {
      leaving.classList.remove('active');
      document.body.insertAdjacentHTML('beforeend', '<div class="windowViewMode-normal active" id="new"></div>');
    }, 5);
    expect((await pending)?.id).toBe('new');
  });

  it('gives up when no page comes in time or the run is aborted', async () => {
    document.body.innerHTML = '';
    expect(await waitForActivePage(document, { signal: running(), timeoutMs: 10 })).toBeUndefined();
    const run = new AbortController();
    const pending = waitForActivePage(document, { signal: run.signal });
    run.abort();
    expect(await pending).toBeUndefined();
  });

  it('answers the body of a Classic page', async () => {
    document.body.innerHTML = '<div class="bPageTitle"></div>';
    document.body.classList.add('sfdcBody');
    try {
      expect(await waitForActivePage(document, { signal: running() })).toBe(document.body);
    } finally {
      document.body.classList.remove('sfdcBody');
    }
  });
});
