import { DateTime } from 'luxon';
import type { StepDocumentKind } from '../contract/stepDocuments';
import type { AttachmentMeta } from './complaintsAttachments';
import type { ComplaintSummary } from './complaints';
import type { Letterhead } from './letterheads';
import { channelLabels } from './recapLabels';
import { WIB } from './auditInstances';

/**
 * What each document of a complaint's steps says, as a plain model that the HTML and the PDF
 * renderers both draw: one wording, two outputs. Pure functions of the complaint, its completed
 * steps and the letterhead; the reporter is whatever the reader may see (ComplaintSummary.reporter).
 */

/** One completed step of the complaint's chain, with the answers its form took. */
export interface CompletedStep {
  processKey: string;
  elementId: string;
  taskName: string | null;
  at: string;
  /** Display name, else username. */
  by: string | null;
  variables: Record<string, unknown>;
}

export interface Signature {
  /** Above the signature: "Petugas penerima", "Mengetahui,". */
  caption: string;
  position: string;
  name: string;
  nip: string;
}

export type Block =
  | { type: 'fields'; rows: [string, string][] }
  | { type: 'paragraph'; text: string }
  | { type: 'heading'; text: string }
  | { type: 'list'; items: string[] }
  | { type: 'table'; header: string[]; rows: string[][] };

export interface DocumentModel {
  kind: StepDocumentKind;
  title: string;
  /** Under the title: "Nomor: …". */
  subtitle?: string;
  letterhead: Letterhead;
  blocks: Block[];
  /** "Kuala Kapuas, 5 Desember 2026" above the signatures. */
  placeAndDate: string;
  signatures: Signature[];
  /** Small print at the foot. */
  note?: string;
}

export const documentTitles: Record<StepDocumentKind, string> = {
  'tanda-terima': 'Tanda Terima Pengaduan',
  'lembar-disposisi': 'Lembar Disposisi',
  'berita-acara': 'Berita Acara Pemeriksaan Lapangan',
  'surat-jawaban': 'Surat Jawaban atas Pengaduan',
};

/**
 * The steps whose forms dispose a complaint to an OPD, with the field that carries the
 * instruction (arahan): SOP 555/05 (the Kasi's arahan, the Admin Utama's disposition), 555/01 and
 * 555/02 (Penyaluran Pengaduan, Telaahan Lanjutan) and Kapuas Hulu (the leader's disposition and
 * its forwarding to the OPD).
 */
export const dispositionSteps: Record<string, Record<string, string[]>> = {
  'sop-555-05': { Task_Memastikan: ['arahanDisposisi'], Task_Disposisi: ['arahanDisposisi'] },
  'sop-555-01': { Task_PenyaluranPengaduan: ['hasilTelaah'], Task_TelaahanLanjutan: ['hasilTelaahLanjutan'] },
  'sop-555-02': { Task_PenyaluranPengaduan: ['hasilTelaah'] },
  'sop-kapuas-hulu': { Task_Disposisi: ['catatanDisposisi'], Task_TeruskanDisposisi: ['catatanPenerusan'] },
};

/** SOP 555/02's field verification, which the Berita Acara records. */
export const fieldVerificationStep = { processKey: 'sop-555-02', elementId: 'Task_VerifikasiLapangan' } as const;

export const isDisposition = (s: CompletedStep) => !!dispositionSteps[s.processKey]?.[s.elementId];
export const isFieldVerification = (s: CompletedStep) => s.processKey === fieldVerificationStep.processKey && s.elementId === fieldVerificationStep.elementId;
export const answerOf = (s: CompletedStep): string | null => {
  const v = s.variables.jawaban;
  return typeof v === 'string' && v.trim() ? v.trim() : null;
};

export const wibDate = (at: string | Date) => DateTime.fromJSDate(new Date(at), { zone: WIB }).setLocale('id').toFormat('d MMMM yyyy');
const wibDateTime = (at: string | Date) => `${DateTime.fromJSDate(new Date(at), { zone: WIB }).setLocale('id').toFormat('d MMMM yyyy, HH.mm')} WIB`;
const wibWeekday = (at: string | Date) => DateTime.fromJSDate(new Date(at), { zone: WIB }).setLocale('id').toFormat('cccc');

const text = (v: unknown): string => (v === undefined || v === null ? '' : typeof v === 'boolean' ? (v ? 'Ya' : 'Tidak') : String(v).trim());
const orDash = (v: string | null | undefined) => (v && v.trim() ? v.trim() : '-');

/** The reporter as the reader may see them: anonymous, withheld (rahasia), or named. */
export function reporterLine(c: ComplaintSummary): string {
  if (c.anonim) return 'Anonim';
  if (!c.reporter) return c.rahasia ? 'Dirahasiakan' : '-';
  return orDash(c.reporter.name);
}

