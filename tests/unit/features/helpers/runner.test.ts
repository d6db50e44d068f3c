import { describe, expect, it, vi } from 'vitest';
import { defineFeature, type FeatureRun } from '../../../../lib/features/helpers/define-feature';
import { appliesTo, createFeatureRunner } from '../../../../lib/features/helpers/runner';
import { opportunityId } from '../../../builders';

const onRecord = (url: URL) => url.pathname.startsWith('/lightning/r/');
const onList = (url: URL) => url.pathname.includes('/list');
const url = (path: string) => new URL(`https://acme.lightning.force.com${path}`);

/** Shows a new Lightning page in front, hiding the one before as Lightning does. */
function showPage(id: string) {
  for (const page of document.querySelectorAll('.windowViewMode-normal.active')) {
    page.classList.remove('active');
    page.setAttribute('aria-hidden', 'true');
  }
  document.body.insertAdjacentHTML('beforeend', `<div class="windowViewMode-normal active" id="${id}"></div>`);
}

/** A feature on record pages that keeps every run it is handed. */
function recording() {
  const runs: FeatureRun[] = [];
  return { runs, feature: defineFeature({ id: 'f', include: [onRecord], init: (run) => void runs.push(run) }) };
}

describe('feature runner', () => {
  it('runs only the features whose include matches and whose exclude does not', () => {
    const feature = defineFeature({ id: 'f', include: [onRecord], exclude: [onList], init: () => {} });
    expect(appliesTo(feature, url('/lightning/r/Opportunity/x/view'))).toBe(true);
    expect(appliesTo(feature, url('/lightning/o/Opportunity/list'))).toBe(false);
    const both = defineFeature({ ...feature, include: [onRecord, onList] });
    expect(appliesTo(both, url('/lightning/r/x/list'))).toBe(false);
  });

  it('aborts the previous run on navigation and passes the previous URL', async () => {
    document.body.innerHTML = '';
    showPage('a');
    const { runs, feature } = recording();
    const runner = createFeatureRunner([feature]);
    await runner.run(url('/lightning/r/Opportunity/a/view'));
    await runner.run(url('/lightning/r/Opportunity/a/view')); // same URL: nothing happens
    expect(runs).toHaveLength(1);
    const navigating = runner.run(url('/lightning/r/Opportunity/b/view'));
    showPage('b');
    await navigating;
    expect(runs).toHaveLength(2);
    expect(runs[0]?.signal.aborted).toBe(true);
    expect(runs[1]?.signal.aborted).toBe(false);
    expect(runs[1]?.previousUrl?.pathname).toBe('/lightning/r/Opportunity/a/view');
    await runner.run(url('/lightning/o/Opportunity/list'));
    expect(runs[1]?.signal.aborted).toBe(true);
    expect(runs).toHaveLength(2);
  });

  it('hands each feature the active Lightning page, not a hidden earlier one', async () => {
    document.body.innerHTML =
      '<div class="windowViewMode-normal active" aria-hidden="true" id="hidden"></div>' +
      '<div class="windowViewMode-normal active" id="current"></div>';
    const { runs, feature } = recording();
    const other = vi.fn();
    const runner = createFeatureRunner([feature, defineFeature({ id: 'g', include: [onRecord], init: other })]);
    await runner.run(url('/lightning/r/Opportunity/a/view'));
    expect(runs[0]?.page.id).toBe('current');
    expect(other.mock.calls[0]?.[0].page).toBe(runs[0]?.page);
  });

  it('waits for the page navigated to rather than handing over the page being left', async () => {
    document.body.innerHTML = '';
    showPage('first');
    const { runs, feature } = recording();
    const runner = createFeatureRunner([feature]);
    await runner.run(url('/lightning/r/Opportunity/a/view'));
    expect(runs[0]?.page.id).toBe('first');
    const navigating = runner.run(url('/lightning/r/Opportunity/b/view'));
    await Promise.resolve();
    expect(runs).toHaveLength(1); // the page being left is still the active one
    showPage('second');
    await navigating;
    expect(runs[1]?.page.id).toBe('second');
  });

  it('keeps the page when the URL changes but the record stays the same', async () => {
    document.body.innerHTML = '<div class="windowViewMode-normal active" id="record"></div>';
    const { runs, feature } = recording();
    const runner = createFeatureRunner([feature]);
    const record = `/lightning/r/Opportunity/${opportunityId(1)}/view`;
    await runner.run(url(record));
    await runner.run(url(`${record}?c__plPanel=open`));
    expect(runs.map((run) => run.page.id)).toEqual(['record', 'record']);
  });

  it('runs nothing when no page comes before the run is aborted', async () => {
    document.body.innerHTML = '';
    const { runs, feature } = recording();
    const runner = createFeatureRunner([feature]);
    const waiting = runner.run(url('/lightning/r/Opportunity/a/view'));
    runner.stop();
    await waiting;
    expect(runs).toHaveLength(0);
  });

  it('hands a Classic page its body', async () => {
    document.body.innerHTML = '<div class="bPageTitle"></div>';
    document.body.classList.add('sfdcBody');
    try {
      const runs: FeatureRun[] = [];
      const classic = defineFeature({ id: 'c', include: [() => true], init: (run) => void runs.push(run) });
      await createFeatureRunner([classic]).run(new URL('https://acme.my.salesforce.com/006Ak00000AbCdE'));
      expect(runs[0]?.page).toBe(document.body);
    } finally {
      document.body.classList.remove('sfdcBody');
    }
  });

  it('keeps running the other features when one throws or rejects', async () => {
    document.body.innerHTML = '<div class="windowViewMode-normal active"></div>';
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const ok = vi.fn();
    const runner = createFeatureRunner([
      defineFeature({
        id: 'throws',
        include: [onRecord],
        init: () => {
          throw new Error('boom');
        },
      }),
      defineFeature({
        id: 'rejects',
        include: [onRecord],
        init: async () => {
          throw new Error('later');
        },
      }),
      defineFeature({ id: 'ok', include: [onRecord], init: ok }),
    ]);
    await runner.run(url('/lightning/r/Opportunity/a/view'));
    await Promise.resolve();
    expect(ok).toHaveBeenCalledOnce();
    expect(warn.mock.calls.map((c) => c[0])).toEqual([
      '[Partner Ledger] feature throws failed',
      '[Partner Ledger] feature rejects failed',
    ]);
  });

  it('stops for good when its lifetime ends (the extension was reloaded)', async () => {
    document.body.innerHTML = '<div class="windowViewMode-normal active"></div>';
    const lifetime = new AbortController();
    const { runs, feature } = recording();
    const runner = createFeatureRunner([feature], { lifetime: lifetime.signal });
    await runner.run(url('/lightning/r/Opportunity/a/view'));
    lifetime.abort();
    expect(runs[0]?.signal.aborted).toBe(true);
    await runner.run(url('/lightning/r/Opportunity/b/view'));
    expect(runs).toHaveLength(1);
  });
});
