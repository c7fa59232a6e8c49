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

/** One answer given to the reporter, with when it was given. */
export interface DatedAnswer {
  text: string;
  at: string;
}

/**
 * What anyone may read with a tracking ID (GET /api/public/complaints/:trackingId): never the
 * reporter's identity. `awaitingReply`: a step waits for the reporter's reply now (POST …/replies
 * is accepted). A confidential complaint shows only this much.
 */
export interface PublicComplaintStatus {
  trackingId: string;
  status: ComplaintStatus;
  awaitingReply: boolean;
}

/** The public view of a complaint that is not confidential. */
export interface PublicComplaintDetail extends PublicComplaintStatus {
  subject: string;
  createdAt: string;
  answeredAt: string | null;
  closedAt: string | null;
  channel: Channel;
  opdName: string | null;
  answers: string[];
  /** The same answers with the time each was given, oldest first. */
  answerLog: DatedAnswer[];
}

export type PublicComplaint = PublicComplaintStatus | PublicComplaintDetail;

/** The public view as a client reads it: the detail's fields absent for a confidential complaint. */
export type PublicComplaintView = PublicComplaintStatus & Partial<Omit<PublicComplaintDetail, keyof PublicComplaintStatus>>;
