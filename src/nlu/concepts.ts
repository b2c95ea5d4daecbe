/**
 * Conversational concepts: the open, regional vocabulary of small talk and chat commands ("kamsia",
 * "hatur nuhun", "he'em", "ora sido", "wangsul") folded into a few concept features the classifier
 * reads beside the words. The examples of an intent cannot list every way Indonesians say thank you
 * in five languages; a word the examples never used still carries its concept, and counts as known
 * (not as evidence that the message is about something else).
 *
 * These are features, not rules: "mau" is a yes after an offer and part of a request in "mau daftar";
 * the trained model weighs the concept against everything else in the message.
 */

/** The concepts, each a feature `k:<name>`. */
export type Concept =
  | 'greet'
  | 'thanks'
  | 'bye'
  | 'yes'
  | 'no'
  | 'person'
  | 'stop'
  | 'back'
  | 'menu'
  | 'help'
  | 'confused'
  | 'language'
  | 'lang_en'
  | 'lang_id'
  | 'forget'
  | 'unsure'
  /** A yes-word right after a no-word ("ga setuju"): set by the matcher, not a word list. */
  | 'negated';

/** Words and phrases (folded tokens, a phrase's words separated by spaces) of each concept, comma-separated. */
export const CONCEPT_WORDS: Readonly<Record<Exclude<Concept, 'negated'>, string>> = {
  // Longest phrase wins: "not sure" is unsure, not a no and a yes.
  unsure:
    'not sure, ga yakin, gak yakin, nggak yakin, tidak yakin, kurang yakin, belum yakin, ' +
    'ragu, entah, entahlah, gatau, ga tau, gak tau, nggak tau, ngga tau, tidak tahu, ' +
    'ndak tahu, mboh, embuh, teuing, dunno, idk, i do not know, ' +
    'umm',
  greet:
    'halo, hallo, helo, hello, hai, hay, hi, hey, hei, hej, oi, oy, woy, woi, yo, hola, ' +
    'howdy, greetings, pagi, siang, sore, malam, malem, morning, afternoon, evening, ' +
    'assalamualaikum, assalamu alaikum, asalamualaikum, assalamu, alaikum, aslmkm, askum, ' +
    'ass wr wb, salam, shalom, syalom, permisi, punten, sampurasun, kulonuwun, kula nuwun, ' +
    'horas, swastiastu, namo buddhaya, rahayu, apa kabar, how are you, wilujeng, sugeng, ' +
    'met pagi, sapa, nyapa',
  thanks:
    'makasih, makasi, makacih, maaciw, macih, mksh, mks, mkasih, trims, trimakasih, trimksh, ' +
    'terimakasih, terima kasih, trm ksh, tks, tq, tqvm, thx, thanks, thank, thanku, tengkyu, ' +
    'tenkyu, tengkiu, ty, tysm, nuhun, hatur nuhun, suwun, matur nuwun, maturnuwun, kamsia, ' +
    'gamsahamnida, syukron, jazakallah, arigato, appreciate, appreciated, cheers, berterima, ' +
    'grateful, makasi banyak',
  bye:
    'bye, bay, babay, bubye, byee, dadah, daah, dah, dadaa, pamit, pamitan, sampai jumpa, ' +
    'smp jumpa, sampai nanti, sampai ketemu, jumpa lagi, see you, see ya, cya, ttyl, later, ' +
    'wassalam, wassalamualaikum, wasalam, selamat tinggal, good night, goodnight, farewell, ' +
    'take care, pareng, cao, cabut, gotta go, undur diri, istirahat, tidur',
  yes:
    'ya, iya, iye, iyo, y, yes, yep, yup, yups, yeah, yea, ok, oke, okay, okey, okeh, okk, ' +
    'oki, sip, siap, gas, gaskeun, boleh, bole, mau, betul, bener, benar, inggih, nggih, ' +
    'njih, muhun, enya, heeh, he em, hooh, leres, sure, alright, absolutely, definitely, ' +
    'certainly, correct, lanjut, lanjutkan, setuju, agree, deal, yoi, ayo, ayok, yuk, hayuk, ' +
    'proceed, continue, go ahead, of course, tentu, pasti, gass, cus, kuy, please do, ' +
    'sounds good, mangga',
  no:
    'tidak, tdk, nggak, ngga, enggak, engga, gak, ga, gk, g, ndak, nda, kagak, kaga, ogah, ' +
    'moh, ora, mboten, henteu, teu, no, nope, nah, nay, jangan, jgn, gausah, gaush, ga usah, ' +
    'nggak usah, tidak usah, ndak usah, skip, belum, blm, not, negative, tak, bukan, nanti, ' +
    'ntar, later, pass, lain kali, no thanks, not now, no need, dont',
  person:
    'petugas, agen, agent, cs, customer service, admin, operator, staf, staff, pegawai, ' +
    'orang, manusia, human, person, representative, officer, supervisor, live chat, ' +
    'livechat, someone, somebody, real person, orang asli, karyawan bpjs, atasan, manager, ' +
    'manajer, support, teller, helpdesk, call center, callcenter',
  stop:
    'batal, batalkan, batalin, cancel, cancelled, gajadi, ga jadi, gak jadi, nggak jadi, ' +
    'tidak jadi, ora sido, abort, quit, stop, stopp, hentikan, berhenti, udahan, ' +
    'sudahi, akhiri, keluar, exit, never mind, nevermind, forget it, call off, call it off, ' +
    'scrap, drop, abandon, end, terminate, halt, changed my mind, urungkan, wurung',
  back:
    'kembali, balik, back, mundur, sebelumnya, previous, prev, undo, wangsul, deui, ralat, ' +
    'koreksi, correction, correct it, salah, keliru, kliru, typo, kepencet, mistake, wrong, ' +
    'go back, step back, ulang, ulangi, revisi, benerin, misspelled, fix',
  menu:
    'menu, mnu, menune, beranda, home, utama, awal, start, restart, mulai, main menu, ' +
    'halaman utama, pilihan, options, layanan, fitur, features, dashboard, start over, ' +
    'from the top',
  help:
    'bantuan, help, tolong, tulung, sos, panduan, petunjuk, guide, instructions, tutorial, ' +
    'contoh, example, format, cara pakai, how to use, usage, ngapain, bisa apa, ' +
    'what can you do',
  confused:
    'bingung, lieur, mudeng, ngerti, paham, ngarti, understand, confused, confusing, huh, ' +
    'hah, heh, kumaha, piye, pusing, ga nyambung, nyambung, maksudnya, what does that mean, ' +
    'dont get it, lost',
  language: 'bahasa, bhs, basa, boso, language, lang, translate, terjemah, terjemahkan, speak, ' + 'ngomong',
  lang_en: 'inggris, inggeris, inggirs, english, englis, eng, en, enggres, britsh',
  lang_id: 'indonesia, indonesian, indo, indon, id, melayu, lokal, bahasa indonesia',
  forget: 'hapus, hapuskan, hapusin, delete, remove, erase, forget me, lupakan, musnahkan, wipe, ' + 'purge',
};

