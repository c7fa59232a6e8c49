import type { HistoryRecord } from '../engine/history';
import type { AuditNotification } from './auditInstances';
import { csvRows, wibTime } from './spreadsheetCsv';

/** The history of one instance as a spreadsheet an auditor opens in Excel or LibreOffice. */

const header = ['waktu', 'jenis', 'elemen', 'nama elemen', 'pelaku', 'rincian'];

const typeLabels: Record<string, string> = {
  'instance-started': 'instans dimulai',
  'instance-completed': 'instans selesai',
  'instance-failed': 'instans gagal',
  'instance-terminated': 'instans dihentikan',
  'call-started': 'sub-proses dipanggil',
  'call-returned': 'sub-proses kembali',
  'element-entered': 'elemen dimasuki',
  'element-left': 'elemen ditinggalkan',
  'flow-taken': 'alur dilalui',
  'task-created': 'tugas dibuat',
  'task-claimed': 'tugas diambil',
  'task-unclaimed': 'tugas dilepas',
  'task-completed': 'tugas diselesaikan',
  'task-cancelled': 'tugas dibatalkan',
  'deadline-moved': 'tenggat dipindahkan (kalender kerja berubah)',
  'deadline-extended': 'ditunda: tenggat diperpanjang oleh atasan',
  migrated: 'instans dipindahkan ke versi lain',
  'timer-fired': 'timer berbunyi',
  'message-received': 'pesan diterima',
  'signal-received': 'sinyal diterima',
  'signal-thrown': 'sinyal dikirim',
  'error-caught': 'galat BPMN ditangkap',
  'external-task-created': 'tugas eksternal dibuat',
  'external-task-completed': 'tugas eksternal diselesaikan',
  'external-task-failed': 'tugas eksternal gagal',
  'external-task-bpmn-error': 'tugas eksternal melempar galat BPMN',
  'external-task-unlocked': 'kunci tugas eksternal dilepas',
  'external-task-retries-set': 'jumlah percobaan tugas eksternal diatur',
  incident: 'insiden',
  'incident-resolved': 'insiden diselesaikan',
  notification: 'pemberitahuan surel',
};

/** The engine's record keys in the auditors' words; a key not listed keeps its own name. */
const detailLabels: Record<string, string> = {
  variables: 'isian',
  message: 'keterangan',
  reason: 'alasan',
  calledElement: 'SOP dipanggil',
  childId: 'instans SOP lanjutan',
  parentId: 'instans pemanggil',
  errorCode: 'kode galat',
  name: 'nama',
  targets: 'jumlah penerima',
  jobId: 'pekerjaan',
  key: 'kunci proses',
  version: 'versi',
  definitionId: 'definisi',
  deployment: 'pemasangan',
  topic: 'topik',
  workerId: 'pekerja',
  retries: 'sisa percobaan',
};

/** Reasons the engine writes in English, in Indonesian. */
const reasonWords: Record<string, string> = {
  'the calling activity was left': 'aktivitas pemanggil ditinggalkan',
};

const valueText = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'boolean' ? (v ? 'ya' : 'tidak') : JSON.stringify(v));

function details(h: HistoryRecord): string {
  const { id: _id, type: _type, elementId: _e, at: _at, actor: _actor, executionId: _x, taskId: _t, changedVariables: _c, ...rest } = h;
  const parts: string[] = [];
  for (const [k, v] of Object.entries(rest)) {
    // Absent values are left out: an auditor reads what was said, not "null".
    if (v === undefined || v === null || v === '') continue;
    const label = detailLabels[k] ?? k;
    if (k === 'variables' && typeof v === 'object' && !Array.isArray(v)) {
      const given = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined && x !== null && x !== '');
      if (given.length) parts.push(`${label}: ${given.map(([name, x]) => `${name} = ${valueText(x)}`).join(', ')}`);
      continue;
    }
    if (k === 'variables' && Array.isArray(v)) {
      if (v.length) parts.push(`${label}: ${v.join(', ')}`);
      continue;
    }
    parts.push(`${label}: ${k === 'reason' && typeof v === 'string' ? (reasonWords[v] ?? v) : valueText(v)}`);
  }
  return parts.join('; ');
}

export interface HistoryCsvInput {
  history: HistoryRecord[];
  notifications: AuditNotification[];
  elementNames: Record<string, string>;
  actors: Record<string, string>;
}

export function historyCsv({ history, notifications, elementNames, actors }: HistoryCsvInput): string {
  const actor = (u: string | null) => (u ? (actors[u] && actors[u] !== u ? `${actors[u]} (${u})` : u) : '');
  const entries: { at: string; order: number; row: string[] }[] = history.map((h, i) => ({
    at: h.at,
    order: i,
    row: [wibTime(h.at), typeLabels[h.type] ?? h.type, h.elementId ?? '', h.elementId ? (elementNames[h.elementId] ?? '') : '', actor(h.actor), details(h)],
  }));
  for (const n of notifications) {
    entries.push({
      at: n.createdAt,
      order: Number.MAX_SAFE_INTEGER,
      row: [
        wibTime(n.createdAt),
        typeLabels.notification,
        n.elementId,
        elementNames[n.elementId] ?? '',
        '',
        [`alasan: ${n.reason}`, `kepada peran: ${n.role}${n.opd ? `:${n.opd}` : ''}`, n.taskName ? `tugas: ${n.taskName}` : '', n.sentAt ? `terkirim ${wibTime(n.sentAt)} WIB` : 'belum terkirim']
          .filter(Boolean)
          .join('; '),
      ],
    });
  }
  entries.sort((a, b) => a.at.localeCompare(b.at) || a.order - b.order);
  return csvRows([header, ...entries.map((e) => e.row)]);
}
