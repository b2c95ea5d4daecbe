import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { maskPersonalNumbers } from '../../src/log/mask.js';
import { createLogger } from '../../src/log/logger.js';

describe('masking personal numbers', () => {
  it('keeps only the last 4 digits of a NIK, with or without separators', () => {
    expect(maskPersonalNumbers('nik 3171014101900001 ok')).toBe('nik ************0001 ok');
    expect(maskPersonalNumbers('3171 0141 0190 0001')).toBe('************0001');
  });

  it('masks Indonesian phone numbers in every common form', () => {
    for (const phone of ['081234567890', '+6281234567890', '6281234567890', '0812-3456-7890']) {
      const masked = maskPersonalNumbers(`call ${phone} now`);
      expect(masked).not.toMatch(/3456/);
      expect(masked).toMatch(/890 now$/);
    }
  });

  it('leaves short numbers and amounts alone', () => {
    expect(maskPersonalNumbers('Rp66.800 on 2026-11-21, 3 items')).toBe('Rp66.800 on 2026-11-21, 3 items');
  });

  it('never lets a 16-digit number through', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[1-9]\d{15}$/), fc.string(), (nik, around) => {
        const masked = maskPersonalNumbers(`${around} ${nik} ${around}`);
        expect(masked).not.toContain(nik);
      }),
    );
  });

  it('masks every line the logger writes, whatever field holds the number', () => {
    let output = '';
    const sink = new Writable({
      write(chunk, _encoding, done) {
        output += String(chunk);
        done();
      },
    });
    const log = createLogger('info', sink);
    log.info({ user: { nik: '3171014101900001', phone: '+6281234567890' } }, 'registered 3171014101900001');
    expect(output).not.toContain('3171014101900001');
    expect(output).not.toContain('81234567');
    expect(output).toContain('************0001');
  });
});

describe('masking other long numbers', () => {
  it('masks KPJ and bank account numbers but keeps ISO timestamps', () => {
    expect(maskPersonalNumbers('kpj 12345678901 rek 0123456789')).toBe('kpj *******8901 rek ******6789');
    expect(maskPersonalNumbers('"time":"2026-11-21T03:00:00.000Z"')).toBe(
      '"time":"2026-11-21T03:00:00.000Z"',
    );
  });
});
