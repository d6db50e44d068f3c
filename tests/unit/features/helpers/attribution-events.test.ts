import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  onAttributionsChanged,
  onOpenPanelRequested,
  requestOpenPanel,
} from '../../../../lib/features/helpers/attribution-events';
import { ATTRIBUTIONS_CHANGED } from '../../../../lib/messaging/events';

describe('onAttributionsChanged', () => {
  it('calls back on the background’s event only, until the signal aborts', async () => {
    const listening = new AbortController();
    const callback = vi.fn();
    onAttributionsChanged(listening.signal, callback);
    await fakeBrowser.runtime.onMessage.trigger({ type: 'somethingElse' }, {});
    expect(callback).not.toHaveBeenCalled();
    await fakeBrowser.runtime.onMessage.trigger({ type: ATTRIBUTIONS_CHANGED }, {});
    expect(callback).toHaveBeenCalledOnce();
    listening.abort();
    await fakeBrowser.runtime.onMessage.trigger({ type: ATTRIBUTIONS_CHANGED }, {});
    expect(callback).toHaveBeenCalledOnce();
  });

  it('never answers, so the message stays for other listeners', async () => {
    onAttributionsChanged(new AbortController().signal, () => {});
    expect(await fakeBrowser.runtime.onMessage.trigger({ type: ATTRIBUTIONS_CHANGED }, {})).toEqual([undefined]);
  });
});

describe('open panel requests', () => {
  it('reach the listener on the same document until its signal aborts', () => {
    const listening = new AbortController();
    const open = vi.fn();
    onOpenPanelRequested(document, listening.signal, open);
    requestOpenPanel(document);
    expect(open).toHaveBeenCalledOnce();
    listening.abort();
    requestOpenPanel(document);
    expect(open).toHaveBeenCalledOnce();
  });
});
