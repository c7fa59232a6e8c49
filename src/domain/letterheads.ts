import { districts, type District } from '../contract/complaints';
import type { Letterhead, LetterheadInput, Signatory, SignatoryRole } from '../contract/stepDocuments';
import type { Queryable } from '../db/database';
import { assertMayChange } from './access';
import type { User } from './users';

export type { Letterhead, LetterheadInput };

const blank: Signatory = { name: '', nip: '', position: '' };
const signatories = (positions: Record<SignatoryRole, string>): Record<SignatoryRole, Signatory> => ({
  kepalaDinas: { ...blank, position: positions.kepalaDinas },
  kabid: { ...blank, position: positions.kabid },
  kasi: { ...blank, position: positions.kasi },
  adminUtama: { ...blank, position: positions.adminUtama },
});

/**
 * What a district's documents carry until admin-sistem saves its letterhead: the offices' names as
 * the SOP sheets give them, no address and no people (a name printed by default would be a guess).
 */
export const defaultLetterheads: Record<District, LetterheadInput> = {
  kapuas: {
    government: 'PEMERINTAH KABUPATEN KAPUAS',
    agency: 'DINAS KOMUNIKASI DAN INFORMATIKA',
    address: '',
    phone: '',
    email: '',
    logoText: '',
    city: 'Kuala Kapuas',
    signatories: signatories({
      kepalaDinas: 'Kepala Dinas Komunikasi dan Informatika',
      kabid: 'Kepala Bidang Informasi dan Komunikasi Publik',
      kasi: 'Kepala Seksi Pengelolaan Pengaduan',
      adminUtama: 'Admin Utama LAPOR!-SP4N',
    }),
  },
  'kapuas-hulu': {
    government: 'PEMERINTAH KABUPATEN KAPUAS HULU',
    agency: 'DINAS KOMUNIKASI DAN INFORMATIKA',
    address: '',
    phone: '',
    email: '',
    logoText: '',
    city: 'Putussibau',
    signatories: signatories({
      kepalaDinas: 'Kepala Dinas Komunikasi dan Informatika',
      kabid: 'Kepala Bidang Informasi dan Komunikasi Publik',
      kasi: 'Kepala Seksi Pengelolaan Pengaduan',
      adminUtama: 'Admin Utama LAPOR!-SP4N',
    }),
  },
};

interface Row {
  district: District;
  settings: LetterheadInput;
  updated_by: string | null;
  updated_at: Date | string;
}

/**
 * The letterhead (kop surat) and signatories of each district's Diskominfo: settings that
 * admin-sistem edits, one row per district (table `letterheads`, migration 20). Staff read them
 * through the documents they print.
 */
export class Letterheads {
  constructor(
    private readonly db: Queryable,
    private readonly now: () => Date,
  ) {}

  async list(): Promise<Letterhead[]> {
    const { rows } = await this.db.query<Row>('select district, settings, updated_by, updated_at from letterheads order by district limit 10');
    return districts.map((d) => this.present(d, rows.find((r) => r.district === d)));
  }

  async of(district: District): Promise<Letterhead> {
    const { rows } = await this.db.query<Row>('select district, settings, updated_by, updated_at from letterheads where district = $1', [district]);
    return this.present(district, rows[0]);
  }

  async put(district: District, input: LetterheadInput, user: User): Promise<Letterhead> {
    assertMayChange(user);
    await this.db.query(
      `insert into letterheads (district, settings, updated_by, updated_at) values ($1, $2, $3, $4)
       on conflict (district) do update set settings = excluded.settings, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
      [district, JSON.stringify(input), user.username, this.now().toISOString()],
    );
    return this.of(district);
  }

  private present(district: District, row: Row | undefined): Letterhead {
    if (!row) return { district, ...defaultLetterheads[district], updatedAt: null, updatedBy: null };
    // A row saved by an older build may lack a field added since: the default fills it.
    const base = defaultLetterheads[district];
    const s = row.settings;
    return {
      district,
      ...base,
      ...s,
      signatories: { ...base.signatories, ...s.signatories },
      updatedAt: new Date(row.updated_at).toISOString(),
      updatedBy: row.updated_by,
    };
  }
}
