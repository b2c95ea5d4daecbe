/**
 * jkp-check: eligibility with every reason, and the estimate, deadline and how to apply. The fake
 * clock reads 21 November 2026.
 */
import { describe, expect, it } from 'vitest';
import { converse } from '../helpers/converse.js';
import { createTestEngine } from '../helpers/engine.js';
import { monthsOf } from '../../src/dialogs/jkp-check.js';

describe('jkp-check', () => {
  it('estimates 60% of the capped wage for an eligible PHK: Rp7 juta → Rp3.000.000 a month', async () => {
    const { engine } = createTestEngine();
    await converse(engine)
      .choose('start:jkp-check')
      .expectAwaiting('jkp-check', 'phk_date')
      .user('1 oktober 2026')
      .expectAwaiting('jkp-check', 'reason')
      .user('saya di phk')
      .expectAwaiting('jkp-check', 'contract')
      .user('karyawan tetap')
      .expectAwaiting('jkp-check', 'months')
      .user('18 bulan')
      .expectAwaiting('jkp-check', 'wage')
      .user('7 juta')
      .expectText('*kemungkinan berhak*')
      .expectText(
        '*Rp3.000.000 per bulan* selama 6 bulan (60% dari upah Rp5.000.000), total sekitar Rp18.000.000',
      )
      .expectText('Batas pengajuan: *1 April 2027* (131 hari lagi)')
      .expectText('SIAPkerja')
      .expectText('di atas batas Rp5.000.000')
      .expectText('6 bulan iuran berturut-turut')
      .expectAwaiting(null);
  });

  it('uses the wage itself below the cap', async () => {
    const { engine } = createTestEngine();
    await converse(engine)
      .choose('start:jkp-check')
      .user('15-09-2026')
      .choose('jkp:phk')
      .choose('contract:pkwtt')
      .user('24')
      .user('Rp4.000.000')
      .expectText('*Rp2.400.000 per bulan*')
      .expectText('total sekitar Rp14.400.000')
      .expectNoText('di atas batas');
  });

  it('skips the contract question for PKWT reasons and asks for the contract when it ended early', async () => {
    const { engine } = createTestEngine();
    await converse(engine)
      .choose('start:jkp-check')
      .user('1 november 2026')
      .choose('jkp:pkwt_terminated_early')
      .expectAwaiting('jkp-check', 'months')
      .user('setahun')
      .user('5 juta')
      .expectText('*Rp3.000.000 per bulan*')
      .expectText('kontrak kerja (PKWT)');
  });

  it('explains every reason a worker is not eligible', async () => {
    const { engine } = createTestEngine();
    await converse(engine)
      .choose('start:jkp-check')
      .user('1 januari 2026')
      .choose('jkp:resign')
      .choose('contract:pkwtt')
      .user('10')
      .user('3 juta')
      .expectText('*belum memenuhi syarat*')
      .expectText('• JKP tidak berlaku untuk pekerja yang mengundurkan diri.')
      .expectText('• Iuran kurang: perlu minimal 12 bulan iuran dalam 24 bulan sebelum PHK.')
      .expectText('• Batas pengajuan sudah lewat (1 Juli 2026)')
      .expectText('saldo JHT tetap bisa Anda klaim')
      .expectNoText('Rp1.800.000');
  });

  it('does not cover a contract that ended on its date', async () => {
    const { engine } = createTestEngine();
    await converse(engine)
      .choose('start:jkp-check')
      .user('1 november 2026')
      .choose('jkp:pkwt_end_on_date')
      .user('20')
      .user('4 juta')
      .expectText('kontrak (PKWT) berakhir sesuai tanggalnya');
  });

  it('reprompts specific mistakes without losing answers', async () => {
    const { engine } = createTestEngine();
    await converse(engine)
      .choose('start:jkp-check')
      .user('bulan lalu')
      .expectText('tanggal lengkapnya')
      .user('1 oktober 2026')
      .choose('jkp:phk')
      .choose('contract:pkwt')
      .user('30')
      .expectText('0 sampai 24')
      .user('14')
      .user('4')
      .expectText('satuannya')
      .user('per hari 200 ribu')
      .expectText('per bulan')
      .user('4,5 juta')
      .expectText('*Rp2.700.000 per bulan*');
  });

  it('answers in English', async () => {
    const { engine } = createTestEngine();
    await converse(engine, { localeHint: 'en' })
      .choose('start:jkp-check')
      .user('1 October 2026')
      .choose('jkp:phk')
      .choose('contract:pkwtt')
      .user('18')
      .user('7 juta')
      .expectText('*Rp3.000.000 a month* for 6 months')
      .expectText('Deadline to apply: *1 April 2027*');
  });

  it('reads contribution months as typed', () => {
    expect(monthsOf('18')).toBe(18);
    expect(monthsOf('sekitar 14 bln')).toBe(14);
    expect(monthsOf('dua tahun')).toBe(24);
    expect(monthsOf('banyak')).toBeUndefined();
  });
});
