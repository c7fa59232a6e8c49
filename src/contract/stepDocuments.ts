/**
 * The documents of a complaint's steps (tanda terima, lembar disposisi, Berita Acara pemeriksaan
 * lapangan, surat jawaban) and the letterhead they are printed under. Shared by the server and the
 * web app; free of imports outside this folder.
 */
import type { District } from './complaints';

/** The documents, named as the SOPs name them (also the URL segment). */
export const stepDocumentKinds = ['tanda-terima', 'lembar-disposisi', 'berita-acara', 'surat-jawaban'] as const;
export type StepDocumentKind = (typeof stepDocumentKinds)[number];

/** One signatory: as printed under a signature line. */
export interface Signatory {
  /** Nama lengkap (with titles). */
  name: string;
  /** NIP, 18 digits usually; free text so "-" or a contract number fit too. */
  nip: string;
  /** Jabatan, as printed above the signature. */
  position: string;
}

/** The signatories the Diskominfo's documents name, by their SOP role. */
export const signatoryRoles = ['kepalaDinas', 'kabid', 'kasi', 'adminUtama'] as const;
export type SignatoryRole = (typeof signatoryRoles)[number];

/** What admin-sistem edits (PUT /api/settings/letterhead/:district). */
export interface LetterheadInput {
  /** "PEMERINTAH KABUPATEN KAPUAS". */
  government: string;
  /** "DINAS KOMUNIKASI DAN INFORMATIKA". */
  agency: string;
  address: string;
  phone: string;
  email: string;
  /** A short text in place of the logo (e.g. "KAPUAS"); empty: none. */
  logoText: string;
  /** Where letters are dated ("Kuala Kapuas, 5 Desember 2026"). */
  city: string;
  signatories: Record<SignatoryRole, Signatory>;
}

export interface Letterhead extends LetterheadInput {
  district: District;
  /** Null while the built-in defaults apply (nobody has saved this district's letterhead). */
  updatedAt: string | null;
  updatedBy: string | null;
}

/** One entry of GET /api/complaints/:trackingId/documents. */
export interface StepDocumentListing {
  kind: StepDocumentKind;
  title: string;
  /** Printable HTML. */
  href: string;
  pdfHref: string;
}
