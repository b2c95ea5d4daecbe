/**
 * Every way an answer of the BPU registration form can be rejected, with the message the user gets,
 * and proof that the answers given before are kept.
 */
import { describe, it } from 'vitest';
import { converse, type Conversation } from '../helpers/converse.js';
import { createTestEngine } from '../helpers/engine.js';
import { NIK, NIK_MAN, PHONE, startSelf } from '../helpers/bpu.js';

const DIALOG = 'bpu-registration';

/** A new conversation at the NIK question. */
function atNik(): Conversation {
  return startSelf(converse(createTestEngine().engine));
}

/** A new conversation at the given question, with the usual answers before it. */
function at(step: 'birthdate' | 'phone' | 'occupation' | 'city' | 'income', nik = NIK): Conversation {
  const conversation = atNik().user(nik).user('Siti Aminah');
  if (step === 'birthdate') return conversation.expectAwaiting(DIALOG, 'birthdate');
  conversation.user(nik === NIK ? '1 Januari 1990' : '17-08-1985');
  if (step === 'phone') return conversation.expectAwaiting(DIALOG, 'phone');
  conversation.user(PHONE);
  if (step === 'occupation') return conversation.expectAwaiting(DIALOG, 'occupation');
  conversation.user('2');
  if (step === 'city') return conversation.expectAwaiting(DIALOG, 'city');
  return conversation.user('jaksel').expectAwaiting(DIALOG, 'income');
}

/** Finishes the form from `income` and checks the summary still has the earlier answers. */
function finishKeepsAnswers(conversation: Conversation): Conversation {
  return conversation
    .expectAwaiting(DIALOG, 'programs')
    .user('1')
    .expectAwaiting(DIALOG, 'confirm')
    .expectText('************0001')
    .expectText('Siti Aminah')
    .expectText('1 Januari 1990');
}

describe('BPU registration: NIK', () => {
  it.each([
    ['317101410190', 'NIK harus 16 digit, yang Anda ketik 12 digit.'],
    ['31710141019000012', 'NIK harus 16 digit, yang Anda ketik 17 digit.'],
    ['3171O14101900001', 'NIK hanya berisi angka.'],
    ['9971014101900001', 'Dua digit pertama NIK (99) bukan kode provinsi yang berlaku.'],
    [
      '3171014113900001',
      'Digit ke-7 sampai ke-12 NIK (tanggal, bulan, tahun lahir) tidak membentuk tanggal yang benar.',
    ],
    ['3171013202900001', 'Digit ke-7 sampai ke-12 NIK'],
    ['3171014101900000', 'Empat digit terakhir NIK tidak mungkin 0000.'],
  ])('%s is rejected: %s', async (nik, message) => {
    await atNik()
      .user(nik)
      .expectText(message)
      .expectText('Ketik NIK Anda (16 digit, ada di KTP).')
      .expectAwaiting(DIALOG, 'nik');
  });

  it('accepts a NIK typed in groups', async () => {
    await atNik().user('317101 410190 0001').expectAwaiting(DIALOG, 'name');
  });

  it('refuses registrants of 65 or older (by the NIK) and explains why', async () => {
    await atNik()
      .user('3171014101600001')
      .expectText(
        'peserta BPU harus berusia di bawah 65 tahun saat mendaftar. Menurut NIK ini usianya 66 tahun',
      )
      .expectAwaiting(DIALOG, 'nik')
      .user('3171014101610001')
      .expectText('usianya 65 tahun')
      .expectAwaiting(DIALOG, 'nik')
      .user('3171014101620001')
      .expectAwaiting(DIALOG, 'name');
  });

  it('a file instead of a NIK asks for text', async () => {
    await atNik()
      .send({
        kind: 'document',
        file: { ref: '/tmp/ktp.pdf', mime: 'application/pdf', name: 'ktp.pdf', size: 10 },
      })
      .expectText('Mohon jawab dengan mengetik teks.')
      .expectAwaiting(DIALOG, 'nik');
  });

  it('after three invalid answers offers a way out, and the form goes on where it was', async () => {
    await atNik()
      .user('123')
      .user('456')
      .user('789')
      .expectChoices(['retry', 'intent:menu', 'intent:agent'])
      .choose('retry')
      .expectAwaiting(DIALOG, 'nik')
      .user(NIK)
      .expectAwaiting(DIALOG, 'name');
  });
});

describe('BPU registration: name', () => {
  it.each([['1'], ['123 456'], ['S'], ['Siti <script>']])('%s is not a name', async (name) => {
    await atNik()
      .user(NIK)
      .user(name)
      .expectText('Nama hanya boleh berisi huruf, spasi, titik, koma, apostrof, atau tanda hubung')
      .expectAwaiting(DIALOG, 'name');
  });

  it("accepts names with apostrophes, dots and hyphens (Ni Luh Ayu', Moh. Ma'ruf)", async () => {
    await atNik().user(NIK).user("Moh. Ma'ruf Al-Amin").expectAwaiting(DIALOG, 'birthdate');
  });
});

