import { request, type Agent } from 'node:https';
import type { FakeOrg } from '../../fake-org/server';

export interface FetchedPage {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** GET a path from the fake org as a browser resolving the Salesforce host to loopback would. */
export function fetchPage(
  org: FakeOrg,
  hostname: string,
  path: string,
  method = 'GET',
  agent?: Agent,
): Promise<FetchedPage> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: org.port,
        path,
        method,
        servername: hostname === '127.0.0.1' ? undefined : hostname,
        headers: { Host: `${hostname}:${org.port}` },
        rejectUnauthorized: false,
        agent: agent ?? false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

export const lightningHost = (org: FakeOrg) => new URL(org.lightningOrigin).hostname;
export const classicHost = (org: FakeOrg) => new URL(org.classicOrigin).hostname;
