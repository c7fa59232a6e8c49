/**
 * The words the API uses about complaints: the districts, the channels a complaint arrives
 * through and the statuses read from its chain. Constant lists, because the server validates
 * requests against them and the web app labels each one; like the rest of src/contract, free
 * of imports outside this folder.
 */

/** The two districts whose SOPs this system runs. */
export const districts = ['kapuas', 'kapuas-hulu'] as const;
export type District = (typeof districts)[number];

/** The channels a complaint arrives through (SOP 555/05 names them; `lapor` is LAPOR! itself). */
export const channels = [
  'lapor',
  'sms',
  'whatsapp',
  'instagram',
  'twitter',
  'facebook',
  'surat-kabar',
  'email',
  'surat',
  'datang-langsung',
  'kanal-internal-opd',
] as const;
export type Channel = (typeof channels)[number];

/** A complaint's status, read from its instance chain (src/domain/complaintsChain.ts says how). */
export const complaintStatuses = ['diterima', 'diproses', 'selesai', 'tidak-ditindaklanjuti', 'diteruskan-ombudsman'] as const;
export type ComplaintStatus = (typeof complaintStatuses)[number];
