import { refusedCamundaAttributes, refusedElements } from '../../../src/contract/bpmnSupport';

/**
 * The support table's problems (src/contract/bpmnSupport.ts, eventScopes.ts) in Bahasa Indonesia
 * for the modeler's lint. The server words them in English, in the deployment's 400; each has the
 * form "<where>: <reason>", with the element id in <where>. Here every reason the table can give
 * is matched by its English template and worded again in Indonesian, the element kept as named.
 * With English chosen the server's words are shown unchanged. A reason not listed here (a new
 * rule without its translation) is shown after an Indonesian lead-in; test/unit/supportMessages
 * checks that the table's own lists and the refusals of the test diagrams are all listed. Free of
 * the browser (the language is passed in), so the unit tests run it.
 */

/** The reasons of refusedElements, by element type (keys must match the table's). */
export const refusedElementsId: Record<keyof typeof refusedElements, string> = {
  'bpmn:GlobalTask': 'tugas global tidak dijalankan di sini; gambar tugasnya di dalam proses',
  'bpmn:GlobalUserTask': 'tugas global tidak dijalankan di sini; gambar tugas penggunanya di dalam proses',
  'bpmn:GlobalScriptTask': 'tugas global tidak dijalankan di sini; gambar tugas skripnya di dalam proses',
  'bpmn:GlobalManualTask': 'tugas global tidak dijalankan di sini; gambar tugasnya di dalam proses',
  'bpmn:PotentialOwner': 'pelaksana (human performer) tidak dibaca; gunakan camunda:candidateGroups atau camunda:candidateUsers',
  'bpmn:HumanPerformer': 'pelaksana (human performer) tidak dibaca; gunakan camunda:candidateGroups atau camunda:candidateUsers',
  'bpmn:Performer': 'pelaksana (performer) tidak dibaca; gunakan camunda:candidateGroups atau camunda:candidateUsers',
  'bpmn:DataStore': 'penyimpanan data tidak didukung',
  'bpmn:DataStoreReference': 'penyimpanan data tidak didukung',
  'bpmn:DataObject': 'objek data tidak didukung; gunakan variabel proses',
  'bpmn:DataObjectReference': 'objek data tidak didukung; gunakan variabel proses',
  'bpmn:StandardLoopCharacteristics': 'perulangan (loop) tidak didukung',
  'bpmn:ConditionalEventDefinition': 'peristiwa kondisional tidak didukung',
  'bpmn:LinkEventDefinition': 'peristiwa tautan tidak didukung',
  'bpmn:CompensateEventDefinition': 'kompensasi tidak didukung',
  'bpmn:CancelEventDefinition': 'peristiwa pembatalan tidak didukung',
  'bpmn:TerminateEventDefinition': 'peristiwa akhir penghentian (terminate) tidak didukung',
  'camunda:Script': 'nilai berupa skrip tidak dijalankan di sini; tulis teks atau nilai ${…}',
  'camunda:List': 'nilai berupa daftar tidak dijalankan di sini; tulis teks atau nilai ${…}',
  'camunda:Map': 'nilai berupa peta tidak dijalankan di sini; tulis teks atau nilai ${…}',
  'camunda:Entry': 'nilai berupa peta tidak dijalankan di sini; tulis teks atau nilai ${…}',
  'camunda:ExecutionListener': 'pendengar (listener) tidak dijalankan',
  'camunda:TaskListener': 'pendengar (listener) tidak dijalankan',
  'camunda:Connector': 'konektor tidak dijalankan',
  'camunda:Field': 'field untuk Java delegate tidak dijalankan',
  'camunda:FailedJobRetryTimeCycle': 'jumlah percobaan ulang ditetapkan oleh server',
};

