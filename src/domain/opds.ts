import type { Opd } from '../contract/admin';
import type { District } from '../contract/complaints';
import type { Database, Queryable } from '../db/database';
import { badRequest, conflict, notFound } from '../engine/errors';
import { opdCatalogue, type OpdSeed } from './opdCatalogue';

export { districts, type District } from '../contract/complaints';

/** Kapuas Hulu's OPD codes carry this prefix; Kapuas's are bare. */
export const KAPUAS_HULU_PREFIX = 'kph-';

export const opdCodePattern = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export type { Opd };

/** A code's prefix says its district, so a code alone never names an OPD of the other district. */
export function districtOfCode(code: string): District {
  return code.startsWith(KAPUAS_HULU_PREFIX) ? 'kapuas-hulu' : 'kapuas';
}

/** The catalogue of OPDs (regional agencies) a complaint can be about. */
export class Opds {
  constructor(private readonly db: Database) {}

  /** Adds the catalogue's OPDs that are missing; existing rows (renamed, deactivated) stay as they are. */
  async seed(catalogue: OpdSeed[] = opdCatalogue): Promise<number> {
    const { rowCount } = await this.db.query(
      `insert into opds (code, name, district)
       select * from unnest($1::text[], $2::text[], $3::text[])
       on conflict (code) do nothing`,
      [catalogue.map((o) => o.code), catalogue.map((o) => o.name), catalogue.map((o) => o.district)],
    );
    return rowCount;
  }

  async list(filter: { district?: District; active?: boolean } = {}): Promise<Opd[]> {
    const { rows } = await this.db.query<Opd>(
      `select code, name, district, active from opds
        where ($1::text is null or district = $1) and ($2::boolean is null or active = $2)
        order by district, code`,
      [filter.district ?? null, filter.active ?? null],
    );
    return rows;
  }

  async find(code: string, db: Queryable = this.db): Promise<Opd | undefined> {
    const { rows } = await db.query<Opd>('select code, name, district, active from opds where code = $1', [code]);
    return rows[0];
  }

  async get(code: string): Promise<Opd> {
    const opd = await this.find(code);
    if (!opd) throw notFound(`no OPD "${code}"`);
    return opd;
  }

  /** The OPD a new complaint may be about: known, active, and in the complaint's district. */
  async requireActiveIn(code: string, district: District): Promise<Opd> {
    const opd = await this.find(code);
    if (!opd) throw badRequest(`unknown OPD "${code}"`, 'see GET /api/opds for the catalogue').as('opd.unknown', { code });
    if (!opd.active) throw badRequest(`the OPD "${code}" is inactive`).as('opd.inactive', { opd: opd.name });
    if (opd.district !== district) throw badRequest(`the OPD "${code}" belongs to ${opd.district}, not ${district}`).as('opd.otherDistrict', { opd: opd.name });
    return opd;
  }

  async create(input: { code: string; name: string; district: District; active?: boolean }): Promise<Opd> {
    if (districtOfCode(input.code) !== input.district) {
      throw badRequest(
        `the OPD code "${input.code}" does not fit district ${input.district}`,
        `codes of kapuas-hulu start with "${KAPUAS_HULU_PREFIX}", codes of kapuas do not`,
      );
    }
    try {
      const { rows } = await this.db.query<Opd>(
        'insert into opds (code, name, district, active) values ($1, $2, $3, $4) returning code, name, district, active',
        [input.code, input.name, input.district, input.active ?? true],
      );
      return rows[0];
    } catch (err) {
      if ((err as { code?: string }).code === '23505') throw conflict(`the OPD code "${input.code}" exists`);
      throw err;
    }
  }

  /** Renames or (de)activates an OPD. Code and district stay: complaints and users refer to them. */
  async update(code: string, patch: { name?: string; active?: boolean }): Promise<Opd> {
    const { rows } = await this.db.query<Opd>(
      `update opds set name = coalesce($2, name), active = coalesce($3, active) where code = $1
       returning code, name, district, active`,
      [code, patch.name ?? null, patch.active ?? null],
    );
    if (!rows[0]) throw notFound(`no OPD "${code}"`);
    return rows[0];
  }
}
