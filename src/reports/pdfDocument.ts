import PDFDocument from 'pdfkit';

/**
 * The one way our PDFs begin: an A4 pdfkit document in Indonesian with the PDF standard fonts
 * (which pdfkit ships as metrics and every reader has: nothing is fetched or read from the
 * system), and the bytes it will have written once `doc.end()` is called. The recap, Kinerja
 * SOP, the SOP sheet and the step documents differ only in layout, margins and title.
 */

export interface PdfSetup {
  layout?: 'portrait' | 'landscape';
  margins: { top: number; left: number; right: number; bottom: number };
  /** Keep every page until the end, to write page numbers or footers on them afterwards. */
  bufferPages?: boolean;
  title: string;
  createdAt: Date;
}

export interface PdfUnderWay {
  doc: PDFKit.PDFDocument;
  /** Resolves with the whole file after `doc.end()`. */
  done: Promise<Buffer>;
}

/**
 * The standard fonts speak WinAnsi (Latin-1 and a few typographic marks); anything else (an emoji
 * in a subject) would come out as garbage, so it is shown as "?".
 */
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
export const winAnsi = (text: string): string =>
  Array.from(text, (ch) => {
    const code = ch.codePointAt(0)!;
    return (code >= 0x20 && code < 0x7f) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(ch) ? ch : /[\n\r\t]/.test(ch) ? ' ' : '?';
  }).join('');

export function a4Pdf(setup: PdfSetup): PdfUnderWay {
  const doc = new PDFDocument({
    size: 'A4',
    layout: setup.layout ?? 'portrait',
    margins: setup.margins,
    bufferPages: setup.bufferPages ?? false,
    lang: 'id-ID',
    info: { Title: winAnsi(setup.title), Creator: 'LAPOR!-SP4N SOP', CreationDate: setup.createdAt },
  });
  const done = new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  return { doc, done };
}
