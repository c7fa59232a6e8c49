import { a4Pdf, winAnsi } from '../pdfDocument';
import { columnWidths } from './columns';
import { BOX_H, BOX_W, flowOf, shapeHalfHeight, shapeMarks, type Mark, type RowFlow } from './flowchart';
import { sheetLabels as L } from './labels';
import type { SopSheet } from './model';

/**
 * The SOP sheet as a PDF on A4 landscape, written on the server by pdfkit (no browser): the same
 * model and the same flowchart marks as the HTML. The identity block fills the first page, the
 * procedure table starts on the second and repeats its header on every page; a line from one row
 * to the next that a page break cuts becomes a pair of off-page connectors naming the row.
 * Standard fonts only (Helvetica), as the recap PDF.
 */

const MARGIN = 28;
const FOOTER = 18;
const PAD = 3;
const MIN_ROW = 56;
const REGULAR = 'Helvetica';
const BOLD = 'Helvetica-Bold';
const ITALIC = 'Helvetica-Oblique';
const SIZE = 7.5;

type Doc = PDFKit.PDFDocument;

export function sopSheetPdf(sheet: SopSheet): Promise<Buffer> {
  const { doc, done } = a4Pdf({
    layout: 'landscape',
    margins: { top: MARGIN, left: MARGIN, right: MARGIN, bottom: MARGIN + FOOTER },
    bufferPages: true,
    title: `SOP ${sheet.identity.number} ${sheet.identity.title} (${L.versionShort(sheet.version)})`,
    createdAt: new Date(sheet.deployedAt),
  });
  identity(doc, sheet);
  doc.addPage();
  procedure(doc, sheet);
  footers(doc, sheet);
  doc.end();
  return done;
}

const width = (doc: Doc) => doc.page.width - doc.page.margins.left - doc.page.margins.right;
const bottom = (doc: Doc) => doc.page.height - doc.page.margins.bottom;
const text = (s: string) => s.split('\n').map(winAnsi).join('\n');

function box(doc: Doc, x: number, y: number, w: number, h: number, fill?: string): void {
  if (fill) doc.rect(x, y, w, h).fillAndStroke(fill, 'black').fillColor('black');
  else doc.rect(x, y, w, h).stroke();
}

function identity(doc: Doc, sheet: SopSheet): void {
  const id = sheet.identity;
  const left = doc.page.margins.left;
  const w = width(doc);
  const orgW = w * 0.45;
  const labelW = w * 0.16;
  const valueW = w - orgW - labelW;
  doc.lineWidth(0.6);
  const pairs: [string, string, boolean][] = [
    [L.number, id.number, false],
    [L.dateMade, id.dateMade, false],
    [L.dateRevised, id.dateRevised, false],
    [L.dateEffective, id.dateEffective, false],
    [L.approvedBy, id.approvedBy, false],
    [L.title, id.title, true],
  ];
  let y = doc.page.margins.top;
  const top = y;
  doc.fontSize(8.5);
  for (const [label, value, bold] of pairs) {
    doc.font(bold ? BOLD : REGULAR);
    const h = Math.max(doc.heightOfString(text(value) || ' ', { width: valueW - 2 * PAD }), 10) + 2 * PAD;
    box(doc, left + orgW, y, labelW, h);
    box(doc, left + orgW + labelW, y, valueW, h);
    doc.font(BOLD).text(text(label), left + orgW + PAD, y + PAD, { width: labelW - 2 * PAD });
    doc.font(bold ? BOLD : REGULAR).text(text(value), left + orgW + labelW + PAD, y + PAD, { width: valueW - 2 * PAD });
    y += h;
  }
  box(doc, left, top, orgW, y - top);
  const heading = [...id.organisation, '', L.heading, id.title].map((s) => text(s.toUpperCase())).join('\n');
  doc.font(BOLD).fontSize(10);
  const hh = doc.heightOfString(heading, { width: orgW - 4 * PAD, align: 'center' });
  doc.text(heading, left + 2 * PAD, top + (y - top - hh) / 2, { width: orgW - 4 * PAD, align: 'center' });

  y += 8;
  const half = w / 2;
  const blocks: [string, string[], string, string[]][] = [
    [L.legalBasis, id.legalBasis, L.qualifications, id.qualifications],
    [L.related, id.related, L.equipment, id.equipment],
    [L.warnings, id.warnings, L.records, id.records],
  ];
  for (const [a, av, b, bv] of blocks) {
    const body = (items: string[]) => (items.length ? items.map((s, i) => `${i + 1}. ${text(s)}`).join('\n') : '-');
    doc.font(REGULAR).fontSize(8.5);
    const h = Math.max(doc.heightOfString(body(av), { width: half - 2 * PAD }), doc.heightOfString(body(bv), { width: half - 2 * PAD })) + 14 + 2 * PAD;
    box(doc, left, y, half, h);
    box(doc, left + half, y, half, h);
    doc.font(BOLD).text(`${text(a)} :`, left + PAD, y + PAD, { width: half - 2 * PAD });
    doc.font(BOLD).text(`${text(b)} :`, left + half + PAD, y + PAD, { width: half - 2 * PAD });
    doc.font(REGULAR).text(body(av), left + PAD, y + PAD + 12, { width: half - 2 * PAD });
    doc.font(REGULAR).text(body(bv), left + half + PAD, y + PAD + 12, { width: half - 2 * PAD });
    y += h;
  }
  doc.font(REGULAR).fontSize(8).fillColor('#333333').text(text(L.versionNote(sheet.key, sheet.version, sheet.deployedAtText)), left, y + 8, { width: w }).fillColor('black');
}

