/** Lightning host routes: the app shell for every Lightning path, and the app's own script and style. */
import { readFileSync } from 'node:fs';
import { LIGHTNING_ASSET_PREFIX, lightningShell } from '../pages/lightning';
import { lightningSessionCookie } from '../rest/http';
import { convertLead } from '../leads';
import { redirect, send, sendHtml, sendJson, type Router } from '../router';

const ASSETS: Record<string, { file: string; contentType: string }> = {
  'lightning-components.js': { file: 'lightning-components.js', contentType: 'text/javascript; charset=utf-8' },
  'lightning-variants.js': { file: 'lightning-variants.js', contentType: 'text/javascript; charset=utf-8' },
  'lightning-app.js': { file: 'lightning-app.js', contentType: 'text/javascript; charset=utf-8' },
  'lightning.css': { file: 'lightning.css', contentType: 'text/css; charset=utf-8' },
};

/** A small cloud, so browsers do not log a missing favicon. */
const FAVICON =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">' +
  '<ellipse cx="16" cy="17" rx="15" ry="10" fill="#0d9dda"/></svg>';

export function registerLightningRoutes(router: Router): void {
  const assets = new Map(
    Object.entries(ASSETS).map(([name, asset]) => [
      name,
      { body: readFileSync(new URL(`../client/${asset.file}`, import.meta.url)), contentType: asset.contentType },
    ]),
  );

  router
    .add({
      host: 'lightning',
      path: new RegExp(`^${LIGHTNING_ASSET_PREFIX}(?<name>[a-z.-]+)$`),
      handler: ({ res, params }) => {
        const asset = assets.get(params.name ?? '');
        if (!asset) return send(res, 404, 'Not found', 'text/plain; charset=utf-8');
        send(res, 200, asset.body, asset.contentType);
      },
    })
    .add({ host: 'lightning', path: '/', handler: ({ res }) => redirect(res, '/lightning/page/home') })
    .add({ host: '*', path: '/favicon.ico', handler: ({ res }) => send(res, 200, FAVICON, 'image/svg+xml') })
    .add({
      host: 'lightning',
      method: 'POST',
      path: `${LIGHTNING_ASSET_PREFIX}convert-lead`,
      // The Convert action of the lead page, as the signed-in user (see tests/fake-org/leads.ts).
      handler: async ({ req, res, org }) => {
        const chunks: Buffer[] = [];
        for await (const chunk of req) chunks.push(chunk as Buffer);
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as {
          leadId?: string;
          opportunityName?: string;
          createOpportunity?: boolean;
        };
        try {
          const result = convertLead(org.state, String(body.leadId ?? ''), {
            userId: org.state.org.CurrentUserId,
            createOpportunity: body.createOpportunity !== false,
            ...(body.opportunityName ? { opportunityName: body.opportunityName } : {}),
          });
          sendJson(res, 200, result);
        } catch (error) {
          sendJson(res, 400, { message: (error as Error).message });
        }
      },
    })
    .add({
      host: 'lightning',
      path: /^\/(?:lightning(?:\/.*)?|one\/one\.app\/?)$/,
      // Like a real Lightning host, it keeps a `sid` cookie of its own (one the REST API does not accept).
      handler: ({ req, res, org }) =>
        sendHtml(res, 200, lightningShell(org.state, org.ui), lightningSessionCookie(org.state, req)),
    });
}
