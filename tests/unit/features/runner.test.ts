import { describe, expect, it, vi } from 'vitest';
import { defineFeature, type FeatureRun } from '../../../lib/features/define-feature';
import { appliesTo, createFeatureRunner } from '../../../lib/features/runner';

const onRecord = (url: URL) => url.pathname.startsWith('/lightning/r/');
const onList = (url: URL) => url.pathname.includes('/list');
const url = (path: string) => new URL(`https://acme.lightning.force.com${path}`);

describe('feature runner', () => {
  it('runs only the features whose include matches and whose exclude does not', () => {
    const feature = defineFeature({ id: 'f', include: [onRecord], exclude: [onList], init: () => {} });
    expect(appliesTo(feature, url('/lightning/r/Opportunity/x/view'))).toBe(true);
    expect(appliesTo(feature, url('/lightning/o/Opportunity/list'))).toBe(false);
    expect(appliesTo(defineFeature({ ...feature, include: [onRecord, onList] }), url('/lightning/r/x/list'))).toBe(false);
  });

  it('aborts the previous run on navigation and passes the previous URL', () => {
    const runs: FeatureRun[] = [];
    const runner = createFeatureRunner([defineFeature({ id: 'f', include: [onRecord], init: (run) => void runs.push(run) })]);
    runner.run(url('/lightning/r/Opportunity/a/view'));
    runner.run(url('/lightning/r/Opportunity/a/view')); // same URL: nothing happens
    expect(runs).toHaveLength(1);
    runner.run(url('/lightning/r/Opportunity/b/view'));
    expect(runs).toHaveLength(2);
    expect(runs[0]?.signal.aborted).toBe(true);
    expect(runs[1]?.signal.aborted).toBe(false);
    expect(runs[1]?.previousUrl?.pathname).toBe('/lightning/r/Opportunity/a/view');
    runner.run(url('/lightning/o/Opportunity/list'));
    expect(runs[1]?.signal.aborted).toBe(true);
    expect(runs).toHaveLength(2);
  });

  it('hands the page being left to the next run', () => {
    document.body.innerHTML = '<div class="windowViewMode-normal active" id="first"></div>';
    const runs: FeatureRun[] = [];
    const runner = createFeatureRunner([defineFeature({ id: 'f', include: [onRecord], init: (run) => void runs.push(run) })]);
    runner.run(url('/lightning/r/Opportunity/a/view'));
    expect(runs[0]?.previousPage).toBeUndefined();
    runner.run(url('/lightning/r/Opportunity/b/view'));
    expect(runs[1]?.previousPage?.id).toBe('first');
  });

  it('keeps running the other features when one throws or rejects', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const ok = vi.fn();
    const runner = createFeatureRunner([
      defineFeature({ id: 'throws', include: [onRecord], init: () => { throw new Error('boom'); } }),
      defineFeature({ id: 'rejects', include: [onRecord], init: async () => { throw new Error('later'); } }),
      defineFeature({ id: 'ok', include: [onRecord], init: ok }),
    ]);
    runner.run(url('/lightning/r/Opportunity/a/view'));
    await Promise.resolve();
    expect(ok).toHaveBeenCalledOnce();
    expect(warn.mock.calls.map((c) => c[0])).toEqual([
      '[Partner Ledger] feature throws failed',
      '[Partner Ledger] feature rejects failed',
    ]);
  });

  it('stops for good when its lifetime ends (the extension was reloaded)', () => {
    const lifetime = new AbortController();
    const runs: FeatureRun[] = [];
    const runner = createFeatureRunner([defineFeature({ id: 'f', include: [onRecord], init: (run) => void runs.push(run) })], {
      lifetime: lifetime.signal,
    });
    runner.run(url('/lightning/r/Opportunity/a/view'));
    lifetime.abort();
    expect(runs[0]?.signal.aborted).toBe(true);
    runner.run(url('/lightning/r/Opportunity/b/view'));
    expect(runs).toHaveLength(1);
  });
});
