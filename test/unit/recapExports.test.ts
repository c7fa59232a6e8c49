import ExcelJS from 'exceljs';
import type { ComplaintRecapReport } from '../../src/contract/recap';
import { recapPdf } from '../../src/domain/recapPdf';
import { winAnsi } from '../../src/reports/pdfDocument';
import { quarterPeriod } from '../../src/domain/recapPeriod';
import { recapXlsx } from '../../src/domain/recapXlsx';
import { pdfPageCount, pdfText } from '../support/pdfText';

/** A long quarter (120 complaints, long names, an emoji): what one page cannot hold. */
function longQuarter(): ComplaintRecapReport {
  const complaints = Array.from({ length: 120 }, (_, i) => ({
    trackingId: `KPS-2026-${String(i + 1).padStart(5, '0')}`,
    receivedAt: new Date(Date.UTC(2026, 9, 1, 1) + i * 13 * 3600_000).toISOString(),
    channel: 'whatsapp' as const,
    subject: i === 6 ? 'Jalan rusak 🚧 di depan sekolah dasar negeri yang sudah lama tidak diperbaiki' : i === 7 ? 'Kabel\u0001putus\u000bdi\ttiang' : `Lampu jalan mati ${i + 1}`,
    opd: 'dpupr',
    opdName: 'Dinas Pekerjaan Umum dan Penataan Ruang',
    status: 'diproses' as const,
    answeredAt: null,
    closedAt: null,
    late: i % 3 === 0,
  }));
  return {
    district: 'kapuas-hulu',
    period: quarterPeriod(2026, 4),
    scope: { opd: null, opdName: null },
    totals: { received: 120, answered: 0, finished: 0, open: 120, late: 40 },
    byChannel: [{ channel: 'whatsapp', count: 120 }],
    byStatus: [{ status: 'diproses', count: 120 }],
    byOpd: [{ opd: 'dpupr', opdName: 'Dinas Pekerjaan Umum dan Penataan Ruang', received: 120, answered: 0, open: 120, late: 40 }],
    complaints,
    page: { total: 120, limit: 500, offset: 0 },
    generatedAt: '2026-11-16T02:00:00.000Z',
  };
}

describe('recap PDF', () => {
  it('breaks a long list over pages, repeats its header on each, and numbers every page', async () => {
    const pdf = await recapPdf(longQuarter());
    const pages = pdfPageCount(pdf);
    expect(pages).toBeGreaterThan(2);
    const lines = pdfText(pdf);
    for (let n = 1; n <= pages; n++) expect(lines).toContain(`Halaman ${n} dari ${pages}`);
    // The list's header on every page it runs over (the summary shares the first page with it).
    expect(lines.filter((l) => l === 'Nomor pelacakan')).toHaveLength(pages);
    for (const id of ['KPS-2026-00001', 'KPS-2026-00060', 'KPS-2026-00120']) expect(lines).toContain(id);
    // No row lost or drawn twice at a page break.
    expect(lines.filter((l) => /^KPS-2026-\d{5}$/.test(l))).toHaveLength(120);
    expect(lines).toContain('Rekap Pengaduan LAPOR!-SP4N Kabupaten Kapuas Hulu');
  });

  it('prints what the standard fonts cannot show as "?"', async () => {
    expect(winAnsi('Jalan rusak 🚧 – “parah” Ā\nlagi')).toBe('Jalan rusak ? – “parah” ? lagi');
    const text = pdfText(await recapPdf(longQuarter())).join(' ');
    expect(text).toMatch(/Jalan rusak \? di depan/);
    expect(text).toContain('Kabel?putus?di tiang');
  });

  it('is the same file for the same recap (dated when the recap was made)', async () => {
    const a = await recapPdf(longQuarter());
    const b = await recapPdf(longQuarter());
    expect(a.equals(b)).toBe(true);
    expect(a.toString('latin1')).toContain('(D:20261116020000Z)');
  });
});

describe('recap XLSX', () => {
  it('caps a long subject column and wraps it, and lists every complaint', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await recapXlsx(longQuarter())) as never);
    const list = book.getWorksheet('Daftar Pengaduan')!;
    expect(list.getColumn(5).width).toBeLessThanOrEqual(60);
    expect(list.getColumn(6).width).toBe('Dinas Pekerjaan Umum dan Penataan Ruang'.length + 2);
    expect(list.getCell('E7').alignment?.wrapText).toBe(true);
    // Four title rows (then an empty one), the header, the complaints.
    expect(list.actualRowCount).toBe(4 + 1 + 120);
    expect(list.getCell(`B${list.rowCount}`).value).toBe('KPS-2026-00120');
    // Control characters XML cannot hold (the file would not open) show as "?"; an emoji stays.
    expect(list.getCell('E14').value).toBe('Kabel?putus?di\ttiang');
    expect(list.getCell('E13').value).toMatch(/^Jalan rusak 🚧/);
  });
});
