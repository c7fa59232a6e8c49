import type { ModdleElement } from '../../engine/bpmnDefinition';
import type { SopEdge, SopLane, SopRow, SopShape } from './model';
import { stepDocumentation } from './stepDocumentation';
import { durationWords } from './words';

/**
 * The procedure table of an SOP sheet from a process's flow. Rows are the steps a Pelaksana does
 * (tasks, call activities, sub-processes, named intermediate events), a decision gateway right
 * after a task turns that task's row into a diamond (the SOP sheets draw "Kasi memeriksa:
 * benar/tidak" as one decision step), and start and end events are terminator rows without a
 * number. Joining and parallel gateways are drawn as the lines they are.
 *
 * Numbering follows the main path (at each decision the default flow, else the branch that goes
 * on rather than ending): 1, 2, 3 …; steps on a side branch take the number of the row they branch
 * from and a letter (3a, 3b), and are listed right after it, so each branch reads where it starts.
 * A non-interrupting timer that only notifies ("Lewat 1 hari" → "Beritahu Kasi") is a remark of
 * its task; a boundary event whose path leads to other work is a branch labelled with its name.
 */

type El = ModdleElement;
interface Target {
  node: El;
  label: string;
}

const isTask = (el: El) => /Task$/.test(el.$type) || el.$type === 'bpmn:CallActivity' || (el.$type === 'bpmn:SubProcess' && !el.triggeredByEvent);
const isGateway = (el: El) => el.$type.endsWith('Gateway');
const isDecisionGateway = (el: El) => ['bpmn:ExclusiveGateway', 'bpmn:InclusiveGateway', 'bpmn:EventBasedGateway'].includes(el.$type);
const isTerminator = (el: El) => el.$type === 'bpmn:StartEvent' || el.$type === 'bpmn:EndEvent';
const isIntermediate = (el: El) => el.$type === 'bpmn:IntermediateCatchEvent' || el.$type === 'bpmn:IntermediateThrowEvent';

const documentationOf = (el: El) => ((el.documentation as { text?: string }[] | undefined) ?? []).map((d) => d.text ?? '').join('\n');
const attr = (el: El, name: string): string | undefined => {
  const v = (el as { get?: (n: string) => unknown }).get?.(`camunda:${name}`) ?? el[name];
  return typeof v === 'string' ? v : undefined;
};

/** "Ya" for `${x}`, "Tidak" for `${!x}` (and == true/false); undefined for anything else. */
function conditionAnswer(flow: El): 'Ya' | 'Tidak' | undefined {
  const body = String((flow.conditionExpression as El | undefined)?.body ?? '').replace(/\s+/g, '');
  if (!body) return undefined;
  if (/^\$\{(!|not)[\w.]+\}$/.test(body) || /^\$\{[\w.]+(==false|!=true)\}$/.test(body)) return 'Tidak';
  if (/^\$\{[\w.]+(==true|!=false)?\}$/.test(body)) return 'Ya';
  return undefined;
}

/** Ya/Tidak for a two-way decision whose conditions say so (the default is the other answer); else the flows' names. */
function branchLabels(gateway: El, flows: El[]): string[] {
  const answers = flows.map(conditionAnswer);
  if (flows.length === 2) {
    const [a, b] = answers;
    const isDefault = (f: El) => gateway.default === f || !f.conditionExpression;
    const filled = [a ?? (isDefault(flows[0]) && b ? (b === 'Ya' ? 'Tidak' : 'Ya') : undefined), b ?? (isDefault(flows[1]) && a ? (a === 'Ya' ? 'Tidak' : 'Ya') : undefined)];
    if (filled[0] && filled[1] && filled[0] !== filled[1]) return filled as string[];
  }
  return flows.map((f, i) => answers[i] ?? f.name ?? '');
}

export interface Procedure {
  lanes: SopLane[];
  rows: SopRow[];
}