describe('BPU registration: birth date against the NIK', () => {
  it('names the day, with the +40 note for women', async () => {
    await at('birthdate')
      .user('2 Januari 1990')
      .expectText('Tanggal lahir ini tidak cocok dengan NIK: tanggal berbeda.')
      .expectText('pada NIK perempuan, tanggal lahir ditambah 40')
      .expectChoices(['bpu:fix_nik'])
      .expectAwaiting(DIALOG, 'birthdate');
  });

  it('names the month', async () => {
    await at('birthdate')
      .user('01-02-1990')
      .expectText('tidak cocok dengan NIK: bulan berbeda.')
      .expectNoText('ditambah 40');
  });

  it('names the year', async () => {
    await at('birthdate').user('1 Januari 1991').expectText('tidak cocok dengan NIK: tahun berbeda.');
  });

  it('names several parts together; a man gets no +40 note', async () => {
    await at('birthdate', NIK_MAN)
      .user('18-09-1985')
      .expectText('tidak cocok dengan NIK: tanggal dan bulan berbeda.')
      .expectNoText('ditambah 40');
  });

  it.each([
    ['abc', 'Format tanggalnya belum saya kenali.'],
    ['maret 1990', 'Mohon tulis tanggal lahir lengkap (tanggal, bulan, dan tahun)'],
    ['31-02-1990', 'Tanggal itu tidak ada di kalender.'],
    ['01-01-2090', 'Tanggal lahir tidak mungkin di masa depan.'],
  ])('%s: %s', async (date, message) => {
    await at('birthdate').user(date).expectText(message).expectAwaiting(DIALOG, 'birthdate');
  });

  it('"Perbaiki NIK" goes back to the NIK, then to the birth date again', async () => {
    await at('birthdate')
      .user('17-08-1985')
      .choose('bpu:fix_nik')
      .expectAwaiting(DIALOG, 'nik')
      .user(NIK_MAN)
      .expectAwaiting(DIALOG, 'birthdate')
      .user('17-08-1985')
      .expectAwaiting(DIALOG, 'phone');
  });
});

describe('BPU registration: phone', () => {
  it.each([
    ['12345', 'Nomor HP belum benar.'],
    ['0215551234', 'Itu sepertinya nomor telepon rumah/kantor.'],
    ['+6581234567', 'Mohon tulis nomor HP Indonesia (diawali 08 atau +62)'],
  ])('%s: %s', async (phone, message) => {
    await at('phone').user(phone).expectText(message).expectAwaiting(DIALOG, 'phone');
  });

  it('accepts +62 and 62 forms', async () => {
    await at('phone').user('+62 812 3456 7890').expectAwaiting(DIALOG, 'occupation');
  });
});

describe('BPU registration: occupation', () => {
  it('reads informal names of the listed occupations', async () => {
    await at('occupation').user('ojol').expectAwaiting(DIALOG, 'city');
  });

  it('rejects an answer without words', async () => {
    await at('occupation')
      .user('12')
      .expectText('Mohon pilih dari daftar, atau ketik nama pekerjaannya')
      .expectAwaiting(DIALOG, 'occupation');
  });
});

describe('BPU registration: kabupaten/kota', () => {
  it('an unknown place is asked again, naming what was typed', async () => {
    await at('city')
      .user('Zzyzxville')
      .expectText('"Zzyzxville" belum saya kenali sebagai kabupaten/kota')
      .expectAwaiting(DIALOG, 'city');
  });

  it('an ambiguous place ("Tangerang") becomes choices', async () => {
    await at('city')
      .user('Tangerang')
      .expectText('Ada beberapa kabupaten/kota untuk "Tangerang". Yang mana?')
      .expectChoices(['city:3671', 'city:3603', 'city:3674', 'city:none'], true)
      .expectAwaiting(DIALOG, 'city')
      .user('2')
      .expectAwaiting(DIALOG, 'income')
      .user('2 juta')
      .user('1')
      .expectText('Kabupaten Tangerang, Banten');
  });

  it('"none of these" asks the question again; a typed name still works', async () => {
    await at('city')
      .user('Tangerang')
      .choose('city:none')
      .expectText('Di kabupaten/kota mana Anda tinggal?')
      .user('Kota Tangerang Selatan')
      .expectAwaiting(DIALOG, 'income');
  });

  it('a province alone asks for the kabupaten/kota', async () => {
    await at('city')
      .user('Jawa Barat')
      .expectText('Jawa Barat itu provinsi. Mohon tulis kabupaten/kotanya')
      .expectAwaiting(DIALOG, 'city');
  });

  it('a kecamatan counts as its kabupaten/kota', async () => {
    await at('city')
      .user('Penjaringan')
      .expectText('Baik, Penjaringan ada di Kota Jakarta Utara.')
      .expectAwaiting(DIALOG, 'income');
  });
});

describe('BPU registration: income', () => {
  it.each([
    ['Jawa Barat', 'Angkanya belum saya pahami.'],
    ['2-3 juta', 'Mohon tulis satu angka saja'],
    ['2', '"2" itu ribu atau juta?'],
    ['100rb per hari', 'Mohon tulis penghasilan per *bulan*.'],
    ['0', 'Pendaftaran BPU untuk orang yang bekerja dan berpenghasilan.'],
    ['-2 juta', 'Penghasilan tidak bisa minus.'],
    ['5 miliar', 'Angkanya terlalu besar untuk penghasilan per bulan.'],
  ])('%s: %s, and nothing earlier is lost', async (income, message) => {
    await finishKeepsAnswers(
      at('income').user(income).expectText(message).expectAwaiting(DIALOG, 'income').user('2 juta'),
    );
  });

  it('below Rp1 juta is raised to the minimum, with an explanation', async () => {
    await at('income')
      .user('750rb')
      .expectText('Penghasilan Rp750.000 per bulan di bawah batas minimal BPU.')
      .expectText('dihitung dari penghasilan minimal Rp1.000.000 per bulan')
      .user('2')
      .expectText('- JKK (1%): Rp10.000')
      .expectText('- JHT (2%): Rp20.000')
      .expectText('*Total: Rp36.800/bulan*');
  });
});
