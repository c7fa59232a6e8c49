import type { SopPerformanceReport } from '../contract/performance';
import { percentileNote, performanceScopeLine, performanceTitle, periodTitle, workingHours } from './performanceLabels';
import { periodLine, wibStamp } from './recapLabels';
import { a4Pdf, winAnsi } from '../reports/pdfDocument';
import { contentWidth, heading, numberPages, table } from './recapPdf';

const MARGIN = 40;
const FOOTER = 30;

const hours = (ms: number | null) => (ms === null ? '-' : workingHours(ms)!.toLocaleString('id-ID', { minimumFractionDigits: 2, maximumFractionDigits: 2 }));
const share = (s: number | null) => (s === null ? '-' : `${(s * 100).toLocaleString('id-ID', { maximumFractionDigits: 1 })}%`);

/** SOP performance as a printable A4 PDF (landscape), laid out like the recap's. */
export function performancePdf(report: SopPerformanceReport): Promise<Buffer> {
  const { doc, done } = a4Pdf({
    layout: 'landscape',
    margins: { top: MARGIN, left: MARGIN, right: MARGIN, bottom: MARGIN + FOOTER },
    bufferPages: true,
    title: `${performanceTitle(report)}, ${periodTitle(report)}`,
    createdAt: new Date(report.generatedAt),
  });
  const width = contentWidth(doc);
  doc.font('Helvetica-Bold').fontSize(14).text(winAnsi(performanceTitle(report)), { width });
  doc.font('Helvetica-Bold').fontSize(10).text(winAnsi(periodLine(report.period)), { width });
  doc.font('Helvetica').fontSize(9).text(winAnsi(performanceScopeLine(report)), { width });
  doc.fillColor('#555555').text(winAnsi(`Dibuat ${wibStamp(report.generatedAt)}`), { width }).fillColor('black');
  heading(doc, 'Kinerja per kegiatan');
  table(
    doc,
    [
      { header: 'Kegiatan', width: 170 },
      { header: 'Standar', width: 60 },
      { header: 'Selesai', width: 45, align: 'right' },
      { header: 'Tepat waktu', width: 50, align: 'right' },
      { header: 'Terlambat', width: 50, align: 'right' },
      { header: 'Tepat waktu (%)', width: 55, align: 'right' },
      { header: 'Median (jam kerja)', width: 60, align: 'right' },
      { header: 'P90 (jam kerja)', width: 60, align: 'right' },
      { header: 'Terlama (jam kerja)', width: 60, align: 'right' },
      { header: 'Tunggu diambil (jam kerja)', width: 70, align: 'right' },
    ],
    report.activities.map((a) => [
      a.name ?? a.elementId,
      a.standard ?? '-',
      String(a.done),
      String(a.onTime),
      String(a.late),
      share(a.onTimeShare),
      hours(a.medianMs),
      hours(a.p90Ms),
      hours(a.maxMs),
      hours(a.waitMeanMs),
    ]),
  );
  doc.moveDown(0.8).font('Helvetica-Oblique').fontSize(8).text(winAnsi(percentileNote), doc.page.margins.left, doc.y, { width });
  numberPages(doc);
  doc.end();
  return done;
}
