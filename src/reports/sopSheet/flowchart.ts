import type { SopSheet, SopShape } from './model';

/**
 * The flowchart of the procedure table, drawn row by row across the Pelaksana columns as the
 * Permenpan RB sheets draw it: a terminator (Mulai/Selesai), a rectangle per activity (double
 * sides for a step that is another SOP), a diamond per decision with its Ya/Tidak branches. A flow
 * to the row right below is a line (jogging sideways at the top of the lower row when the
 * Pelaksana changes); any other flow — a branch to a row further down, a loop back — goes through
 * a lettered on-page connector (a circle with the same letter at both ends), so lines never cross
 * the rows between. The PDF turns a line cut by a page break into off-page connectors.
 */
export interface RowFlow {
  shape: SopShape;
  calls: boolean;
  lane: number;
  /** Written in the shape: the row's number, or Mulai/Selesai. */
  text: string;
  /** The lane of the row above when the flow comes down from it. */
  inFromLane?: number;
  /** Present when the flow goes on to the row below; its label (Ya/Tidak) may be "". */
  outDown?: { label: string };
  /** Letters of the connectors that lead into this row. */
  connectorsIn: string[];
  /** Connectors leaving this row, with the branch's label. */
  connectorsOut: { letter: string; label: string }[];
}

export function flowOf(sheet: SopSheet): RowFlow[] {
  const flows: RowFlow[] = sheet.rows.map((r) => ({
    shape: r.shape,
    calls: !!r.calls,
    lane: r.lane,
    // A start event leads on, an end event does not.
    text: r.shape === 'terminator' ? (r.next.length ? 'Mulai' : 'Selesai') : r.no,
    connectorsIn: [],
    connectorsOut: [],
  }));
  const letters = new Map<number, string>();
  const letterFor = (to: number) => {
    let l = letters.get(to);
    if (!l) {
      l = connectorName(letters.size);
      letters.set(to, l);
      flows[to].connectorsIn.push(l);
    }
    return l;
  };
  sheet.rows.forEach((r, i) => {
    const seen = new Set<number>();
    for (const e of r.next) {
      if (seen.has(e.to)) continue;
      seen.add(e.to);
      if (e.to === i + 1 && !flows[i].outDown) {
        flows[i].outDown = { label: e.label };
        flows[i + 1].inFromLane = r.lane;
      } else {
        flows[i].connectorsOut.push({ letter: letterFor(e.to), label: e.label });
      }
    }
  });
  return flows;
}

/** A, B, … Z, AA, AB … */
function connectorName(n: number): string {
  return n < 26 ? String.fromCharCode(65 + n) : connectorName(Math.floor(n / 26) - 1) + String.fromCharCode(65 + (n % 26));
}

/** Drawing primitives in a shape box of BOX_W × BOX_H, the shape at its centre. */
export type Mark =
  | { kind: 'line'; points: [number, number][] }
  | { kind: 'arrow'; x: number; y: number; dir: 'down' | 'right' }
  | { kind: 'terminator'; x: number; y: number; w: number; h: number }
  | { kind: 'rect'; x: number; y: number; w: number; h: number; double: boolean }
  | { kind: 'diamond'; cx: number; cy: number; w: number; h: number }
  | { kind: 'circle'; cx: number; cy: number; r: number }
  | { kind: 'text'; x: number; y: number; text: string; size: number; anchor: 'start' | 'middle' | 'end'; bold?: boolean };

export const BOX_W = 120;
export const BOX_H = 56;
const CX = BOX_W / 2;
const CY = BOX_H / 2;
const SIZE: Record<SopShape, { w: number; h: number }> = { terminator: { w: 56, h: 20 }, activity: { w: 52, h: 24 }, decision: { w: 44, h: 28 } };

/** The half-height of the shape a row draws: where lines in and out meet it. */
export const shapeHalfHeight = (shape: SopShape) => SIZE[shape].h / 2;

/** The shape, its arrowhead, labels and connectors, in a BOX_W × BOX_H box centred on the lane. */
export function shapeMarks(f: RowFlow): Mark[] {
  const { w, h } = SIZE[f.shape];
  const marks: Mark[] = [];
  if (f.shape === 'terminator') marks.push({ kind: 'terminator', x: CX - w / 2, y: CY - h / 2, w, h });
  else if (f.shape === 'decision') marks.push({ kind: 'diamond', cx: CX, cy: CY, w, h });
  else marks.push({ kind: 'rect', x: CX - w / 2, y: CY - h / 2, w, h, double: f.calls });
  marks.push({ kind: 'text', x: CX, y: CY + 3, text: f.text, size: f.shape === 'terminator' ? 7 : 8, anchor: 'middle', bold: f.shape !== 'terminator' });
  if (f.inFromLane !== undefined) marks.push({ kind: 'arrow', x: CX, y: CY - h / 2, dir: 'down' });
  if (f.outDown?.label) marks.push({ kind: 'text', x: CX + 3, y: CY + h / 2 + 8, text: f.outDown.label, size: 6, anchor: 'start' });
  f.connectorsIn.forEach((letter, i) => {
    const cy = CY - 8 + i * 14;
    marks.push({ kind: 'circle', cx: 10, cy, r: 6 }, { kind: 'text', x: 10, y: cy + 2.5, text: letter, size: 6, anchor: 'middle', bold: true });
    marks.push({ kind: 'line', points: [[16, cy], [CX - w / 2 - 1, CY]] }, { kind: 'arrow', x: CX - w / 2, y: CY, dir: 'right' });
  });
  f.connectorsOut.forEach((c, i) => {
    const cy = CY - 8 + i * 14;
    marks.push({ kind: 'line', points: [[CX + w / 2, CY], [BOX_W - 17, cy]] });
    marks.push({ kind: 'circle', cx: BOX_W - 10, cy, r: 6 }, { kind: 'text', x: BOX_W - 10, y: cy + 2.5, text: c.letter, size: 6, anchor: 'middle', bold: true });
    if (c.label) marks.push({ kind: 'text', x: BOX_W - 17, y: cy - 3, text: c.label, size: 6, anchor: 'end' });
  });
  return marks;
}
