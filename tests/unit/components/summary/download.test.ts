import { afterEach, describe, expect, it, vi } from 'vitest';
import { downloadText } from '../../../../components/summary/download';

describe('downloadText', () => {
  afterEach(() => vi.useRealTimers());

  it('offers the text as a named file through a Blob URL, then revokes the URL', async () => {
    vi.useFakeTimers();
    const create = vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:partner-ledger/1');
    const revoke = vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    let clicked: HTMLAnchorElement | undefined;
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked = this;
    });

    downloadText('partner-attribution-2026-11-16.csv', 'partner,sourced\nGlobex,1200\n');

    const blob = create.mock.calls[0]![0] as Blob;
    expect(blob.type).toBe('text/csv;charset=utf-8');
    expect(await blob.text()).toBe('partner,sourced\nGlobex,1200\n');
    expect(clicked?.download).toBe('partner-attribution-2026-11-16.csv');
    expect(clicked?.href).toBe('blob:partner-ledger/1');
    expect(clicked?.isConnected).toBe(false);
    expect(revoke).not.toHaveBeenCalled();
    vi.runAllTimers();
    expect(revoke).toHaveBeenCalledWith('blob:partner-ledger/1');
  });
});