interface Column {
  x: number;
  w: number;
}

function procedure(doc: Doc, sheet: SopSheet): void {
  const left = doc.page.margins.left;
  const w = width(doc);
  const fractions = columnWidths(sheet);
  const cols: Column[] = [];
  let x = left;
  for (const f of fractions) {
    cols.push({ x, w: f * w });
    x += f * w;
  }
  const lanes = sheet.lanes.length;
  const laneCol = (i: number) => cols[2 + i];
  const flowLeft = laneCol(0).x;
  const flowW = lanes * laneCol(0).w;
  const laneX = (lane: number) => laneCol(lane).x + laneCol(lane).w / 2;
  const quality = cols.slice(2 + lanes, cols.length - 1);
  const remarksCol = cols[cols.length - 1];
  const flows = flowOf(sheet);

  const header = () => {
    doc.font(BOLD).fontSize(10).text(text(L.procedureTitle(sheet.identity.title).toUpperCase()), left, doc.page.margins.top, { width: w, align: 'center' });
    const y0 = doc.y + 4;
    const h1 = 14;
    doc.fontSize(7);
    const subLabels = [...sheet.lanes.map((l) => l.name), ...(sheet.hasInput ? [L.input] : []), L.requirement, L.time, L.output];
    const h2 = Math.max(...subLabels.map((s, i) => doc.heightOfString(text(s), { width: cols[2 + i].w - 2 * PAD }))) + 2 * PAD;
    const cell = (label: string, cx: number, cy: number, cw: number, ch: number) => {
      box(doc, cx, cy, cw, ch, '#eeeeee');
      doc.font(BOLD).fontSize(7);
      const th = doc.heightOfString(text(label), { width: cw - 2 * PAD, align: 'center' });
      doc.text(text(label), cx + PAD, cy + (ch - th) / 2, { width: cw - 2 * PAD, align: 'center' });
    };
    cell(L.no, cols[0].x, y0, cols[0].w, h1 + h2);
    cell(L.activity, cols[1].x, y0, cols[1].w, h1 + h2);
    cell(L.performers, flowLeft, y0, flowW, h1);
    cell(L.quality, quality[0].x, y0, quality.reduce((s, c) => s + c.w, 0), h1);
    cell(L.remarks, remarksCol.x, y0, remarksCol.w, h1 + h2);
    subLabels.forEach((label, i) => cell(label, cols[2 + i].x, y0 + h1, cols[2 + i].w, h2));
    return y0 + h1 + h2;
  };

  let y = header();
  sheet.rows.forEach((r, i) => {
    const cells: [Column, string, string][] = [
      [cols[0], r.no, REGULAR],
      [cols[1], r.activity, r.shape === 'terminator' ? ITALIC : REGULAR],
      ...(sheet.hasInput ? [[quality[0], r.input, REGULAR] as [Column, string, string]] : []),
      [quality[quality.length - 3], r.requirement, REGULAR],
      [quality[quality.length - 2], r.time, REGULAR],
      [quality[quality.length - 1], r.output, REGULAR],
      [remarksCol, r.remarks.map((s) => (r.remarks.length > 1 ? `- ${s}` : s)).join('\n'), REGULAR],
    ];
    doc.fontSize(SIZE);
    const h = Math.max(MIN_ROW, ...cells.map(([c, s, f]) => doc.font(f).heightOfString(text(s) || ' ', { width: c.w - 2 * PAD }) + 2 * PAD));
    let cutAbove = false;
    if (y + h > bottom(doc)) {
      doc.addPage();
      y = header();
      cutAbove = true;
    }
    for (const c of cols) box(doc, c.x, y, c.w, h);
    for (const [c, s, f] of cells) {
      doc.font(f).fontSize(SIZE).text(text(s), c.x + PAD, y + PAD, { width: c.w - 2 * PAD, align: c === quality[quality.length - 2] || c === cols[0] ? 'center' : 'left' });
    }
    const cutBelow = !!flows[i].outDown && i + 1 < sheet.rows.length && rowWouldBreak(doc, sheet, i + 1, y + h, cols, quality, remarksCol);
    drawFlow(doc, flows[i], { top: y, h, laneX, lanes, laneW: laneCol(0).w, cutAbove: cutAbove && flows[i].inFromLane !== undefined, cutBelow, above: sheet.rows[i - 1]?.no ?? '', below: sheet.rows[i + 1]?.no ?? '' });
    y += h;
  });
}