/** Letters doubled by chat spelling ("iyaa", "gass", "helpp") count once. */
export function squeeze(word: string): string {
  return word.replace(/(\p{L})\1+/gu, '$1');
}

/** Phrase (squeezed tokens joined by spaces) → its concepts; and the longest phrase length. */
const PHRASES = new Map<string, Concept[]>();
let longestPhrase = 1;
for (const [concept, list] of Object.entries(CONCEPT_WORDS) as [Concept, string][]) {
  for (const word of list.split(',').map((entry) => entry.trim())) {
    const tokens = word.split(' ').map(squeeze);
    longestPhrase = Math.max(longestPhrase, tokens.length);
    const key = tokens.join(' ');
    const list = PHRASES.get(key) ?? [];
    if (!list.includes(concept)) list.push(concept);
    PHRASES.set(key, list);
  }
}

/** One concept found in a message, at token `start` (inclusive) to `end` (exclusive). */
export interface ConceptMatch {
  concept: Concept;
  start: number;
  end: number;
}

/**
 * The concepts in a message's plain tokens, longest phrase first at each position.
 *
 * @example conceptsIn(['hatur', 'nuhun', 'kang']) // [{ concept: 'thanks', start: 0, end: 2 }]
 */
export function conceptsIn(tokens: readonly string[]): ConceptMatch[] {
  const squeezed = tokens.map(squeeze);
  const found: ConceptMatch[] = [];
  for (let start = 0; start < squeezed.length;) {
    let matched = 0;
    for (let n = Math.min(longestPhrase, squeezed.length - start); n >= 1 && !matched; n--) {
      const concepts = PHRASES.get(squeezed.slice(start, start + n).join(' '));
      if (!concepts) continue;
      for (const concept of concepts) found.push({ concept, start, end: start + n });
      matched = n;
    }
    start += matched || 1;
  }
  return negateYes(found);
}

/**
 * A yes right after a no ("ga setuju", "tidak mau", "not ok") is a no: the yes-word becomes
 * `negated` (a refusal), so it adds nothing to the yes it would otherwise carry.
 */
function negateYes(found: ConceptMatch[]): ConceptMatch[] {
  const negatedAt = new Set(
    found
      .filter((m) => m.concept === 'yes' && found.some((n) => n.concept === 'no' && n.end === m.start))
      .map((m) => m.start),
  );
  if (!negatedAt.size) return found;
  return found.map((m) => (m.concept === 'yes' && negatedAt.has(m.start) ? { ...m, concept: 'negated' } : m));
}

/** Flags that name a language: the UK, the US, Australia and Indonesia. */
const FLAG_CONCEPTS: ReadonlyMap<string, Concept> = new Map([
  ['\u{1F1EC}\u{1F1E7}', 'lang_en'],
  ['\u{1F1FA}\u{1F1F8}', 'lang_en'],
  ['\u{1F1E6}\u{1F1FA}', 'lang_en'],
  ['\u{1F1EE}\u{1F1E9}', 'lang_id'],
]);

/** The language concepts of the flags in a text ("🇬🇧" → `lang_en`), in order. */
export function flagConcepts(text: string): Concept[] {
  return [...text.matchAll(/\p{Regional_Indicator}{2}/gu)].flatMap((m) => {
    const concept = FLAG_CONCEPTS.get(m[0]);
    return concept ? [concept] : [];
  });
}