export function procedureOf(process: El): Procedure {
  const elements = (process.flowElements ?? []).filter((e) => !(e.$type === 'bpmn:SubProcess' && e.triggeredByEvent));
  const byId = new Map(elements.filter((e) => e.id).map((e) => [e.id!, e]));
  const outgoing = new Map<string, El[]>();
  const incoming = new Map<string, number>();
  for (const f of elements.filter((e) => e.$type === 'bpmn:SequenceFlow')) {
    const s = (f.sourceRef as El).id!;
    const t = (f.targetRef as El).id!;
    outgoing.set(s, [...(outgoing.get(s) ?? []), f]);
    incoming.set(t, (incoming.get(t) ?? 0) + 1);
  }
  const flowsOf = (el: El) => outgoing.get(el.id!) ?? [];
  const targetOf = (flow: El) => byId.get((flow.targetRef as El).id!)!;

  /** The decision gateway a task's one outgoing flow leads to, drawn as that task's diamond. */
  const absorbedGateway = (el: El): El | undefined => {
    if (!isTask(el) || flowsOf(el).length !== 1) return undefined;
    const next = targetOf(flowsOf(el)[0]);
    return isDecisionGateway(next) && flowsOf(next).length > 1 && (incoming.get(next.id!) ?? 0) === 1 ? next : undefined;
  };
  const absorbed = new Set(elements.map(absorbedGateway).filter((g): g is El => !!g));
  const isRow = (el: El) =>
    isTask(el) || isTerminator(el) || (isIntermediate(el) && !!el.name?.trim()) || (isDecisionGateway(el) && flowsOf(el).length > 1 && !absorbed.has(el));

  /** The rows a flow reaches, through the nodes drawn as mere lines. */
  const resolve = (el: El, label: string, seen = new Set<string>()): Target[] => {
    if (seen.has(el.id!)) return [];
    seen.add(el.id!);
    if (isRow(el)) return [{ node: el, label }];
    return flowsOf(el).flatMap((f) => resolve(targetOf(f), label || f.name || '', seen));
  };

  const boundaries = elements.filter((e) => e.$type === 'bpmn:BoundaryEvent');
  /** The elements a boundary event's flow reaches, up to and including the first task. */
  const pathOf = (boundary: El): El[] => {
    const seen = new Set<string>();
    const queue = [boundary];
    const out: El[] = [];
    while (queue.length) {
      const el = queue.shift()!;
      if (seen.has(el.id!)) continue;
      seen.add(el.id!);
      out.push(el);
      if (el !== boundary && isTask(el)) continue;
      queue.push(...flowsOf(el).map(targetOf));
    }
    return out;
  };
  const noticesOf = (path: El[]) => path.filter((n) => n.$type === 'bpmn:IntermediateThrowEvent' && n.name?.trim()).map((n) => n.name!.trim());
  /**
   * A boundary event that only notifies (a late timer → "Beritahu Kasi") is a remark of its task;
   * one whose flow leads to other work or ends the process ("Tanpa tanggapan 10 hari" → "Laporan
   * Selesai") is a branch of the sheet.
   */
  const onlyNotifies = (boundary: El) => {
    const path = pathOf(boundary);
    return !path.some((n) => n !== boundary && isTask(n)) && noticesOf(path).length > 0;
  };

  const edgeCache = new Map<El, Target[]>();
  const edgesOf = (el: El): Target[] => {
    let edges = edgeCache.get(el);
    if (edges) return edges;
    const gateway = isDecisionGateway(el) ? el : absorbedGateway(el);
    if (gateway) {
      const flows = flowsOf(gateway);
      const labels = branchLabels(gateway, flows);
      edges = flows.flatMap((f, i) => resolve(targetOf(f), labels[i]));
    } else {
      edges = flowsOf(el).flatMap((f) => resolve(targetOf(f), f.name && flowsOf(el).length > 1 ? f.name : ''));
    }
    for (const b of boundaries.filter((b) => (b.attachedToRef as El | undefined)?.id === el.id)) {
      if (!onlyNotifies(b)) edges = [...edges, ...flowsOf(b).flatMap((f) => resolve(targetOf(f), b.name ?? ''))];
    }
    edgeCache.set(el, edges);
    return edges;
  };

  const defaultTarget = (el: El): El | undefined => {
    const gateway = isDecisionGateway(el) ? el : absorbedGateway(el);
    const flow = gateway?.default as El | undefined;
    return flow ? resolve(targetOf(flow), '')[0]?.node : undefined;
  };
  /**
   * Where the main path goes on from `el`: the default flow, else the first branch that goes on
   * (neither ends nor loops back to a step already on the path), preferring "Ya".
   */
  const mainNext = (el: El, onPath: Set<El>): El | undefined => {
    const edges = edgesOf(el).filter((e) => !boundaries.some((b) => b.name && e.label === b.name && (b.attachedToRef as El | undefined)?.id === el.id));
    const goesOn = (n: El) => n.$type !== 'bpmn:EndEvent' && !onPath.has(n);
    const d = defaultTarget(el);
    if (d && goesOn(d)) return d;
    const going = edges.filter((e) => goesOn(e.node));
    return (going.find((e) => e.label === 'Ya') ?? going[0] ?? edges.find((e) => !onPath.has(e.node)))?.node;
  };

  const starts = elements.filter((e) => e.$type === 'bpmn:StartEvent');
  const main = new Set<El>();
  const mainNextOf = new Map<El, El>();
  const order: El[] = [];
  const numbers = new Map<El, string>();
  let mainCount = 0;
  interface Branch {
    base: string;
    next: number;
  }
  const place = (el: El, branch: Branch): void => {
    if (numbers.has(el) || order.includes(el)) return;
    order.push(el);
    let here = branch;
    if (!isTerminator(el)) {
      if (main.has(el)) {
        mainCount += 1;
        here = { base: String(mainCount), next: 0 };
        numbers.set(el, here.base);
      } else {
        numbers.set(el, `${branch.base}${String.fromCharCode(97 + (branch.next++ % 26))}`);
      }
    }
    const next = mainNextOf.get(el);
    for (const e of edgesOf(el)) if (e.node !== next && !main.has(e.node)) place(e.node, here);
    if (next) place(next, here);
  };
  for (const start of starts) {
    for (let el: El | undefined = start; el && !main.has(el); ) {
      main.add(el);
      const next = mainNext(el, main);
      if (next) mainNextOf.set(el, next);
      el = next;
    }
    place(start, { base: String(mainCount), next: 0 });
  }

  const lanes: SopLane[] = [];
  const laneOf = new Map<string, number>();
  const addLanes = (laneSet: El | undefined) => {
    for (const lane of (laneSet?.lanes as El[] | undefined) ?? []) {
      const child = lane.childLaneSet as El | undefined;
      if ((child?.lanes as El[] | undefined)?.length) {
        addLanes(child);
        continue;
      }
      lanes.push({ id: lane.id!, name: lane.name?.trim() || lane.id! });
      for (const ref of (lane.flowNodeRef as El[] | undefined) ?? []) laneOf.set(ref.id!, lanes.length - 1);
    }
  };
  addLanes((process.laneSets as El[] | undefined)?.[0]);
  if (!lanes.length) lanes.push({ id: '', name: 'Pelaksana' });

  const index = new Map(order.map((el, i) => [el, i]));
  const rows = order.map((el): SopRow => {
    const doc = stepDocumentation(documentationOf(el));
    const gateway = isDecisionGateway(el) ? el : absorbedGateway(el);
    const shape: SopShape = isTerminator(el) ? 'terminator' : gateway ? 'decision' : 'activity';
    const remarks = doc.remarks ? doc.remarks.split('\n') : [];
    if (gateway?.name?.trim() && gateway !== el) remarks.unshift(`Keputusan: ${gateway.name.trim()}`);
    for (const b of boundaries.filter((b) => (b.attachedToRef as El | undefined)?.id === el.id)) {
      if (onlyNotifies(b)) remarks.push(`${b.name?.trim() || 'Batas waktu'}: ${noticesOf(pathOf(b)).join(', ')}`);
    }
    const next: SopEdge[] = edgesOf(el).flatMap((e) => (index.has(e.node) ? [{ to: index.get(e.node)!, label: e.label }] : []));
    const fallbackName = el.$type === 'bpmn:StartEvent' ? 'Mulai' : el.$type === 'bpmn:EndEvent' ? 'Selesai' : el.id!;
    return {
      no: numbers.get(el) ?? '',
      elementId: el.id!,
      shape,
      ...(el.$type === 'bpmn:CallActivity' && typeof el.calledElement === 'string' ? { calls: el.calledElement } : {}),
      activity: el.name?.trim() || fallbackName,
      lane: laneOf.get(el.id!) ?? 0,
      input: doc.input,
      requirement: doc.requirement,
      time: shape === 'terminator' ? '' : doc.time || durationWords(attr(el, 'dueDate')),
      output: doc.output,
      remarks,
      next,
    };
  });
  return { lanes, rows };
}
