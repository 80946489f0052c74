import type { MonthlyReportDocument } from './monthly-document';
import { generatedText } from './monthly-document';
import { periodText } from './monthly-labels';

/** The report's notes and definitions (PDF's last page, the workbook's cover), in Bahasa Indonesia. */
export const NOTES = {
  confidentiality:
    'Laporan ini hanya memuat angka agregat. Jumlah 1 sampai 4 ditampilkan sebagai "<5" agar tidak ada angka yang dapat mengenali seseorang. Dokumen untuk keperluan forum koordinasi penanganan PPKS.',
  definitions: (d: MonthlyReportDocument): [string, string][] => [
    [
      'Periode dan zona waktu',
      `Periode laporan ${periodText(d.from, d.to)}: hari-hari kalender penuh menurut waktu setempat daerah (${d.zone}; WIB UTC+7, WITA UTC+8, WIT UTC+9). Kasus terbuka dan beban kasus dihitung pada saat laporan dibuat (${generatedText(d.generatedAt, d.zone)}).`,
    ],
    [
      'Sumber angka',
      'Semua angka berasal dari buku besar kasus Sinergi (ledger): catatan setiap kejadian kasus yang hanya dapat ditambah, tidak dapat diubah atau dihapus, dan setiap entrinya terkait dengan hash entri sebelumnya (hash-chained) sehingga perubahan dapat dideteksi. Angka dibaca dari tabel ringkasan yang diperbarui dalam transaksi yang sama dengan penulisan buku besar.',
    ],
    [
      'Penyamaran sel kecil ("<5")',
      'Jumlah 1 sampai 4 ditampilkan sebagai "<5". Bila dalam satu kolom hanya ada satu sel demikian, jumlah terkecil berikutnya juga disamarkan agar sel itu tidak dapat dihitung dari total. Median, persentil dan persentase yang dihitung dari kurang dari lima kasus, atau yang pembilangnya disamarkan, ditampilkan sebagai "–". Pada grafik, sel "<5" digambar sebagai batang bergaris putus-putus, bukan dengan panjang sebenarnya.',
    ],
    ['Anak', 'Orang yang berumur di bawah 18 tahun pada saat penerimaan (UU 35/2014), menurut umur atau perkiraan umur yang dicatat.'],
    ['Kategori PPKS', 'Kategori Pemerlu Pelayanan Kesejahteraan Sosial menurut Permensos 8/2012, ditetapkan pada asesmen. Satu kasus dapat memiliki lebih dari satu kategori; kasus yang belum diasesmen dicatat sebagai "Belum diasesmen".'],
    [
      'Ketepatan waktu',
      'Tanggapan pertama: dari penerimaan kasus sampai tindakan pertama petugas, dibandingkan dengan batas waktu protokol daerah. Tugas lembaga: diterima (diklaim) sebelum batas penerimaan dan diselesaikan sebelum batas penyelesaian. Sebuah tugas atau kasus dinilai setelah batasnya lewat atau setelah dijawab.',
    ],
    ['Kasus berulang', 'Kasus baru dalam periode yang orangnya (menurut register orang) sudah memiliki kasus lain yang dibuka dalam 12 bulan sebelumnya.'],
    ['Definisi lengkap', 'Definisi tepat setiap angka tercantum dalam dokumentasi Sinergi (docs/reports.md). Angka yang sama tersedia melalui API GET /reports/… dan dalam buku kerja XLSX yang menyertai laporan ini.'],
  ],
};
