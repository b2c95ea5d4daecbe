/**
 * Everyday words outside this help desk's domain (the project's own list). They are real words, so
 * the spelling corrector must never "fix" them into domain words (`mobil` is a car, not `mobile`;
 * `masak` is cooking, not `masuk`). They carry no special weight in retrieval.
 */
import { wordList } from './words.js';

/** Common Indonesian words from everyday topics (food, transport, weather, shopping, media, …). */
export const COMMON_ID: readonly string[] = wordList(`
mobil motor sepeda kereta pesawat kapal bus angkot taksi tiket stasiun bandara terminal jalan tol macet bensin solar parkir
masak resep makan minum nasi goreng sate soto bakso mie ayam ikan sapi kambing daging sayur buah kue roti sambal rendang
gulai kopi teh susu gula garam minyak beras telur tahu tempe bumbu dapur restoran warung kantin lapar haus enak pedas manis
cuaca hujan panas dingin angin banjir gempa badai mendung cerah musim suhu
bola sepak futsal basket badminton voli liga piala juara skor pertandingan klub pemain gol atlet olahraga renang lari senam
film lagu musik konser artis penyanyi drama sinetron video game main mainan youtube tiktok instagram facebook twitter
belanja toko pasar mall diskon promo harga murah mahal barang baju celana sepatu tas jam cincin emas perak berlian
listrik air gas pln pdam tagihan pulsa kuota internet wifi sinyal laptop komputer televisi kulkas kipas lampu
sekolah guru murid siswa mahasiswa kampus ujian nilai rapor pelajaran ilmu buku pensil
dokter perawat obat apotek vitamin demam batuk pilek flu covid virus
presiden menteri gubernur bupati walikota camat lurah polisi tentara pemilu partai politik berita koran
paspor visa sim stnk bpkb pajak kendaraan samsat dukcapil imigrasi kelurahan kecamatan prakerja bansos blt pkh pns cpns
asn tni polri lowongan loker wawancara lamaran melamar interview gajian
zodiak ramalan mimpi jodoh cinta pacar nikah cerai puisi cerita lelucon lucu
rumah kamar kontrakan kos sewa tanah bangunan renovasi genteng tembok
anjing kucing burung hewan tanaman bunga pohon kebun sawah
pagi siang sore malam besok lusa minggu senin selasa rabu kamis jumat sabtu januari februari maret april mei juni juli
agustus september oktober november desember lebaran natal imlek puasa ramadan idul fitri adha libur cuti liburan wisata
pantai gunung hotel villa
kabar apa kabar halo
`);

/** Common English words from everyday topics. */
export const COMMON_EN: readonly string[] = wordList(`
car motorbike bike train plane flight ship bus taxi ticket station airport road traffic fuel petrol parking
cook cooking recipe food eat drink rice chicken beef fish egg vegetable fruit cake bread coffee tea milk sugar salt
restaurant hungry spicy sweet weather rain sunny cold hot wind flood earthquake storm temperature
football soccer basketball badminton league cup champion score match team player goal sport swim run
movie film song music concert artist singer drama video game play toy youtube tiktok
shopping shop market mall discount promo price cheap expensive clothes shoes bag watch ring gold silver
electricity water gas bill internet wifi signal laptop computer television phone number
teacher student university exam grade lesson book
president minister governor police army election party politics news newspaper
passport visa license tax vehicle immigration
zodiac horoscope dream love girlfriend boyfriend poem story joke funny
room rent land building renovation dog cat bird animal plant flower tree garden
morning afternoon evening night tomorrow monday tuesday wednesday thursday friday saturday sunday holiday vacation
beach mountain hotel capital country city recommend weather today
`);
