import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { ConnectedPanel, type Requester } from '../../../lib/features/opportunity-panel';
import { createHandlers } from '../../../lib/messaging/handlers';
import { RequestError } from '../../../lib/messaging/client';
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
  const initial = await request('getPanelData', { orgKey: 'acme', opportunityId: OPP });
  render(
    <ConnectedPanel
      orgKey="acme"
      opportunityId={OPP}
      opportunityName={Promise.resolve('Acme renewal')}
      initial={initial}
      request={request}
    />,
  );
  await screen.findByRole('heading', { name: 'Acme renewal' });
  return db;
}

function fillAndSave(partner: string, kind: 'Partner-sourced' | 'Partner-influenced') {
  fireEvent.input(screen.getByLabelText('Partner'), { target: { value: partner } });
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

  it('remembers a collapse in the store', async () => {
    const db = await renderConnected();
    fireEvent.click(screen.getByRole('button', { name: 'Partner attribution' }));
    await waitFor(async () => expect((await db.settings.get('ui'))?.value).toEqual({ panelCollapsed: true }));
    expect(screen.getByRole('button', { name: 'Partner attribution' }).getAttribute('aria-expanded')).toBe('false');
  });
});
