import { lang } from '../i18n';

/**
 * Bahasa Indonesia for the strings of bpmn-js and its properties panel that a process owner meets
 * most (palette, context pad, the panel's groups and common fields). Others stay in English. The
 * language is read when the editor opens.
 */
const id: Record<string, string> = {
  'Activate hand tool': 'Alat geser kanvas',
  'Activate lasso tool': 'Alat pilih (laso)',
  'Activate create/remove space tool': 'Alat tambah/hapus ruang',
  'Activate global connect tool': 'Alat hubungkan',
  'Create start event': 'Buat peristiwa awal',
  'Create intermediate/boundary event': 'Buat peristiwa antara/batas',
  'Create end event': 'Buat peristiwa akhir',
  'Create gateway': 'Buat gerbang keputusan',
  'Create task': 'Buat tugas',
  'Create expanded sub-process': 'Buat sub-proses',
  'Create data object reference': 'Buat objek data',
  'Create data store reference': 'Buat penyimpanan data',
  'Create pool/participant': 'Buat kolam (pool)',
  'Create group': 'Buat grup',
  'Append end event': 'Tambah peristiwa akhir',
  'Append gateway': 'Tambah gerbang keputusan',
  'Append task': 'Tambah tugas',
  'Append intermediate/boundary event': 'Tambah peristiwa antara/batas',
  'Append timer intermediate catch event': 'Tambah peristiwa tunggu waktu',
  'Add text annotation': 'Tambah catatan',
  'Add lane above': 'Tambah lajur di atas',
  'Add lane below': 'Tambah lajur di bawah',
  'Divide into two lanes': 'Bagi menjadi dua lajur',
  'Divide into three lanes': 'Bagi menjadi tiga lajur',
  'Change element': 'Ubah jenis elemen',
  'Connect to other element': 'Hubungkan ke elemen lain',
  Delete: 'Hapus',
  General: 'Umum',
  Documentation: 'Dokumentasi',
  'Element documentation': 'Dokumentasi elemen',
  'Process documentation': 'Dokumentasi proses',
  'User assignment': 'Penugasan',
  Assignee: 'Penerima tugas',
  'Candidate groups': 'Kelompok kandidat',
  'Candidate users': 'Pengguna kandidat',
  'Due date': 'Batas waktu',
  'Follow up date': 'Tanggal tindak lanjut',
  Priority: 'Prioritas',
  Forms: 'Formulir',
  'Task listeners': 'Pendengar tugas',
  'Execution listeners': 'Pendengar eksekusi',
  'Extension properties': 'Properti tambahan',
  'Asynchronous continuations': 'Kelanjutan asinkron',
  'Job execution': 'Eksekusi job',
  Inputs: 'Masukan',
  Outputs: 'Keluaran',
  Timer: 'Timer',
  Type: 'Jenis',
  Name: 'Nama',
  Value: 'Nilai',
  ID: 'ID',
  Executable: 'Dapat dijalankan',
  'Version tag': 'Tanda versi',
  'History cleanup': 'Pembersihan riwayat',
  Tasklist: 'Daftar tugas',
  'Candidate starter': 'Pemulai kandidat',
  'External task': 'Tugas eksternal',
  Condition: 'Kondisi',
  'Condition expression': 'Ekspresi kondisi',
  Duration: 'Durasi',
  Date: 'Tanggal',
  Cycle: 'Siklus',
  'Toggle linting overlays': 'Tampilkan/sembunyikan hasil pemeriksaan',
  'Issues for child elements': 'Masalah pada elemen di dalamnya',
};

function translate(template: string, replacements?: Record<string, string>): string {
  const text = (lang.get() === 'id' ? id[template] : undefined) ?? template;
  return replacements ? text.replace(/{([^}]+)}/g, (m, key: string) => replacements[key] ?? m) : text;
}

export const TranslateModule = { translate: ['value', translate] };