/** Whether row `i` would start a new page below `y` (the same height rule as the table). */
function rowWouldBreak(doc: Doc, sheet: SopSheet, i: number, y: number, cols: Column[], quality: Column[], remarksCol: Column): boolean {
  const r = sheet.rows[i];
  const cells: [Column, string][] = [
    [cols[1], r.activity],
    ...(sheet.hasInput ? [[quality[0], r.input] as [Column, string]] : []),
    [quality[quality.length - 3], r.requirement],
    [quality[quality.length - 1], r.output],
    [remarksCol, r.remarks.map((s) => (r.remarks.length > 1 ? `- ${s}` : s)).join('\n')],
  ];
  doc.font(REGULAR).fontSize(SIZE);
  const h = Math.max(MIN_ROW, ...cells.map(([c, s]) => doc.heightOfString(text(s) || ' ', { width: c.w - 2 * PAD }) + 2 * PAD));
  return y + h > bottom(doc);
}

interface RowBox {
  top: number;
  h: number;
  laneX: (lane: number) => number;
  lanes: number;
  laneW: number;
  /** The line from the row above was cut by a page break: an off-page connector comes in (named by the row's number; a terminator has none). */
  cutAbove: boolean;
  /** The line to the row below will be cut: an off-page connector goes out. */
  cutBelow: boolean;
  above: string;
  below: string;
}

function offPage(doc: Doc, cx: number, y: number, label: string): void {
  // The off-page connector: a pentagon pointing down, naming the row on the other page.
  const w = 16;
  const h = 13;
  doc.polygon([cx - w / 2, y], [cx + w / 2, y], [cx + w / 2, y + h * 0.6], [cx, y + h], [cx - w / 2, y + h * 0.6]).fillAndStroke('white', 'black').fillColor('black');
  doc.font(BOLD).fontSize(5.5).text(text(label), cx - w / 2, y + 2.5, { width: w, align: 'center', lineBreak: false });
}

