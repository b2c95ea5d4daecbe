/**
 * Word classes used by retrieval: stopwords (dropped) and generic terms (kept for ranking but never
 * accepted as evidence that a question is about this domain). Lists are in standard spelling, i.e.
 * after `slang.ts` has been applied.
 */
import { wordList } from './words.js';

/** Indonesian function words, fillers and greetings. */
export const ID_STOPWORDS: ReadonlySet<string> = new Set(
  wordList(`
yang di ke dari dan atau ini itu apa apakah adalah ialah yaitu yakni saya kamu anda dia ia kami kita
mereka beliau nya ku mu sih dong deh kok ya yah yaa kah lah pun nih tuh kan loh lho toh nah wah dengan
untuk pada oleh dalam tentang terhadap kepada daripada sebagai antara juga saja lagi sudah telah akan
sedang bisa mau ingin harus boleh perlu tidak ada jadi karena kalau agar supaya sama seperti hal para
tersebut sangat banget sekali lebih paling terus lalu kemudian tetapi namun hanya cuma dll dsb ok oke
okay halo salam selamat pagi siang sore malam terimakasih tolong kak admin aja gitu begitu begini gini
sini situ sana mohon maaf nanti kemarin tadi besok sekarang semua setiap tiap banyak beberapa sesuatu
masing dapatkah bolehkah haruskah tanya bertanya pertanyaan info informasi mengenai soal kira kiranya
mungkin tentu pasti memang bahwa agak cukup udah punya lewat orang aku diri sendiri kalian saat ketika
sewaktu sambil
`),
);

/** English function words. */
export const EN_STOPWORDS: ReadonlySet<string> = new Set(
  wordList(`
a an the is are was were be been being am do does did done doing i me my mine myself you your yours we
our us they them their he him his she her it its this that these those to of in on at for from by with
about as and or but if so than then can could would should will shall may might must have has had having
what which there here any some please hi hello hey thanks thank just also not no yes ok okay want need
like into onto over via through too very really good great nice best much many more most again going get
got getting let know tell question someone something anything else while information regarding way kind
sort type only own possible such until all each every other one
`),
);

/**
 * Generic terms in canonical form: they help rank (how vs how much vs when) but say nothing about
 * whether a question belongs to this help desk ("cara masak rendang" is not a BPJS question).
 */
export const GENERIC_TERMS: ReadonlySet<string> = new Set(
  wordList(`
baru masih belum bukan kena dapat lihat tahu minta pakai hari bulan tahun jam minggu buat bikin kasih
beri tanggal besar kecil banyak benar salah baik bantu coba mulai ikut jalan pergi pulang datang uang
ribu juta rupiah nomor langkah kerja online indonesia negara kota rumah harga murah mahal cepat sulit
mudah
`),
);

/**
 * Question-intent words in canonical form (how, how much, when, where, why, who, how long): weak
 * evidence of the domain, but they separate "what is JKP" from "how much is JKP".
 */
export const INTENT_TERMS: ReadonlySet<string> = new Set([
  'cara',
  'berapa',
  'lama',
  'kapan',
  'dimana',
  'mengapa',
  'siapa',
  'langkah',
]);