/** The reasons of refusedCamundaAttributes, by attribute (keys must match the table's). */
export const refusedAttributesId: Record<keyof typeof refusedCamundaAttributes, string> = {
  class: 'Java delegate tidak dijalankan',
  delegateExpression: 'Java delegate tidak dijalankan',
  expression: 'ekspresi metode tidak dijalankan',
  type: 'hanya tugas layanan, kirim dan aturan bisnis yang menjadi tugas eksternal',
  topic: 'hanya tugas layanan, kirim dan aturan bisnis yang menjadi tugas eksternal',
  decisionRef: 'keputusan DMN tidak dijalankan di sini',
  decisionRefBinding: 'keputusan DMN tidak dijalankan di sini',
  decisionRefVersion: 'keputusan DMN tidak dijalankan di sini',
  decisionRefVersionTag: 'keputusan DMN tidak dijalankan di sini',
  decisionRefTenantId: 'keputusan DMN tidak dijalankan di sini',
  mapDecisionResult: 'keputusan DMN tidak dijalankan di sini',
  taskPriority: 'tugas eksternal diambil dari yang tertua; prioritas tidak disimpan',
  errorCodeVariable: 'galat yang ditangkap tidak disimpan dalam variabel',
  errorMessageVariable: 'galat yang ditangkap tidak disimpan dalam variabel',
  resource: 'skrip dari sumber luar tidak dibaca; tulis skripnya langsung di diagram',
  formKey: 'formulir berasal dari camunda:formData tugas',
  formRef: 'formulir berasal dari camunda:formData tugas',
  asyncBefore: 'setiap langkah sudah disimpan tersendiri',
  asyncAfter: 'setiap langkah sudah disimpan tersendiri',
  calledElementBinding: 'pemanggilan selalu memulai versi terbaru',
  calledElementVersion: 'pemanggilan selalu memulai versi terbaru',
  calledElementVersionTag: 'pemanggilan selalu memulai versi terbaru',
  calledElementTenantId: 'tenant tidak didukung',
  variableMappingClass: 'Java delegate tidak dijalankan',
  variableMappingDelegateExpression: 'Java delegate tidak dijalankan',
};

/**
 * The other reasons, English template → Indonesian. `{x}` stands for a part copied as it is
 * (names, ids, values); `{problem}` is an expression problem, itself translated.
 */
