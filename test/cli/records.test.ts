/**
 * `tanya records list` end to end: a registration typed into `tanya chat --json` (a real process,
 * DATA_DIR in a temp dir) is listed by `tanya records list --json`, NIK and phone masked.
 */
import { describe, expect, it } from 'vitest';
import { runTanya, tempDataDir } from '../helpers/tanya.js';
import { NIK } from '../helpers/bpu.js';

const REGISTRATION = [
  { choice: 'start:bpu-registration' },
  { text: '1' },
  { text: 'ya' },
  { text: NIK },
  { text: 'Siti Aminah' },
  { text: '1 Januari 1990' },
  { text: '081234567890' },
  { text: '2' },
  { text: 'jaksel' },
  { text: '2 juta' },
  { text: '2' },
  { text: '1' },
]
  .map((line) => JSON.stringify(line))
  .join('\n');

describe('tanya records', () => {
  // Five real processes (tsx compiles the sources at each start): a longer limit than the default.
  it(
    'lists a registration made in `tanya chat --json`, masked unless --reveal',
    { timeout: 90_000 },
    async () => {
      const env = { DATA_DIR: tempDataDir() };
      const chat = await runTanya(['chat', '--json'], `${REGISTRATION}\n`, env);
      expect(chat.code).toBe(0);
      expect(chat.lines).toHaveLength(12);
      const last = JSON.parse(chat.lines.at(-1) as string) as {
        replies: { text: string }[];
        awaiting: unknown;
      };
      const reference = /BPU-\d{8}-[0-9A-Z]{6}/.exec(last.replies.map((reply) => reply.text).join('\n'))?.[0];
      expect(reference).toBeDefined();
      expect(last.awaiting).toBeNull();

      const list = await runTanya(['records', 'list', '--json'], '', env);
      expect(list.code).toBe(0);
      expect(list.lines).toHaveLength(1);
      const record = JSON.parse(list.lines[0] as string);
      expect(record).toMatchObject({
        id: reference,
        type: 'registration',
        status: 'registered',
        conversation: { channel: 'cli' },
        data: {
          nik: '************0001',
          phone: '+62812****7890',
          declaredIncome: 2_000_000,
          programs: ['JKK', 'JKM', 'JHT'],
          contribution: { JKK: 20_000, JKM: 6_800, JHT: 40_000, total: 66_800 },
        },
      });
      expect(record.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      expect(list.stdout).not.toContain(NIK);
      expect(list.stdout).not.toContain('81234567890');
      expect(list.stdout).not.toContain('idempotencyKey');

      const [revealed, claims, plain] = await Promise.all([
        runTanya(['records', 'list', '--json', '--reveal', '--type', 'registration'], '', env),
        runTanya(['records', 'list', '--json', '--type', 'claim'], '', env),
        runTanya(['records', 'list'], '', env),
      ]);
      expect(JSON.parse(revealed.lines[0] as string).data).toMatchObject({
        nik: NIK,
        phone: '+6281234567890',
      });
      expect(claims.code).toBe(0);
      expect(claims.lines).toEqual([]);
      expect(plain.lines).toEqual([
        expect.stringMatching(new RegExp(`^${reference}  registration  registered  `)),
        '1 record(s)',
      ]);
    },
  );

  it('rejects a bad --type and an unknown subcommand readably', { timeout: 60_000 }, async () => {
    const [badType, unknown] = await Promise.all([
      runTanya(['records', 'list', '--type', 'payment']),
      runTanya(['records', 'purge']),
    ]);
    expect(badType.code).toBe(2);
    expect(badType.stderr).toMatch(/^tanya: --type: /);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^tanya: Unknown argument 'purge'\nUsage:\n {2}tanya records list/);
  });
});
