import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { ConnectedPanel, type ConnectedPanelProps, type Subscribe } from '../../../../components/panel/connected-panel';
import type { Requester } from '../../../../lib/messaging/client';
import { createHandlers } from '../../../../lib/messaging/handlers';
import { createServices } from '../../../../lib/services';
import { RequestError } from '../../../../lib/messaging/request-error';
import { createMessageRouter } from '../../../../lib/messaging/router';
import { freshDb, opportunityId } from '../../../builders';

const OPP = opportunityId(3);

/** A requester that goes through the real router and store, as the background would. */
function realRequester() {
  const db = freshDb();
  const route = createMessageRouter(createHandlers(createServices({ db })), () => 'content_script' as const);
  const request = (async (type, payload) => {
    const answer = await route({ type, payload }, {});
    if (!answer.ok) throw new RequestError(answer.error.code, answer.error.message);
    return answer.data;
  }) as Requester;
  return { db, request };
}

/** A subscription the test fires by hand, as the background's broadcast or a badge would. */
function manualSubscription() {
  const callbacks = new Set<() => void>();
  const subscribe: Subscribe = (signal, callback) => {
    callbacks.add(callback);
    signal.addEventListener('abort', () => callbacks.delete(callback), { once: true });
  };
  return {
    subscribe,
    fire: () => {
      for (const callback of callbacks) callback();
    },
    count: () => callbacks.size,
  };
}

const noSubscription: Subscribe = () => {};

function renderPanel(request: Requester, props: Partial<ConnectedPanelProps> = {}) {
  return render(
    <ConnectedPanel
      orgKey="acme"
      opportunityId={OPP}
      facts={{ name: 'Acme renewal' }}
      initialData={request('getPanelData', { orgKey: 'acme', opportunityId: OPP })}
      request={request}
      subscribeToChanges={noSubscription}
      subscribeToOpenRequests={noSubscription}
      {...props}
    />,
  );
}

async function renderConnected(props: Partial<ConnectedPanelProps> = {}) {
  const { db, request } = realRequester();
  const view = renderPanel(request, props);
  await screen.findByText('No partner attribution yet');
  await screen.findByRole('heading', { name: 'Acme renewal' });
  return { db, request, view };
}

const toggleButton = () => screen.getByRole('button', { name: 'Partner attribution' });

function fillAndSave(partner: string, kind: 'Partner-sourced' | 'Partner-influenced') {
  fireEvent.input(screen.getByRole('combobox', { name: 'Partner' }), { target: { value: partner } });
  fireEvent.click(screen.getByRole('radio', { name: kind }));
  fireEvent.click(screen.getByRole('button', { name: 'Save attribution' }));
}

describe('connected opportunity panel', () => {
  it('saves, lists, refuses a second sourced partner, and removes', async () => {
    const { db } = await renderConnected();
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

  it('asks for the reason the background asked for, though the page did not know the lock yet', async () => {
    const { request: real } = realRequester();
    // As when the org's created date reached the background before it reached this page.
    const request = (async (type, payload) => {
      if (type === 'addAttribution' && !(payload as { reason?: string }).reason) {
        throw new RequestError('reason_required', 'The attribution is locked. Give a reason for this change.');
      }
      return real(type, payload);
    }) as Requester;
    renderPanel(request);
    await screen.findByText('No partner attribution yet');
    expect(screen.queryByLabelText('Reason')).toBeNull();
    fillAndSave('Northwind', 'Partner-influenced');
    expect((await screen.findByRole('alert')).textContent).toContain('Give a reason');
    fireEvent.input(screen.getByLabelText('Reason'), { target: { value: 'Partner review' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save attribution' }));
    await screen.findByRole('button', { name: 'Remove Northwind' });
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
    render(
      <ConnectedPanel
        orgKey="acme"
        opportunityId={OPP}
        facts={{ name: 'Acme renewal' }}
        initialData={request('getPanelData', { orgKey: 'acme', opportunityId: OPP })}
        request={slow}
        subscribeToChanges={noSubscription}
        subscribeToOpenRequests={noSubscription}
      />,
    );
    await screen.findByText('No partner attribution yet');
    fillAndSave('Northwind', 'Partner-influenced');
    await screen.findByRole('button', { name: 'Remove Northwind' });
    releaseRefresh!();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(screen.queryByRole('button', { name: 'Remove Northwind' })).not.toBeNull();
  });

  it('remembers a collapse in the store and tells the page', async () => {
    const onCollapsedChange = vi.fn();
    const { db } = await renderConnected({ onCollapsedChange });
    fireEvent.click(toggleButton());
    await waitFor(async () => expect((await db.settings.get('ui'))?.value).toMatchObject({ panelCollapsed: true }));
    expect(toggleButton().getAttribute('aria-expanded')).toBe('false');
    expect(onCollapsedChange).toHaveBeenLastCalledWith(true);
  });

  it('starts as the store says when the page knows nothing yet, and as the page says otherwise', async () => {
    const { db, request } = realRequester();
    await request('setPanelCollapsed', { collapsed: true });
    const onCollapsedChange = vi.fn();
    const first = renderPanel(request, { onCollapsedChange });
    await waitFor(() => expect(toggleButton().getAttribute('aria-expanded')).toBe('false'));
    expect(onCollapsedChange).toHaveBeenCalledWith(true);
    first.unmount();
    renderPanel(request, { collapsed: false });
    await screen.findByText('No partner attribution yet');
    expect(toggleButton().getAttribute('aria-expanded')).toBe('true');
    expect((await db.settings.get('ui'))?.value).toMatchObject({ panelCollapsed: true });
  });

  it('opens when the page asks, and stops listening once gone', async () => {
    const openRequests = manualSubscription();
    const onOpened = vi.fn();
    const { request } = realRequester();
    const view = renderPanel(request, { collapsed: true, subscribeToOpenRequests: openRequests.subscribe, onOpened });
    await screen.findByRole('button', { name: 'Partner attribution' });
    expect(toggleButton().getAttribute('aria-expanded')).toBe('false');
    openRequests.fire();
    await waitFor(() => expect(toggleButton().getAttribute('aria-expanded')).toBe('true'));
    expect(onOpened).toHaveBeenCalledOnce();
    expect(openRequests.count()).toBe(1);
    view.unmount();
    await waitFor(() => expect(openRequests.count()).toBe(0));
  });

  it('shows a change made elsewhere when told attributions changed', async () => {
    const changes = manualSubscription();
    const { request } = await renderConnected({ subscribeToChanges: changes.subscribe });
    await request('addAttribution', {
      orgKey: 'acme',
      opportunityId: OPP,
      opportunityName: 'Acme renewal',
      partnerName: 'Globex',
      kind: 'influenced',
      note: '',
      touch: { type: 'joint_call', date: '2026-11-20', note: '', link: '' },
    });
    expect(screen.queryByRole('button', { name: 'Remove Globex' })).toBeNull();
    changes.fire();
    await screen.findByRole('button', { name: 'Remove Globex' });
  });
});