export const reasonsId: [string, string][] = [
  ['not supported', 'tidak didukung'],
  ['has no id', 'tidak memiliki id'],
  ['not supported on {type}', 'tidak didukung pada {type}'],
  ['script language "{format}" is not run here; only JavaScript ({list})', 'bahasa skrip "{format}" tidak dijalankan di sini; hanya JavaScript ({list})'],
  ['the script is empty', 'skripnya kosong'],
  ['the condition script is empty', 'skrip kondisinya kosong'],
  ['condition language "{language}" is not run here; use a ${…} expression or JavaScript', 'bahasa kondisi "{language}" tidak dijalankan di sini; gunakan ekspresi ${…} atau JavaScript'],
  ['a condition must be one ${…} expression (JUEL with code is not run)', 'kondisi harus berupa satu ekspresi ${…} (JUEL berisi kode tidak dijalankan)'],
  ['a condition must be one ${…} expression', 'kondisi harus berupa satu ekspresi ${…}'],
  ['not one of {list}', 'bukan salah satu dari {list}'],
  ['errorCode is missing (boundary events catch errors by it)', 'errorCode belum diisi (peristiwa batas menangkap galat berdasarkan kode ini)'],
  ['calledElement is missing', 'calledElement belum diisi'],
  ['a receive task needs a messageRef', 'tugas terima memerlukan messageRef'],
  ['a message needs a name (it is correlated by its name)', 'pesan memerlukan nama (pesan dicocokkan berdasarkan namanya)'],
  ['a signal needs a name (it is broadcast by its name)', 'sinyal memerlukan nama (sinyal disiarkan berdasarkan namanya)'],
  ['a message name with an expression is not supported', 'nama pesan berisi ekspresi tidak didukung'],
  ['a signal name with an expression is not supported', 'nama sinyal berisi ekspresi tidak didukung'],
  ['a message event needs a messageRef', 'peristiwa pesan memerlukan messageRef'],
  ['a signal event needs a signalRef', 'peristiwa sinyal memerlukan signalRef'],
  ['an event with several event definitions is not supported', 'peristiwa dengan beberapa definisi peristiwa tidak didukung'],
  ['a message start event runs only at the top of a process', 'peristiwa awal pesan hanya berjalan di tingkat teratas proses'],
  ['a signal start event runs only at the top of a process', 'peristiwa awal sinyal hanya berjalan di tingkat teratas proses'],
  ['a process started by a message has it as its only start event', 'proses yang dimulai oleh pesan hanya boleh memiliki peristiwa awal itu'],
  ['a process started by a signal has it as its only start event', 'proses yang dimulai oleh sinyal hanya boleh memiliki peristiwa awal itu'],
  [
    'message throw events are not run here (nothing sends messages); use a signal, or let the receiver be told through POST /api/messages',
    'peristiwa pelempar pesan tidak dijalankan di sini (tidak ada yang mengirim pesan); gunakan sinyal, atau beri tahu penerimanya melalui POST /api/messages',
  ],
  ['only call activities map variables', 'hanya aktivitas pemanggilan (call activity) yang memetakan variabel'],
  ['sourceExpression is not run; map a variable with source', 'sourceExpression tidak dijalankan; petakan variabel dengan source'],
  ['local variables are not supported', 'variabel lokal tidak didukung'],
  ['variables must be "all"', 'variables harus "all"'],
  ['needs both source and target', 'memerlukan source dan target sekaligus'],
  ['"{name}" is not a variable name', '"{name}" bukan nama variabel'],
  ['businessKey is passed with camunda:in', 'businessKey diteruskan dengan camunda:in'],
  ['maps nothing (source and target, variables="all" or businessKey)', 'tidak memetakan apa pun (source dan target, variables="all" atau businessKey)'],
  [
    'runs only as an external task (camunda:type="external" with camunda:topic); no code runs in the engine',
    'hanya berjalan sebagai tugas eksternal (camunda:type="external" dengan camunda:topic); tidak ada kode yang dijalankan di mesin',
  ],
  ['camunda:topic is missing', 'camunda:topic belum diisi'],
  ['camunda:topic "{topic}" must be a plain name (letters, digits, _ . : / -)', 'camunda:topic "{topic}" harus berupa nama biasa (huruf, angka, _ . : / -)'],
  ['only external tasks and embedded sub-processes throw BPMN errors here ({host})', 'hanya tugas eksternal dan sub-proses tertanam yang melempar galat BPMN di sini ({host})'],
  ['an error boundary event always interrupts (cancelActivity="false" is not BPMN)', 'peristiwa batas galat selalu menyela (cancelActivity="false" bukan BPMN)'],
  ["one without errorRef on {host} would also catch its scripts' failures; name the error (errorRef)", 'tanpa errorRef pada {host} juga akan menangkap kegagalan skripnya; sebutkan galatnya (errorRef)'],
  ['one catching every error must be the only error boundary event on {host}', 'yang menangkap semua galat harus menjadi satu-satunya peristiwa batas galat pada {host}'],
  ['another error boundary event on {host} catches errorCode "{code}" too', 'peristiwa batas galat lain pada {host} juga menangkap errorCode "{code}"'],
  ['input/output mappings run on user tasks and sub-processes only', 'pemetaan masukan/keluaran hanya berjalan pada tugas pengguna dan sub-proses'],
  ['input/output mappings on a multi-instance activity are not run here', 'pemetaan masukan/keluaran pada aktivitas multi-instans tidak dijalankan di sini'],
  ['an event sub-process needs exactly one start event', 'sub-proses peristiwa memerlukan tepat satu peristiwa awal'],
  [
    'an event sub-process starts on a timer, message, error or escalation start event, not a none start event',
    'sub-proses peristiwa dimulai oleh peristiwa awal waktu, pesan, galat atau eskalasi, bukan peristiwa awal tanpa jenis',
  ],
  ['an event sub-process has no sequence flows in or out', 'sub-proses peristiwa tidak memiliki alur urutan masuk atau keluar'],
  ['an event sub-process cannot be multi-instance', 'sub-proses peristiwa tidak dapat menjadi multi-instans'],
  ['boundary events on an event sub-process are not run', 'peristiwa batas pada sub-proses peristiwa tidak dijalankan'],
  ['a start event here has one event definition', 'peristiwa awal di sini memiliki satu definisi peristiwa'],
  ['an event sub-process starts on a timer, message, error or escalation here', 'sub-proses peristiwa di sini dimulai oleh waktu, pesan, galat atau eskalasi'],
  ['an error start event is always interrupting', 'peristiwa awal galat selalu menyela'],
  [
    'an interrupting timeCycle start fires once; use timeDuration or timeDate, or make it non-interrupting',
    'peristiwa awal timeCycle yang menyela hanya berbunyi sekali; gunakan timeDuration atau timeDate, atau jadikan tidak menyela',
  ],
  [
    'a non-interrupting boundary event that can occur again is not run while its path waits at {wait}: a second occurrence would wait behind the first, where Camunda 7 runs both; make it interrupting, or let its path end without waiting',
    'peristiwa batas tidak menyela yang dapat terjadi lagi tidak dijalankan selama alurnya menunggu di {wait}: kejadian kedua akan menunggu di belakang yang pertama, padahal Camunda 7 menjalankan keduanya; jadikan menyela, atau biarkan alurnya selesai tanpa menunggu',
  ],
  [
    'a non-interrupting event sub-process start that can occur again is not run while its event sub-process waits at {wait}: a second occurrence would wait behind the first, where Camunda 7 runs both; make it interrupting, or let the event sub-process end without waiting',
    'peristiwa awal tidak menyela yang dapat terjadi lagi tidak dijalankan selama sub-proses peristiwanya menunggu di {wait}: kejadian kedua akan menunggu di belakang yang pertama, padahal Camunda 7 menjalankan keduanya; jadikan menyela, atau biarkan sub-proses peristiwa selesai tanpa menunggu',
  ],
  ['an error start event names the error it catches (errorRef)', 'peristiwa awal galat menyebutkan galat yang ditangkapnya (errorRef)'],
  [
    'a start event in an embedded sub-process is a none start event; a timer start belongs in an event sub-process',
    'peristiwa awal di dalam sub-proses tertanam adalah peristiwa awal tanpa jenis; peristiwa awal waktu termasuk di sub-proses peristiwa',
  ],
  ['error start events run only in an event sub-process', 'peristiwa awal galat hanya berjalan di sub-proses peristiwa'],
  ['escalation start events run only in an event sub-process', 'peristiwa awal eskalasi hanya berjalan di sub-proses peristiwa'],
  ['error intermediate throw events are not run here; throw it with an error end event', 'peristiwa antara pelempar galat tidak dijalankan di sini; lemparkan dengan peristiwa akhir galat'],
  ['error catch events are not run here; catch the error with an event sub-process', 'peristiwa penangkap galat tidak dijalankan di sini; tangkap galatnya dengan sub-proses peristiwa'],
  ['escalation boundary events are not run here; catch the escalation with an event sub-process', 'peristiwa batas eskalasi tidak dijalankan di sini; tangkap eskalasinya dengan sub-proses peristiwa'],
  ['escalation catch events are not run here; catch the escalation with an event sub-process', 'peristiwa penangkap eskalasi tidak dijalankan di sini; tangkap eskalasinya dengan sub-proses peristiwa'],
  ['an error end event names its error (errorRef)', 'peristiwa akhir galat menyebutkan galatnya (errorRef)'],
  [
    'nothing catches this error: neither an error boundary event on its embedded sub-process nor an event sub-process of an enclosing scope; add one (or use a none end event)',
    'tidak ada yang menangkap galat ini: tidak ada peristiwa batas galat pada sub-proses tertanamnya maupun sub-proses peristiwa pada cakupan di atasnya; tambahkan salah satunya (atau gunakan peristiwa akhir tanpa jenis)',
  ],
  [
    'no event sub-process of an enclosing scope catches this escalation; add one (or use a none throw event)',
    'tidak ada sub-proses peristiwa pada cakupan di atasnya yang menangkap eskalasi ini; tambahkan satu (atau gunakan peristiwa pelempar tanpa jenis)',
  ],
  ['only user tasks, sub-processes and call activities run as multi-instance here', 'hanya tugas pengguna, sub-proses dan aktivitas pemanggilan yang berjalan sebagai multi-instans di sini'],
  ['needs loopCardinality or camunda:collection', 'memerlukan loopCardinality atau camunda:collection'],
  ['camunda:collection must name a variable holding a list ("reviewers" or "${reviewers}")', 'camunda:collection harus menyebut variabel berisi daftar ("reviewers" atau "${reviewers}")'],
  ['camunda:elementVariable "{name}" is not a variable name', 'camunda:elementVariable "{name}" bukan nama variabel'],
  ['camunda:elementVariable needs camunda:collection', 'camunda:elementVariable memerlukan camunda:collection'],
  ['loop data inputs and outputs are not run; use camunda:collection and camunda:elementVariable', 'masukan dan keluaran data perulangan tidak dijalankan; gunakan camunda:collection dan camunda:elementVariable'],
  ['{key} must be a ${…} expression', '{key} harus berupa ekspresi ${…}'],
  ['{key} must be a number or one ${…} expression', '{key} harus berupa angka atau satu ekspresi ${…}'],
  ['{key} must be one ${…} expression', '{key} harus berupa satu ekspresi ${…}'],
  ['"${{expr}}": only a variable name or path is allowed here', '"${{expr}}": di sini hanya boleh nama atau jalur variabel'],
];

