/**
 * The words of every mail, in Bahasa Indonesia (the users' and reporters' language). A mail row
 * of the outbox (migration 16) carries its kind, subject, a hash route of the web app and `data`;
 * the text is made here when it is sent, with the absolute link under PUBLIC_URL.
 */

/** What a mail row holds for its words. */
export interface MailFacts {
  kind: string;
  subject: string;
  /** A hash route of the web app (`#/tugas/…`), or null. */
  link: string | null;
  data: MailData;
}

export interface MailData {
  /** The recipient's name (a user's display name, a reporter's name). */
  name?: string | null;
  trackingId?: string;
  subject?: string;
  answer?: string | null;
  status?: string;
  /** Only in a receipt until it is sent: the stored text never keeps it (see `secretsMasked`). */
  replyCode?: string;
  /** A digest's items, oldest first, and how many there were (the list stops at digestMaxItems). */
  items?: { title: string; link: string | null; at: string }[];
  total?: number;
}

/** The most items a digest lists; the mail says how many more wait in the inbox. */
export const digestMaxItems = 50;

const footer = ['', '--', 'Pesan ini dikirim otomatis oleh sistem pengelolaan pengaduan LAPOR!-SP4N Kabupaten Kapuas dan Kapuas Hulu.', 'Mohon tidak membalas e-mail ini.'];

/** `#/tugas/1` under https://host → https://host/#/tugas/1. */
export function absoluteLink(publicUrl: string, link: string | null | undefined): string | null {
  if (!link) return null;
  return `${publicUrl.replace(/\/+$/, '')}/${link.replace(/^\/+/, '')}`;
}

const eventSentences: Record<string, string> = {
  'tugas-ditugaskan': 'Sebuah tugas ditugaskan kepada Anda dan menunggu penyelesaian.',
  'tugas-tersedia': 'Sebuah tugas baru tersedia untuk diambil oleh kelompok Anda.',
  pengingat: 'Tugas ini mendekati batas waktu standar SOP.',
  terlambat: 'Tugas ini telah melewati batas waktu standar SOP dan perlu ditindaklanjuti.',
  'diteruskan-ombudsman': 'Pengaduan ini diteruskan ke Ombudsman RI; Admin Utama menjaga komunikasinya.',
};

const closures: Record<string, string> = {
  selesai: 'Penanganan pengaduan Anda telah selesai.',
  'tidak-ditindaklanjuti': 'Pengaduan Anda tidak dapat ditindaklanjuti. Alasannya dapat Anda baca pada halaman lacak.',
  'diteruskan-ombudsman': 'Pengaduan Anda diteruskan ke Ombudsman Republik Indonesia.',
};

/**
 * The text of one mail. `secretsMasked`: the reply code replaced by dots, for the copy the outbox
 * keeps (the reporter's code is stored elsewhere only as a hash).
 */
export function mailText(mail: MailFacts, publicUrl: string, secretsMasked = false): string {
  const d = mail.data;
  const url = absoluteLink(publicUrl, mail.link);
  const greeting = `Yth. ${d.name?.trim() || 'Bapak/Ibu'},`;
  const open = url ? ['', `Buka: ${url}`] : [];
  const complaint = d.trackingId ? [`Nomor lacak: ${d.trackingId}`, ...(d.subject ? [`Perihal: ${d.subject}`] : [])] : [];
  switch (mail.kind) {
    case 'ringkasan': {
      const items = d.items ?? [];
      const more = (d.total ?? items.length) - items.length;
      return [
        greeting,
        '',
        `Berikut ringkasan pemberitahuan untuk Anda sejak ringkasan sebelumnya (${d.total ?? items.length} pemberitahuan):`,
        '',
        ...items.flatMap((i) => [`- ${i.title}`, ...(absoluteLink(publicUrl, i.link) ? [`  ${absoluteLink(publicUrl, i.link)}`] : [])]),
        ...(more > 0 ? ['', `… dan ${more} pemberitahuan lainnya di kotak masuk Anda.`] : []),
        '',
        `Kotak masuk: ${absoluteLink(publicUrl, '#/kotak-masuk')}`,
        `Pengaturan notifikasi: ${absoluteLink(publicUrl, '#/kotak-masuk/pengaturan')}`,
        ...footer,
      ].join('\n');
    }
    case 'pelapor-diterima':
      return [
        greeting,
        '',
        'Terima kasih. Pengaduan Anda telah kami terima dan akan ditangani sesuai SOP.',
        '',
        ...complaint,
        ...(d.replyCode ? [`Kode tanggapan: ${secretsMasked ? '••••••' : d.replyCode}`, 'Simpan kode ini: Anda memerlukannya untuk menanggapi jawaban atas pengaduan Anda.'] : []),
        '',
        `Pantau perkembangannya: ${url}`,
        ...footer,
      ].join('\n');
    case 'pelapor-jawaban':
      return [
        greeting,
        '',
        'Pengaduan Anda telah dijawab.',
        '',
        ...complaint,
        ...(d.answer ? ['', 'Jawaban:', d.answer] : []),
        '',
        `Baca selengkapnya: ${url}`,
        ...footer,
      ].join('\n');
    case 'pelapor-selesai':
      return [greeting, '', closures[d.status ?? ''] ?? 'Penanganan pengaduan Anda telah ditutup.', '', ...complaint, '', `Lihat: ${url}`, ...footer].join('\n');
    default:
      return [greeting, '', mail.subject, '', eventSentences[mail.kind] ?? '', ...open, '', `Atur pemberitahuan e-mail Anda: ${absoluteLink(publicUrl, '#/kotak-masuk/pengaturan')}`, ...footer].join('\n');
  }
}
