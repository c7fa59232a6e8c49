import type { District } from './opds';

/**
 * The regional government agencies (OPD/SKPD) of the two districts, as seeded into `opds` on
 * start. Seeding only adds missing codes, so names or `active` changed through the API stay.
 * Kapuas codes are bare (`dinkes`); Kapuas Hulu codes carry `kph-` so one catalogue holds both.
 */
export interface OpdSeed {
  code: string;
  name: string;
  district: District;
}

const kapuas: [string, string][] = [
  ['setda', 'Sekretariat Daerah'],
  ['setwan', 'Sekretariat DPRD'],
  ['inspektorat', 'Inspektorat'],
  ['disdik', 'Dinas Pendidikan'],
  ['dinkes', 'Dinas Kesehatan'],
  ['rsud', 'RSUD dr. H. Soemarno Sosroatmodjo Kuala Kapuas'],
  ['dpupr', 'Dinas Pekerjaan Umum dan Penataan Ruang'],
  ['disperkimtan', 'Dinas Perumahan Rakyat, Kawasan Permukiman dan Pertanahan'],
  ['satpolpp', 'Satuan Polisi Pamong Praja'],
  ['dinsos', 'Dinas Sosial'],
  ['dp3appkb', 'Dinas Pemberdayaan Perempuan, Perlindungan Anak, Pengendalian Penduduk dan Keluarga Berencana'],
  ['disdukcapil', 'Dinas Kependudukan dan Pencatatan Sipil'],
  ['dpmd', 'Dinas Pemberdayaan Masyarakat dan Desa'],
  ['dishub', 'Dinas Perhubungan'],
  ['dlh', 'Dinas Lingkungan Hidup'],
  ['diskominfo', 'Dinas Komunikasi dan Informatika'],
  ['dpmptsp', 'Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu'],
  ['diskopukm', 'Dinas Koperasi, Usaha Kecil dan Menengah'],
  ['disdagperin', 'Dinas Perdagangan dan Perindustrian'],
  ['disnakertrans', 'Dinas Tenaga Kerja dan Transmigrasi'],
  ['distan', 'Dinas Pertanian'],
  ['diskan', 'Dinas Perikanan'],
  ['dkp', 'Dinas Ketahanan Pangan'],
  ['disbudpar', 'Dinas Pariwisata dan Kebudayaan'],
  ['dispora', 'Dinas Kepemudaan dan Olahraga'],
  ['dispursip', 'Dinas Perpustakaan dan Kearsipan'],
  ['bappeda', 'Badan Perencanaan Pembangunan Daerah'],
  ['bpkad', 'Badan Pengelolaan Keuangan dan Aset Daerah'],
  ['bapenda', 'Badan Pendapatan Daerah'],
  ['bkpsdm', 'Badan Kepegawaian dan Pengembangan Sumber Daya Manusia'],
  ['bpbd', 'Badan Penanggulangan Bencana Daerah'],
  ['kesbangpol', 'Badan Kesatuan Bangsa dan Politik'],
];

const kapuasKecamatan = [
  'Kapuas Kuala',
  'Kapuas Timur',
  'Selat',
  'Bataguh',
  'Basarang',
  'Kapuas Hilir',
  'Pulau Petak',
  'Kapuas Murung',
  'Dadahup',
  'Tamban Catur',
  'Kapuas Barat',
  'Mantangai',
  'Timpah',
  'Kapuas Tengah',
  'Pasak Talawang',
  'Mandau Talawang',
  'Kapuas Hulu',
];

const kapuasHulu: [string, string][] = [
  ['kph-setda', 'Sekretariat Daerah'],
  ['kph-inspektorat', 'Inspektorat'],
  ['kph-disdikbud', 'Dinas Pendidikan dan Kebudayaan'],
  ['kph-dinkes', 'Dinas Kesehatan'],
  ['kph-rsud', 'RSUD dr. Achmad Diponegoro Putussibau'],
  ['kph-dpupr', 'Dinas Pekerjaan Umum dan Penataan Ruang'],
  ['kph-satpolpp', 'Satuan Polisi Pamong Praja'],
  ['kph-dinsos', 'Dinas Sosial'],
  ['kph-disdukcapil', 'Dinas Kependudukan dan Pencatatan Sipil'],
  ['kph-dpmd', 'Dinas Pemberdayaan Masyarakat dan Desa'],
  ['kph-dishub', 'Dinas Perhubungan'],
  ['kph-dlh', 'Dinas Lingkungan Hidup'],
  ['kph-diskominfo', 'Dinas Komunikasi, Informatika dan Statistik'],
  ['kph-dpmptsp', 'Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu'],
  ['kph-distan', 'Dinas Pertanian'],
  ['kph-diskan', 'Dinas Perikanan'],
  ['kph-disbudpar', 'Dinas Pariwisata'],
  ['kph-bappeda', 'Badan Perencanaan Pembangunan Daerah'],
  ['kph-bpkad', 'Badan Pengelolaan Keuangan dan Aset Daerah'],
  ['kph-bkpsdm', 'Badan Kepegawaian dan Pengembangan Sumber Daya Manusia'],
  ['kph-bpbd', 'Badan Penanggulangan Bencana Daerah'],
  ['kph-kesbangpol', 'Badan Kesatuan Bangsa dan Politik'],
];

const kapuasHuluKecamatan = [
  'Putussibau Utara',
  'Putussibau Selatan',
  'Kalis',
  'Mentebah',
  'Bunut Hulu',
  'Bunut Hilir',
  'Boyan Tanjung',
  'Pengkadan',
  'Hulu Gurung',
  'Jongkong',
  'Bika',
  'Embaloh Hilir',
  'Embaloh Hulu',
  'Batang Lupar',
  'Badau',
  'Empanang',
  'Puring Kencana',
  'Silat Hilir',
  'Silat Hulu',
  'Seberuang',
  'Semitau',
  'Suhaid',
  'Selimbau',
];

const kecamatanCode = (name: string) => `kec-${name.toLowerCase().replace(/\s+/g, '-')}`;

export const opdCatalogue: OpdSeed[] = [
  ...kapuas.map(([code, name]) => ({ code, name, district: 'kapuas' as const })),
  ...kapuasKecamatan.map((k) => ({ code: kecamatanCode(k), name: `Kecamatan ${k}`, district: 'kapuas' as const })),
  ...kapuasHulu.map(([code, name]) => ({ code, name, district: 'kapuas-hulu' as const })),
  ...kapuasHuluKecamatan.map((k) => ({ code: `kph-${kecamatanCode(k)}`, name: `Kecamatan ${k}`, district: 'kapuas-hulu' as const })),
];
