/**
 * The load run's log scan finds personal data however a log line writes it (a scan that never finds
 * anything would prove nothing), and leaves masked numbers, timestamps and ordinary text alone.
 */
import { describe, expect, it } from 'vitest';
import { LogLeakScanner, phoneForms } from '../../scripts/load/log-scan.js';
import {
  claimKpj,
  claimNik,
  registrationNik,
  SCRIPT_PERSON,
  scriptSecrets,
} from '../../scripts/load/scenario.js';
import { maskPersonalNumbers } from '../../src/log/mask.js';

const scan = (...lines: string[]) => {
  const scanner = new LogLeakScanner(scriptSecrets(3));
  for (const line of lines) scanner.feed(`${line}\n`);
  scanner.end();
  return scanner;
};

describe('LogLeakScanner', () => {
  it('finds every kind of personal data the scripted users send', () => {
    const scanner = scan(
      JSON.stringify({ level: 30, msg: 'saved', nik: registrationNik(2) }),
      `{"msg":"claim","text":"nik saya ${claimNik(3)}"}`,
      `kpj ${claimKpj(1)}`,
      'call me at +62 812-3456-7890',
      'hp 0812.3456.7890',
      `rekening ${SCRIPT_PERSON.account}`,
      `{"name":"${SCRIPT_PERSON.name.toUpperCase()}"}`,
      '{"file":"%PDF-1.4 1 0 obj"}',
      '{"bytes":{"type":"Buffer","data":[255,216,255,224]}}',
    );
    expect(scanner.lines).toBe(9);
    expect(scanner.leakCount).toBe(9);
    expect(scanner.leaks.map((leak) => leak.kind)).toEqual([
      'NIK',
      'NIK',
      'KPJ',
      'phone',
      'phone',
      'bank account',
      'name',
      'document',
      'document',
    ]);
  });

  it('finds a NIK inside a longer run of digits and across chunk boundaries', () => {
    const scanner = new LogLeakScanner(scriptSecrets(1));
    const line = `{"ref":"x${registrationNik(1)}99"}\n`;
    scanner.feed(line.slice(0, 12));
    scanner.feed(line.slice(12));
    scanner.end();
    expect(scanner.leaks).toEqual([{ line: 1, kind: 'NIK' }]);
  });

  it('leaves what the logger writes after masking, timestamps and other users alone', () => {
    const scanner = scan(
      maskPersonalNumbers(`{"msg":"nik ${registrationNik(1)} hp ${SCRIPT_PERSON.phone}"}`),
      '{"time":1763712000000,"msg":"turn done","ms":12.5}',
      '{"at":"2026-11-21T14:30:00.000Z","msg":"Tanya is listening on http://127.0.0.1:41234"}',
      `{"nik":"${registrationNik(9)}"}`,
    );
    expect(scanner.lines).toBe(4);
    expect(scanner.leakCount).toBe(0);
  });

  it('knows the usual ways a mobile number is written', () => {
    expect(phoneForms('0812-3456-7890')).toEqual(['081234567890', '6281234567890', '81234567890']);
    expect(phoneForms('+62 812 3456 7890')).toEqual(['081234567890', '6281234567890', '81234567890']);
  });
});
