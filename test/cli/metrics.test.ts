/**
 * Who may read `/metrics`, with the real process (`node bin/tanya.js serve`) over real HTTP:
 * by default the public port serves it (as before) and start-up warns that it is public; with
 * METRICS_PORT it moves to its own listener and the public port answers 404; with METRICS_TOKEN
 * it needs `Authorization: Bearer <token>` (401 without it or with a wrong one); a bad METRICS_PORT
 * stops start-up with one line naming it and exit code 2.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/redis.js';
import { killServedProcesses, serveProcess as serve, waitForHttp } from '../helpers/serve-process.js';

const TOKEN = 'metrics-token-0123456789abcdef';

afterEach(killServedProcesses);

/** GET `url` with optional headers: its status and body. */
async function get(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  const response = await fetch(url, { headers });
  return { status: response.status, body: await response.text() };
}

/** The messages of the warnings (and worse) about /metrics in the JSON log lines on stdout. */
function metricsWarnings(stdout: string): string[] {
  return stdout
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as { level: number; msg: string })
    .filter((entry) => entry.level >= 40 && /metrics/i.test(entry.msg))
    .map((entry) => entry.msg);
}

const PROMETHEUS = /# TYPE tanya_turns_total counter/;

describe('/metrics access', () => {
  it('by default stays on the public port, with a start-up warning that it is public', async () => {
    const port = await freePort();
    const run = serve({ PORT: String(port) });
    await waitForHttp(run, `http://127.0.0.1:${port}/healthz`);
    const metrics = await get(`http://127.0.0.1:${port}/metrics`);
    expect(metrics.status).toBe(200);
    expect(metrics.body).toMatch(PROMETHEUS);
    expect(metricsWarnings(run.stdout())).toEqual([
      expect.stringMatching(/^\/metrics is public: .*METRICS_PORT/),
    ]);
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
  });

  it('with METRICS_PORT: 404 on the public port, the metrics on the metrics port only', async () => {
    const [port, metricsPort] = [await freePort(), await freePort()];
    const run = serve({ PORT: String(port), METRICS_PORT: String(metricsPort) });
    await waitForHttp(run, `http://127.0.0.1:${port}/healthz`);
    await waitForHttp(run, `http://127.0.0.1:${metricsPort}/metrics`);
    expect((await get(`http://127.0.0.1:${port}/metrics`)).status).toBe(404);
    const metrics = await get(`http://127.0.0.1:${metricsPort}/metrics`);
    expect(metrics.status).toBe(200);
    expect(metrics.body).toMatch(PROMETHEUS);
    // The metrics listener serves nothing else, and the public port everything else.
    expect((await get(`http://127.0.0.1:${metricsPort}/healthz`)).status).toBe(404);
    expect((await get(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    expect(metricsWarnings(run.stdout())).toEqual([]);
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
  });

  it('with METRICS_TOKEN: 401 without or with a wrong token, 200 with the right one', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}/metrics`;
    const run = serve({ PORT: String(port), METRICS_TOKEN: TOKEN });
    await waitForHttp(run, `http://127.0.0.1:${port}/healthz`);
    expect((await get(url)).status).toBe(401);
    expect((await get(url, { authorization: 'Bearer wrong-token-0123456789abcdef' })).status).toBe(401);
    expect((await get(url, { authorization: `Bearer ${TOKEN}x` })).status).toBe(401);
    expect((await get(url, { authorization: TOKEN })).status).toBe(401);
    expect((await get(url, { authorization: `Basic ${TOKEN}` })).status).toBe(401);
    const unauthorized = await get(url);
    expect(unauthorized.body).not.toMatch(PROMETHEUS);
    const metrics = await get(url, { authorization: `Bearer ${TOKEN}` });
    expect(metrics.status).toBe(200);
    expect(metrics.body).toMatch(PROMETHEUS);
    expect(metricsWarnings(run.stdout())).toEqual([]);
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
  });

  it('with METRICS_PORT and METRICS_TOKEN: the token is required on the metrics port', async () => {
    const [port, metricsPort] = [await freePort(), await freePort()];
    const url = `http://127.0.0.1:${metricsPort}/metrics`;
    const run = serve({ PORT: String(port), METRICS_PORT: String(metricsPort), METRICS_TOKEN: TOKEN });
    await waitForHttp(run, url);
    expect((await get(url)).status).toBe(401);
    expect((await get(url, { authorization: 'Bearer wrong-token-0123456789abcdef' })).status).toBe(401);
    expect((await get(url, { authorization: `Bearer ${TOKEN}` })).status).toBe(200);
    expect((await get(`http://127.0.0.1:${port}/metrics`, { authorization: `Bearer ${TOKEN}` })).status).toBe(
      404,
    );
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
  });

  it('refuses a bad METRICS_PORT with one line naming it and exit code 2', async () => {
    const run = serve({ PORT: '0', METRICS_PORT: 'nine' });
    expect(await run.exited).toBe(2);
    expect(run.stderr().split('\n').filter(Boolean)).toEqual([
      'tanya: invalid configuration: METRICS_PORT="nine": must be a port number, 0-65535 (unset it to serve /metrics on PORT)',
    ]);
    expect(run.stdout()).toBe('');
  });

  it('refuses a bad METRICS_TOKEN with one line naming it (not showing it) and exit code 2', async () => {
    const run = serve({ PORT: '0', METRICS_TOKEN: 'short' });
    expect(await run.exited).toBe(2);
    expect(run.stderr().split('\n').filter(Boolean)).toEqual([
      'tanya: invalid configuration: METRICS_TOKEN=(hidden): must be 16-256 printable characters without spaces',
    ]);
  });

  it('stops with one line naming METRICS_PORT and exit code 2 when the metrics port is busy', async () => {
    const port = await freePort();
    const run = serve({ PORT: String(port), METRICS_PORT: String(port) });
    expect(await run.exited).toBe(2);
    expect(run.stderr().split('\n').filter(Boolean)).toEqual([
      `tanya: port ${port} on 127.0.0.1 is already in use (stop what uses it, or set METRICS_PORT to a free port)`,
    ]);
  });
});