function drawFlow(doc: Doc, f: RowFlow, b: RowBox): void {
  const cy = b.top + b.h / 2;
  const x = b.laneX(f.lane);
  const half = shapeHalfHeight(f.shape);
  doc.lineWidth(0.6);
  if (f.inFromLane !== undefined) {
    if (b.cutAbove) {
      offPage(doc, x, b.top + 3, b.above);
      doc.moveTo(x, b.top + 16).lineTo(x, cy - half).stroke();
    } else if (f.inFromLane === f.lane) doc.moveTo(x, b.top).lineTo(x, cy - half).stroke();
    else {
      const from = b.laneX(f.inFromLane);
      const jog = b.top + Math.min(8, b.h * 0.12);
      doc.moveTo(from, b.top).lineTo(from, jog).lineTo(x, jog).lineTo(x, cy - half).stroke();
    }
  }
  if (f.outDown) {
    if (b.cutBelow) {
      doc.moveTo(x, cy + half).lineTo(x, b.top + b.h - 16).stroke();
      offPage(doc, x, b.top + b.h - 15, b.below);
    } else doc.moveTo(x, cy + half).lineTo(x, b.top + b.h).stroke();
  }
  const scale = Math.min(1, (b.laneW + 20) / BOX_W);
  doc.save();
  doc.translate(x - (BOX_W / 2) * scale, cy - (BOX_H / 2) * scale);
  doc.scale(scale);
  for (const m of shapeMarks(f)) pdfMark(doc, m);
  doc.restore();
}

function pdfMark(doc: Doc, m: Mark): void {
  switch (m.kind) {
    case 'line':
      doc.moveTo(...m.points[0]);
      for (const p of m.points.slice(1)) doc.lineTo(...p);
      doc.stroke();
      return;
    case 'arrow':
      if (m.dir === 'down') doc.polygon([m.x - 3, m.y - 5], [m.x + 3, m.y - 5], [m.x, m.y]).fill('black');
      else doc.polygon([m.x - 5, m.y - 3], [m.x - 5, m.y + 3], [m.x, m.y]).fill('black');
      return;
    case 'terminator':
      doc.roundedRect(m.x, m.y, m.w, m.h, m.h / 2).fillAndStroke('white', 'black').fillColor('black');
      return;
    case 'rect':
      doc.rect(m.x, m.y, m.w, m.h).fillAndStroke('white', 'black').fillColor('black');
      if (m.double) {
        doc.moveTo(m.x + 5, m.y).lineTo(m.x + 5, m.y + m.h).stroke();
        doc.moveTo(m.x + m.w - 5, m.y).lineTo(m.x + m.w - 5, m.y + m.h).stroke();
      }
      return;
    case 'diamond':
      doc.polygon([m.cx, m.cy - m.h / 2], [m.cx + m.w / 2, m.cy], [m.cx, m.cy + m.h / 2], [m.cx - m.w / 2, m.cy]).fillAndStroke('white', 'black').fillColor('black');
      return;
    case 'circle':
      doc.circle(m.cx, m.cy, m.r).fillAndStroke('white', 'black').fillColor('black');
      return;
    case 'text': {
      doc.font(m.bold ? BOLD : REGULAR).fontSize(m.size);
      const tw = doc.widthOfString(text(m.text));
      const tx = m.anchor === 'middle' ? m.x - tw / 2 : m.anchor === 'end' ? m.x - tw : m.x;
      doc.text(text(m.text), tx, m.y - m.size * 0.8, { lineBreak: false });
      return;
    }
  }
}

function footers(doc: Doc, sheet: SopSheet): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const y = doc.page.height - MARGIN - 10;
    // Writing in the bottom margin must not make pdfkit open a new page.
    const keep = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font(REGULAR).fontSize(7).fillColor('#333333');
    doc.text(text(`SOP ${sheet.identity.number} - ${L.versionShort(sheet.version)}, ${sheet.deployedAtText}`), MARGIN, y, { lineBreak: false });
    const page = text(L.page(i - range.start + 1, range.count));
    doc.text(page, doc.page.width - MARGIN - doc.widthOfString(page), y, { lineBreak: false });
    doc.fillColor('black');
    doc.page.margins.bottom = keep;
  }
}
