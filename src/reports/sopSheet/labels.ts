/**
 * The words of the sheet. The sheet is an official Indonesian document (Permenpan RB layout), so
 * it is in Indonesian whatever language the app is shown in.
 */
export const sheetLabels = {
  heading: 'Standar Operasional Prosedur (SOP)',
  number: 'Nomor SOP',
  dateMade: 'Tanggal Pembuatan',
  dateRevised: 'Tanggal Revisi',
  dateEffective: 'Tanggal Efektif',
  approvedBy: 'Disahkan oleh',
  title: 'Nama SOP',
  legalBasis: 'Dasar Hukum',
  qualifications: 'Kualifikasi Pelaksana',
  related: 'Keterkaitan',
  equipment: 'Peralatan/Perlengkapan',
  warnings: 'Peringatan',
  records: 'Pencatatan dan Pendataan',
  no: 'No',
  activity: 'Aktivitas',
  performers: 'Pelaksana',
  quality: 'Mutu Baku',
  input: 'Input',
  requirement: 'Persyaratan/ Kelengkapan',
  time: 'Waktu',
  output: 'Output',
  remarks: 'Keterangan',
  procedureTitle: (title: string) => `SOP ${title}`,
  versionShort: (version: number) => `versi ${version}`,
  versionNote: (key: string, version: number, deployedAt: string) =>
    `Dibuat dari diagram ${key} versi ${version}, dipasang ${deployedAt}. Waktu dihitung dalam waktu kerja.`,
  page: (n: number, of: number) => `Halaman ${n} dari ${of}`,
};
