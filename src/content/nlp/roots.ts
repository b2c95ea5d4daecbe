/**
 * A small hand-written lexicon for the stemmer (the project's own; no third-party dictionary).
 *
 * - `ROOTS`: known Indonesian root words from this domain. They stop stripping early and resolve
 *   nasal assimilation (`meng+irim` → `kirim`, not `irim`; `pe+nipu` → `tipu`).
 * - `UNSTEMMABLE`: words that look affixed but are not (`peserta` is not `pe+serta`).
 */
import { wordList } from './words.js';

/** Known root words (standard spelling). */
export const ROOTS: ReadonlySet<string> = new Set(
  wordList(`
adu aju ajar akhir aktif ambil amal anggap antar atur awas bagi baik banding bantu baru batal bayar
benar bener beri buat buka cabut cair campur capai cari catat cek celaka cetak coba cocok daftar dapat
datang dengar duga gabung gagal ganti guna hadap hapus hasil henti hilang hitung hubung ikut ingat isi
jadi jalan jamin jawab jelas jual kabar kasih kelola kembali kena kenal kerja kirim klaim kumpul kurang
lahir laku lambat lanjut lapor layan lengkap lihat lindung lupa lunas masuk mati milik minta mohon mudah
mulai nikah nilai nonaktif nyata obat pakai pecat pegang pengaruh percaya perintah periksa perlu pilih
pindah pinjam potong proses pulang punya rawat rugi sakit salah sama sambung sebut sedia sehat selesai
serah setor simpan sulit tabung tagih tahan tahu tambah tanda tanggung tanya tarik telat tempat tentu
terang terima terus tetap tinggal tipu tolak tolong tuju tulis tunggak tunggu tunjuk ubah uang ulang
undur unduh unggah untung urus usaha verifikasi wajib waris rumah sekolah gaji upah kartu beli pasang
pesan perbarui baharu aman hidup panjang pendek tanggal bulan tahun minggu hari kali dukung lapang
timbang asuh didik tempuh tawar
`),
);

/** Words that look affixed but must be kept whole. */
export const UNSTEMMABLE: ReadonlySet<string> = new Set(
  wordList(`
peserta pensiun persen perlu pernah pertama penting pesan berapa belum bersama bukan kemarin kembali
keluarga keluar kepala kenapa mengapa mereka memang dimana disnaker dinas terima tetapi sertakan berkas
beasiswa berita pekan sekolah selama sesuai setelah sebelum sekarang semua sendiri sedang seperti sering
segera selain selesai diri dia kena perempuan permanen periode persero personalia pemerintah kecamatan
kelurahan kabupaten ketua kedua ketiga menteri kementerian teman tenaga tertib mungkin ingin yakin mesin
bensin izin admin login main lain latin online offline asing pusing kucing berat beras bersih benar
besar bekas berangkat belakang bekal tentang terhadap ternyata iuran paspor dokumen surat akta buku
rekening kantor cabang jadwal lapak asik sosialisasi vaksinasi dapatkah pengen pesangon selfie siapkerja
karyawan masalah istilah langkah
`),
);
