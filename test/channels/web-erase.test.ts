/**
 * "Hapus data saya" from the web chat, over HTTP on the real app, with memory stores and with a real
 * redis-server: afterwards none of the user's uploads is left on disk, none of their questions is in
 * the dashboard's unanswered list, and the audit log records the erasure without the conversation id
 * (only its keyed hash). Another user's upload and question stay.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { PRIVACY_CHOICE } from '../../src/dialogs/privacy.js';
import { registerConsoleAndWebChat } from '../../src/http/console-and-web.js';
import { createHttpServer } from '../../src/http/server.js';
import { createLogger } from '../../src/log/logger.js';
import { auditHash } from '../../src/privacy/traces.js';
import { daysEnding } from '../../src/stats/store.js';
import { minimalPdf } from '../helpers/files.js';
import { useTestRedis } from '../helpers/redis-fixture.js';
import { webConversationId } from '../helpers/web.js';
import { cookieOf } from '../handoff/console-client.js';

const MINE = ['zork blarg fnord wibble', 'plorkt qwerty snargle'];
const THEIRS = 'frobnicate glurp zindle';

let opened: Array<{ app: App; server: FastifyInstance }> = [];

afterEach(async () => {
  for (const { app, server } of opened) {
    await server.close();
    await app.close();
  }
  opened = [];
});

async function start(env: Record<string, string>) {
  const dataDir = mkdtempSync(join(tmpdir(), 'tanya-web-erase-'));
  const app = await createApp(
    loadConfig({ DATA_DIR: dataDir, OFFICE_HOURS: 'always', ...env }),
    createLogger('silent'),
  );
  const server = await createHttpServer(app);
  await registerConsoleAndWebChat(server, app, { sweepMs: 0 });
  await server.ready();
  opened.push({ app, server });
  return { app, server, dataDir };
}

async function webUser(server: FastifyInstance) {
  const cookie = cookieOf(await server.inject('/web/session'), 'tanya_web');
  const send = async (payload: object) => {
    const response = await server.inject({
      method: 'POST',
      url: '/web/messages',
      headers: { cookie },
      payload,
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<{ replies: Array<{ text?: string }> }>();
  };
  return { cookie, send };
}

const uploads = (dataDir: string) => {
  try {
    return readdirSync(join(dataDir, 'uploads', 'web'));
  } catch {
    return [];
  }
};

async function unanswered(app: App): Promise<string[]> {
  const days = daysEnding(new Date(), app.config.OFFICE_TIMEZONE, 3);
  return (await app.stats.unanswered(days, 100)).map((entry) => entry.question);
}

for (const mode of ['memory', 'redis'] as const) {
  describe(`erasing a web chat conversation (${mode} stores)`, () => {
    const redis = mode === 'redis' ? useTestRedis() : undefined;

    async function auditText(app: App, dataDir: string): Promise<string> {
      if (redis) return (await redis.client.lRange(`${app.config.REDIS_PREFIX}audit`, 0, -1)).join('\n');
      return readFileSync(join(dataDir, 'audit.log'), 'utf8');
    }

    it('deletes the uploads and unanswered questions at once and audits without the id', async () => {
      const { app, server, dataDir } = await start(redis ? { REDIS_URL: redis.url } : {});
      const other = await webUser(server);
      await other.send({ text: THEIRS });
      await other.send({
        file: { name: 'lain.pdf', mime: 'application/pdf', data: minimalPdf().toString('base64') },
      });
      const theirs = uploads(dataDir);
      expect(theirs).toHaveLength(1);

      const user = await webUser(server);
      const id = webConversationId(app, user.cookie);
      for (const text of MINE) await user.send({ text });
      await user.send({
        file: { name: 'ktp.pdf', mime: 'application/pdf', data: minimalPdf().toString('base64') },
      });
      expect(uploads(dataDir)).toHaveLength(2);
      expect(await unanswered(app)).toEqual(expect.arrayContaining([...MINE, THEIRS]));

      await user.send({ text: 'hapus data saya' });
      await user.send({ choice: PRIVACY_CHOICE.yes });

      expect(uploads(dataDir)).toEqual(theirs);
      const left = await unanswered(app);
      for (const text of MINE) expect(left).not.toContain(text);
      expect(left).toContain(THEIRS);
      const audit = await auditText(app, dataDir);
      expect(audit).not.toContain(id);
      const erasures = audit
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as { agent: string; action: string; detail?: object })
        .filter((event) => event.action === 'erase');
      expect(erasures).toEqual([
        expect.objectContaining({
          agent: '(user)',
          detail: { channel: 'web', conversationHash: auditHash(app.serverKey, `web:${id}`) },
        }),
      ]);
    });
  });
}
