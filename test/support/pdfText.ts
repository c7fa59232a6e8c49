import { inflateSync } from 'node:zlib';

/**
 * The text a PDF written by pdfkit with the standard fonts shows, line by line: each content
 * stream is inflated (FlateDecode) and each `[<hex> kern <hex> …] TJ` read as one run of text.
 * Enough to check what the recap PDF prints without a PDF reader; not a general extractor.
 */
export function pdfText(pdf: Buffer): string[] {
  const latin1 = pdf.toString('latin1');
  const lines: string[] = [];
  const stream = /stream\r?\n/g;
  for (let m = stream.exec(latin1); m; m = stream.exec(latin1)) {
    const start = m.index + m[0].length;
    const end = latin1.indexOf('endstream', start);
    const dict = latin1.slice(latin1.lastIndexOf('<<', m.index), m.index);
    const bytes = pdf.subarray(start, end);
    let content: string;
    try {
      content = (/FlateDecode/.test(dict) ? inflateSync(bytes) : bytes).toString('latin1');
    } catch {
      continue; // not a deflated content stream (e.g. a font's metrics)
    }
    for (const run of content.matchAll(/\[((?:<[0-9a-fA-F]*>|[-\d.\s])*)\]\s*TJ/g)) {
      lines.push([...run[1].matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => Buffer.from(h[1], 'hex').toString('latin1')).join(''));
    }
  }
  return lines;
}

/** How many pages the PDF has, from its page tree. */
export const pdfPageCount = (pdf: Buffer): number => (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