/** The expression grammar's problems (src/engine/expressions.ts), after `"${…}": `. */
const expressionReasonsId: [string, string][] = [
  ['a string is not closed', 'teks (string) tidak ditutup'],
  ['"{symbol}" is not allowed', '"{symbol}" tidak diperbolehkan'],
  ['the expression is empty', 'ekspresinya kosong'],
  ['calls are not allowed', 'pemanggilan fungsi tidak diperbolehkan'],
  ['unexpected "{token}"', '"{token}" tidak diharapkan di sini'],
  ['"-" only negates a number', '"-" hanya menegatifkan angka'],
  ['the expression ends too early', 'ekspresinya berakhir terlalu cepat'],
  ['a "(" is not closed', 'tanda "(" tidak ditutup'],
  ['a "." must be followed by a name', 'tanda "." harus diikuti nama'],
  ['"{name}" is not allowed in a variable path', '"{name}" tidak diperbolehkan dalam jalur variabel'],
];

interface Template {
  pattern: RegExp;
  names: string[];
  id: string;
}

function compile(pairs: [string, string][]): Template[] {
  return pairs.map(([en, id]) => {
    const names: string[] = [];
    const source = en
      .split(/(\{\w+\})/)
      .map((part) => {
        const m = /^\{(\w+)\}$/.exec(part);
        if (!m) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        names.push(m[1]);
        return '(.+?)';
      })
      .join('');
    return { pattern: new RegExp(`^${source}$`), names, id };
  });
}