export interface ComplaintFacts {
  complaint: ComplaintSummary;
  steps: CompletedStep[];
  attachments: AttachmentMeta[];
  letterhead: Letterhead;
  /** OPD code → name, for the OPDs the steps name. */
  opdNames: Map<string, string>;
  /** Who entered it (display name). */
  enteredBy: string | null;
  /** Their OPD when OPD-bound staff entered it (SOP 555/06, or Kapuas Hulu's Operator OPD). */
  enteredByOpd: string | null;
  now: Date;
}

const opdName = (f: ComplaintFacts, code: string | null | undefined) => (code ? (f.opdNames.get(code) ?? code) : '-');
const placeAndDate = (f: ComplaintFacts, at: string | Date) => `${f.letterhead.city || '……………'}, ${wibDate(at)}`;
const signatory = (f: ComplaintFacts, role: keyof Letterhead['signatories'], caption: string): Signature => ({ caption, ...f.letterhead.signatories[role] });

function basics(f: ComplaintFacts): [string, string][] {
  const c = f.complaint;
  return [
    ['Nomor lacak', c.trackingId],
    ['Tanggal diterima', wibDateTime(c.createdAt)],
    ['Kanal', channelLabels[c.channel] ?? c.channel],
    ['Perihal', c.subject],
  ];
}

/** The receiving officer's post: the Admin Utama's, or the OPD's own intake officer. */
function receiverPosition(f: ComplaintFacts): string {
  if (!f.enteredByOpd) return f.letterhead.signatories.adminUtama.position;
  return `${f.complaint.district === 'kapuas-hulu' ? 'Operator' : 'Admin Penghubung'} ${opdName(f, f.enteredByOpd)}`;
}

/** The tanda terima: what was received, when, through which channel; the reply code only when given at intake. */
export function receipt(f: ComplaintFacts, replyCode?: string): DocumentModel {
  const c = f.complaint;
  const rows: [string, string][] = [
    ...basics(f),
    ['Lokasi', orDash(c.location)],
    ['Pelapor', reporterLine(c)],
    ['OPD yang dituju', c.opdName ?? (c.opd ? c.opd : 'Ditentukan melalui disposisi')],
    ['Kode tanggapan', replyCode ?? 'Diberikan satu kali saat pencatatan (lihat tanda terima pertama atau surel tanda terima)'],
  ];
  return {
    kind: 'tanda-terima',
    title: documentTitles['tanda-terima'],
    subtitle: `Nomor: ${c.trackingId}`,
    letterhead: f.letterhead,
    blocks: [
      { type: 'paragraph', text: 'Telah diterima pengaduan masyarakat dengan keterangan sebagai berikut:' },
      { type: 'fields', rows },
      {
        type: 'paragraph',
        text: 'Simpan tanda terima ini. Perkembangan pengaduan dapat dilacak di halaman Lacak Pengaduan dengan nomor lacak di atas; dengan kode tanggapan pelapor dapat menanggapi jawaban yang diberikan.',
      },
    ],
    placeAndDate: placeAndDate(f, c.createdAt),
    signatures: [{ caption: 'Petugas penerima', position: receiverPosition(f), name: f.enteredBy ?? '', nip: '' }],
  };
}

/** The lembar disposisi: every disposition of the chain, from whom, to which OPD, with its arahan. */
export function dispositionSheet(f: ComplaintFacts): DocumentModel {
  const c = f.complaint;
  const dispositions = f.steps.filter(isDisposition);
  const last = dispositions[dispositions.length - 1];
  const arahanOf = (s: CompletedStep) => dispositionSteps[s.processKey][s.elementId].map((field) => text(s.variables[field])).filter(Boolean).join('; ');
  // The latest instruction given: a later step that only forwards (no arahan) keeps it.
  const arahan = [...dispositions].reverse().map(arahanOf).find(Boolean) ?? '-';
  const toOpd = (s: CompletedStep) => opdName(f, text(s.variables.opd) || c.opd);
  const kapuasHulu = c.district === 'kapuas-hulu';
  return {
    kind: 'lembar-disposisi',
    title: documentTitles['lembar-disposisi'],
    letterhead: f.letterhead,
    blocks: [
      { type: 'fields', rows: [...basics(f), ['Diteruskan kepada', opdName(f, c.opd)], ['Arahan', arahan]] },
      { type: 'heading', text: 'Riwayat disposisi' },
      {
        type: 'table',
        header: ['Tanggal', 'Dari', 'Langkah', 'Kepada', 'Arahan / catatan'],
        rows: dispositions.map((s) => [wibDateTime(s.at), orDash(s.by), s.taskName ?? s.elementId, toOpd(s), arahanOf(s) || '-']),
      },
    ],
    placeAndDate: placeAndDate(f, last?.at ?? f.now),
    signatures: [signatory(f, kapuasHulu ? 'kepalaDinas' : 'kasi', 'Yang mendisposisi,')],
  };
}

