/** What the pages need of diagram-js's canvas, registry and selection. */
export interface DiagramElement {
  id: string;
  type?: string;
  labelTarget?: unknown;
  businessObject?: { name?: string; $type?: string };
  x?: number;
  y?: number;
  width?: number;
  height?: number;
  waypoints?: { x: number; y: number }[];
}
export interface Registry {
  get(id: string): DiagramElement | undefined;
  getAll(): DiagramElement[];
}
export interface Canvas {
  addMarker(id: string, marker: string): void;
  zoom(to: string, center?: string): void;
  getRootElement(): DiagramElement;
  viewbox(): { x: number; y: number; width: number; height: number; scale: number; outer: { width: number; height: number } };
  viewbox(box: { x: number; y: number; width: number; height: number }): void;
}
interface Diagram {
  get<T>(name: string): T;
}

/** A shape of a whole SOP sheet fitted to a phone is unreadable; focusing zooms in this far at least. */
const READABLE_SCALE = 0.9;

/** Scrolls the canvas so the element is in the middle, zooming in to a readable size if needed. */
export function centre(canvas: Canvas, element: DiagramElement): void {
  const points = element.waypoints ?? [
    { x: element.x ?? 0, y: element.y ?? 0 },
    { x: (element.x ?? 0) + (element.width ?? 0), y: (element.y ?? 0) + (element.height ?? 0) },
  ];
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const cx = (Math.min(...xs) + Math.max(...xs)) / 2;
  const cy = (Math.min(...ys) + Math.max(...ys)) / 2;
  const { scale, outer } = canvas.viewbox();
  const s = Math.max(scale, READABLE_SCALE);
  const width = outer.width / s;
  const height = outer.height / s;
  canvas.viewbox({ x: cx - width / 2, y: cy - height / 2, width, height });
}

/** Selects the element with this id and brings it into view; false when the diagram has none. */
export function focusElement(diagram: Diagram, id: string): boolean {
  const element = diagram.get<Registry>('elementRegistry').get(id);
  const selection = diagram.get<{ select(e: unknown): void }>('selection');
  if (!element) {
    selection.select(null);
    return false;
  }
  selection.select(element);
  centre(diagram.get<Canvas>('canvas'), element);
  return true;
}

/** The diagram's shapes a person can pick by name (no labels, flows or the root). */
export function pickableElements(diagram: Diagram): { id: string; label: string }[] {
  const root = diagram.get<Canvas>('canvas').getRootElement();
  return diagram
    .get<Registry>('elementRegistry')
    .getAll()
    .filter((e) => e !== root && !e.waypoints && !e.labelTarget && e.type !== 'label' && e.businessObject)
    .map((e) => {
      const type = (e.businessObject!.$type ?? '').replace(/^.*:/, '');
      const name = e.businessObject!.name?.trim();
      return { id: e.id, label: `${name ? `${name} · ` : ''}${type} (${e.id})` };
    })
    .sort((a, b) => a.label.localeCompare(b.label));
}
