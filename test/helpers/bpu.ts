/**
 * Shared answers for BPU registration tests: a valid NIK (DKI Jakarta, a woman born 1 January 1990:
 * day 41 = 1 + 40) and conversations that fill the form up to a given point.
 */
import type { Conversation } from './converse.js';

/** Province 31 (DKI), regency 3171, district 317101, 41-01-90 (female, 1 Jan 1990), serial 0001. */
export const NIK = '3171014101900001';
/** Another valid NIK: a man born 17 August 1985 in Kota Bandung (3273). */
export const NIK_MAN = '3273011708850002';
/** A mobile number as users type it, and its E.164 form. */
export const PHONE = '0812-3456-7890';
export const PHONE_E164 = '+6281234567890';
/** The payer's mobile number in SERTAKAN tests. */
export const PAYER_PHONE = '085711112222';

/** Opens the form and gives consent for oneself: the conversation then awaits `nik`. */
export function startSelf(conversation: Conversation): Conversation {
  return conversation
    .choose('start:bpu-registration')
    .expectAwaiting('bpu-registration', 'mode')
    .user('1')
    .expectAwaiting('bpu-registration', 'consent')
    .user('ya')
    .expectAwaiting('bpu-registration', 'nik');
}

/** From `nik` to the summary with Rp2 juta and JHT (total Rp66.800), for oneself. */
export function fillSelf(conversation: Conversation, nik = NIK, birthDate = '1 Januari 1990'): Conversation {
  return conversation
    .user(nik)
    .expectAwaiting('bpu-registration', 'name')
    .user('Siti Aminah')
    .expectAwaiting('bpu-registration', 'birthdate')
    .user(birthDate)
    .expectAwaiting('bpu-registration', 'phone')
    .user(PHONE)
    .expectAwaiting('bpu-registration', 'occupation')
    .user('2')
    .expectAwaiting('bpu-registration', 'city')
    .user('jaksel')
    .expectAwaiting('bpu-registration', 'income')
    .user('2 juta')
    .expectAwaiting('bpu-registration', 'programs')
    .user('2')
    .expectAwaiting('bpu-registration', 'confirm');
}