const fill = (template: string, names: string[], values: string[]) => template.replace(/\{(\w+)\}/g, (m, name: string) => (names.includes(name) ? values[names.indexOf(name)] : m));

function matchAny(text: string, templates: Template[]): string | undefined {
  for (const t of templates) {
    const m = t.pattern.exec(text);
    if (m) return fill(t.id, t.names, m.slice(1));
  }
  return undefined;
}

const reasons = compile([
  ...reasonsId,
  ...Object.entries(refusedElements).map(([type, en]): [string, string] => [en, refusedElementsId[type]]),
  ...Object.entries(refusedCamundaAttributes).map(([attribute, en]): [string, string] => [en, refusedAttributesId[attribute]]),
]);
const expressionReasons = compile(expressionReasonsId);

/** `"${a.b()}": calls are not allowed` → Indonesian, or undefined when it is no expression problem. */
function expressionProblem(text: string): string | undefined {
  const m = /^("\$\{.*\}"): (.+)$/.exec(text);
  if (!m) return undefined;
  const reason = matchAny(m[2], expressionReasons);
  return reason === undefined ? undefined : `${m[1]}: ${reason}`;
}

/** The element part of a message: ids, types and attributes stay; the English joining words do not. */
function where(text: string): string {
  return text
    .replace(/^error boundary event /, 'peristiwa batas galat ')
    .replace(/^multi-instance on /, 'multi-instans pada ')
    .replace(/^constraint (".*") on form field /, 'batasan $1 pada isian formulir ')
    .replace(/ condition$/, ' (kondisi)')
    .replace(/ on /g, ' pada ')
    .replace(/ (#\d+) in /g, ' $1 di ');
}

/** One support-table problem in Indonesian (`undefined` when no template knows it). */
export function supportProblemId(message: string): string | undefined {
  // The element part ends at the first ": " that a known reason follows (ids and types hold no ": ").
  for (let at = message.indexOf(': '); at >= 0; at = message.indexOf(': ', at + 1)) {
    const head = message.slice(0, at);
    const rest = message.slice(at + 2);
    const reason = matchAny(rest, reasons) ?? expressionProblem(rest);
    if (reason !== undefined) return `${where(head)}: ${reason}`;
  }
  return undefined;
}

/** A support-table problem as the modeler shows it: Indonesian first, the server's English when switched. */
export function describeSupportProblem(message: string, language: 'id' | 'en'): string {
  if (language === 'en') return message;
  return supportProblemId(message) ?? `Tidak dapat dijalankan di sini: ${message}`;
}
