import type { MessageBundle } from '../i18n';

/** The documents of a complaint's steps (Dokumen), on the complaint, instance, task and intake pages. */
export const messages: MessageBundle = {
  id: {
    'documents.title': 'Dokumen',
    'documents.intro': 'Dokumen yang tersedia pada tahap ini. Buka untuk mencetak, atau unduh PDF.',
    'documents.print': 'Cetak',
    'documents.pdf': 'PDF',
    'documents.kind.tanda-terima': 'Tanda terima pengaduan',
    'documents.kind.lembar-disposisi': 'Lembar disposisi',
    'documents.kind.berita-acara': 'Berita acara pemeriksaan lapangan',
    'documents.kind.surat-jawaban': 'Surat jawaban',
    'documents.receiptWithCode': 'Cetak tanda terima dengan kode (PDF)',
    'documents.receiptWithCodeHint': 'Kode tanggapan hanya dapat dicetak di sini, sekarang: sesudah halaman ini ditutup kode tidak dapat dicetak lagi.',
  },
  en: {
    'documents.title': 'Documents',
    'documents.intro': 'The documents available at this stage. Open one to print it, or download the PDF.',
    'documents.print': 'Print',
    'documents.pdf': 'PDF',
    'documents.kind.tanda-terima': 'Complaint receipt',
    'documents.kind.lembar-disposisi': 'Disposition sheet',
    'documents.kind.berita-acara': 'Field inspection report',
    'documents.kind.surat-jawaban': 'Answer letter',
    'documents.receiptWithCode': 'Print the receipt with the code (PDF)',
    'documents.receiptWithCodeHint': 'The reply code can be printed only here, now: once this page is closed it cannot be printed again.',
  },
};
