import { describe, expect, it } from 'vitest';
import { waitFor } from '../../../../lib/features/helpers/wait-for';

describe('waitFor', () => {
  it('resolves at once when the value is there', async () => {
    document.body.innerHTML = '<h1>Now</h1>';
    const value = await waitFor(() => document.querySelector('h1')?.textContent ?? undefined, {
      root: document.body,
      signal: new AbortController().signal,
    });
    expect(value).toBe('Now');
  });

  it('resolves when the DOM later shows the value', async () => {
    document.body.innerHTML = '';
    const pending = waitFor(() => document.querySelector('h1')?.textContent ?? undefined, {
      root: document.body,
      signal: new AbortController().signal,
    });
    setTimeout(() => document.body.append(Object.assign(document.createElement('h1'), { textContent: 'Later' })), 5);
    expect(await pending).toBe('Later');
  });

  it('sees a value that appears inside an open shadow root', async () => {
    const host = document.createElement('x-region');
    const shadow = host.attachShadow({ mode: 'open' });
    document.body.replaceChildren(host);
    const pending = waitFor(() => shadow.querySelector('h1')?.textContent ?? undefined, {
      root: document.body,
      signal: new AbortController().signal,
      timeoutMs: 1_000,
    });
    setTimeout(() => shadow.append(Object.assign(document.createElement('h1'), { textContent: 'In shadow' })), 5);
    expect(await pending).toBe('In shadow');
  });

  it('gives up with undefined when aborted or timed out', async () => {
    document.body.innerHTML = '';
    const controller = new AbortController();
    const aborted = waitFor(() => undefined, { root: document.body, signal: controller.signal });
    controller.abort();
    expect(await aborted).toBeUndefined();
    expect(
      await waitFor(() => undefined, { root: document.body, signal: new AbortController().signal, timeoutMs: 10 }),
    ).toBeUndefined();
  });
});