/** The Berita Acara pemeriksaan lapangan of SOP 555/02, from the field verification's form. */
export function fieldReport(f: ComplaintFacts): DocumentModel {
  const c = f.complaint;
  const step = [...f.steps].reverse().find(isFieldVerification)!;
  const opd = opdName(f, text(step.variables.opd) || c.opd);
  const photos = f.attachments.filter((a) => a.contentType.startsWith('image/'));
  return {
    kind: 'berita-acara',
    title: documentTitles['berita-acara'],
    letterhead: f.letterhead,
    blocks: [
      {
        type: 'paragraph',
        text: `Pada hari ini ${wibWeekday(step.at)}, tanggal ${wibDate(step.at)}, kami yang bertanda tangan di bawah ini telah melakukan pemeriksaan lapangan atas pengaduan masyarakat sebagai berikut:`,
      },
      { type: 'fields', rows: [...basics(f), ['Lokasi', orDash(c.location)], ['OPD pemeriksa', opd], ['Petugas pemeriksa', orDash(step.by)]] },
      { type: 'heading', text: 'Hasil pemeriksaan' },
      { type: 'paragraph', text: orDash(text(step.variables.baPemeriksaan)) },
      { type: 'heading', text: 'Tindak lanjut' },
      { type: 'paragraph', text: orDash(answerOf(step)) },
      { type: 'heading', text: 'Dokumentasi foto' },
      photos.length ? { type: 'list', items: photos.map((p) => `${p.filename} (diunggah ${wibDateTime(p.createdAt)})`) } : { type: 'paragraph', text: 'Tidak ada foto yang dilampirkan pada pengaduan ini.' },
      { type: 'paragraph', text: 'Demikian berita acara ini dibuat dengan sebenarnya untuk dipergunakan sebagaimana mestinya.' },
    ],
    placeAndDate: placeAndDate(f, step.at),
    signatures: [
      { caption: 'Petugas pemeriksa', position: `Pejabat Penghubung ${opd}`, name: step.by ?? '', nip: '' },
      { caption: 'Mengetahui,', position: `Pimpinan ${opd}`, name: '', nip: '' },
    ],
  };
}

/** The latest answer and when it was given: from a completed step, or entered with the complaint. */
export function latestAnswer(f: Pick<ComplaintFacts, 'steps' | 'complaint'>, intakeAnswer: string | null): { text: string; at: string; opd: string | null } | null {
  const step = [...f.steps].reverse().find((s) => answerOf(s));
  if (step) return { text: answerOf(step)!, at: step.at, opd: text(step.variables.opd) || null };
  return intakeAnswer ? { text: intakeAnswer, at: f.complaint.createdAt, opd: null } : null;
}

/** The surat jawaban to the reporter, signed by the Kepala Dinas. */
export function answerLetter(f: ComplaintFacts, answer: { text: string; at: string; opd: string | null }): DocumentModel {
  const c = f.complaint;
  const addressee = reporterLine(c);
  const to = addressee === 'Anonim' || addressee === 'Dirahasiakan' || addressee === '-' ? `Pelapor pengaduan ${c.trackingId}` : `Sdr./Sdri. ${addressee}`;
  return {
    kind: 'surat-jawaban',
    title: documentTitles['surat-jawaban'],
    letterhead: f.letterhead,
    blocks: [
      { type: 'fields', rows: [['Nomor', `555/${c.trackingId}`], ['Sifat', 'Biasa'], ['Lampiran', '-'], ['Perihal', `Jawaban atas pengaduan ${c.trackingId}`]] },
      { type: 'paragraph', text: `Kepada Yth. ${to}` },
      { type: 'paragraph', text: 'di tempat' },
      {
        type: 'paragraph',
        text: `Menindaklanjuti pengaduan yang kami terima pada ${wibDate(c.createdAt)} melalui ${channelLabels[c.channel] ?? c.channel} dengan nomor lacak ${c.trackingId} perihal "${c.subject}", bersama ini kami sampaikan jawaban dan tindak lanjut dari ${opdName(f, answer.opd ?? c.opd)} sebagai berikut:`,
      },
      { type: 'paragraph', text: answer.text },
      {
        type: 'paragraph',
        text: 'Apabila Saudara belum puas dengan jawaban ini, Saudara dapat menyampaikan tanggapan di halaman Lacak Pengaduan dengan nomor lacak dan kode tanggapan yang diberikan saat pengaduan diterima. Atas perhatian Saudara kami ucapkan terima kasih.',
      },
    ],
    placeAndDate: placeAndDate(f, answer.at),
    signatures: [signatory(f, 'kepalaDinas', '')],
  };
}
