/**
 * The download helper over real HTTP on loopback: a URL and every redirect are checked against the
 * policy (trusted origins as they are; other hosts over https with public addresses only, checked
 * after DNS resolution), redirects are bounded, credentials stay on their origin, and the size cap
 * holds whatever the server declares.
 */
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileFetchError } from '../../src/channels/channel.js';
import {
  anyHost,
  downloadWithinLimit,
  MAX_REDIRECTS,
  type DownloadPolicy,
  type LimitedDownload,
} from '../../src/channels/download.js';

/** A loopback server recording every request; `routes` answer by path. */
class Peer {
  readonly hits: Array<{ path: string; headers: IncomingHttpHeaders }> = [];
  readonly routes = new Map<string, (res: ServerResponse) => void>();
  origin = '';
  readonly #server: Server = createServer((req, res) => {
    this.hits.push({ path: req.url ?? '', headers: req.headers });
    const route = this.routes.get(req.url ?? '');
    if (route) route(res);
    else res.writeHead(404).end();
  });

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    this.origin = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
    return this;
  }

  get port(): number {
    return (this.#server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}

let allowed: Peer;
let internal: Peer;

beforeAll(async () => {
  allowed = await new Peer().start();
  internal = await new Peer().start();
  internal.routes.set('/secret', (res) => res.writeHead(200).end('internal data'));
  allowed.routes.set('/file', (res) => res.writeHead(200).end('file bytes'));
  allowed.routes.set('/big', (res) => res.writeHead(200).end(Buffer.alloc(2048)));
  allowed.routes.set('/hop', (res) => res.writeHead(302, { location: '/file' }).end());
  allowed.routes.set('/loop', (res) => res.writeHead(302, { location: '/loop' }).end());
  allowed.routes.set('/to-internal', (res) =>
    res.writeHead(302, { location: `${internal.origin}/secret` }).end(),
  );
  allowed.routes.set('/to-metadata', (res) =>
    res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end(),
  );
});

afterAll(async () => {
  await allowed?.close();
  await internal?.close();
});

function options(policy: DownloadPolicy, extra: Partial<LimitedDownload> = {}): LimitedDownload {
  return {
    policy,
    limit: 1024,
    tooLarge: () => new FileFetchError('too_large', 'too large'),
    goneStatuses: [404, 410],
    channel: 'test',
    noun: 'file',
    ...extra,
  };
}

const trusted = (): DownloadPolicy => ({ trustedOrigins: [allowed.origin] });

describe('downloadWithinLimit', () => {
  it('fetches from a trusted origin and follows a redirect within it', async () => {
    expect((await downloadWithinLimit(`${allowed.origin}/file`, options(trusted()))).toString()).toBe(
      'file bytes',
    );
    expect((await downloadWithinLimit(`${allowed.origin}/hop`, options(trusted()))).toString()).toBe(
      'file bytes',
    );
  });

  it('refuses a URL on another loopback port than the trusted origin, without connecting', async () => {
    const before = internal.hits.length;
    await expect(downloadWithinLimit(`${internal.origin}/secret`, options(trusted()))).rejects.toMatchObject({
      reason: 'not_found',
    });
    expect(internal.hits.length).toBe(before);
  });

  it('refuses a redirect from a trusted origin to another port or to the metadata address', async () => {
    const before = internal.hits.length;
    await expect(
      downloadWithinLimit(`${allowed.origin}/to-internal`, options(trusted())),
    ).rejects.toMatchObject({ reason: 'not_found', message: expect.stringContaining('refused') });
    await expect(
      downloadWithinLimit(`${allowed.origin}/to-metadata`, options(trusted())),
    ).rejects.toMatchObject({ reason: 'not_found' });
    expect(internal.hits.length).toBe(before);
  });

  it('checks the address of a redirect target after DNS resolution (localhost is loopback)', async () => {
    allowed.routes.set('/to-localhost', (res) =>
      res.writeHead(302, { location: `https://localhost:${internal.port}/secret` }).end(),
    );
    const before = internal.hits.length;
    await expect(
      downloadWithinLimit(
        `${allowed.origin}/to-localhost`,
        options({ trustedOrigins: [allowed.origin], publicHosts: anyHost }),
      ),
    ).rejects.toMatchObject({ reason: 'not_found', message: expect.stringContaining('non-public') });
    expect(internal.hits.length).toBe(before);
  });

  it('refuses non-public literal addresses and plain http for public hosts', async () => {
    const policy: DownloadPolicy = { trustedOrigins: [], publicHosts: anyHost };
    for (const url of [
      `https://127.0.0.2:${internal.port}/secret`,
      `https://[::1]:${internal.port}/secret`,
      `https://[::ffff:127.0.0.1]:${internal.port}/secret`,
      'https://169.254.169.254/latest/meta-data/',
      `${internal.origin}/secret`,
      'ftp://example.com/file',
    ]) {
      await expect(downloadWithinLimit(url, options(policy)), url).rejects.toMatchObject({
        reason: 'not_found',
      });
    }
    await expect(
      downloadWithinLimit(`https://localhost:${internal.port}/secret`, options(policy)),
    ).rejects.toMatchObject({ reason: 'not_found' });
    expect(internal.hits.filter((hit) => hit.path === '/secret')).toEqual([]);
  });

  it('gives up after a bounded number of redirects', async () => {
    const before = allowed.hits.length;
    await expect(downloadWithinLimit(`${allowed.origin}/loop`, options(trusted()))).rejects.toMatchObject({
      reason: 'unavailable',
      message: expect.stringContaining('too many redirects'),
    });
    expect(allowed.hits.length - before).toBe(MAX_REDIRECTS + 1);
  });

  it('keeps the size cap and says when a file is gone', async () => {
    await expect(downloadWithinLimit(`${allowed.origin}/big`, options(trusted()))).rejects.toMatchObject({
      reason: 'too_large',
    });
    await expect(downloadWithinLimit(`${allowed.origin}/missing`, options(trusted()))).rejects.toMatchObject({
      reason: 'expired',
    });
  });

  it('sends credentials only to the origin they were given for', async () => {
    allowed.routes.set('/to-other', (res) =>
      res.writeHead(307, { location: `${internal.origin}/secret` }).end(),
    );
    const policy: DownloadPolicy = { trustedOrigins: [allowed.origin, internal.origin] };
    const body = await downloadWithinLimit(
      `${allowed.origin}/to-other`,
      options(policy, { headers: { authorization: 'Bearer token' } }),
    );
    expect(body.toString()).toBe('internal data');
    expect(allowed.hits.at(-1)?.headers.authorization).toBe('Bearer token');
    expect(internal.hits.at(-1)?.headers.authorization).toBeUndefined();
  });

  it('fails a download that outlives its time limit', async () => {
    allowed.routes.set('/stall', (res) => res.writeHead(200, { 'content-length': '10' }).write('x'));
    await expect(
      downloadWithinLimit(`${allowed.origin}/stall`, options(trusted(), { timeoutMs: 50 })),
    ).rejects.toMatchObject({ reason: 'unavailable' });
  });
});
