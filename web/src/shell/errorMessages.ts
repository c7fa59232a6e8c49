import type { ErrorCode } from '../../../src/contract/errors';
import type { MessageBundle } from '../i18n';

/**
 * The server's coded errors in the user's words. Keyed by the contract's ErrorCode, so a code the
 * server gains without a sentence here fails the type check (`npm test`).
 */
const id: Record<ErrorCode, string> = {
  'task.notCandidate': 'Tugas ini tidak ditujukan kepada Anda.',
  'task.claimedBy': 'Tugas ini sudah diambil oleh {assignee}.',
  'task.claimedJustNow': 'Tugas ini baru saja diambil oleh orang lain.',
  'task.onlyAssigneeReleases': 'Hanya pemegang tugas yang dapat melepaskannya.',
  'task.onlyAssigneeCompletes': 'Hanya pemegang tugas ({assignee}) yang dapat menyelesaikannya.',
  'task.claimFirst': 'Ambil tugas ini terlebih dahulu sebelum menyelesaikannya.',
  'task.changedConcurrently': 'Tugas ini baru saja diubah oleh orang lain. Muat ulang halaman lalu coba lagi.',
  'task.already.completed': 'Tugas ini sudah diselesaikan.',
  'task.already.cancelled': 'Tugas ini sudah dibatalkan (misalnya karena batas waktunya lewat).',
  'task.noLongerWaiting': 'Tugas ini tidak lagi menunggu: proses sudah berlanjut, misalnya karena batas waktunya lewat.',
  'task.unknown': 'Tugas ini tidak ditemukan.',
  'form.invalid': 'Isian formulir belum lengkap atau tidak sesuai.',
  'instance.changedConcurrently': 'Proses ini baru saja diubah oleh orang lain. Muat ulang halaman lalu coba lagi.',
  'instance.already.completed': 'Proses ini sudah selesai.',
  'instance.already.terminated': 'Proses ini sudah dihentikan.',
  'instance.already.failed': 'Proses ini berhenti karena kesalahan; hubungi admin sistem.',
  'opd.otherOpd': 'Pengaduan ini milik OPD lain.',
  'opd.unknown': 'OPD "{code}" tidak dikenal.',
  'opd.inactive': 'OPD {opd} sudah tidak aktif.',
  'opd.otherDistrict': 'OPD {opd} bukan dari kabupaten pengaduan ini.',
  'process.notDeployed': 'SOP {key} belum dipasang.',
  'process.startNotAllowed': 'Anda tidak berwenang memulai SOP {key}.',
  'bpmn.invalid': 'Diagram BPMN tidak valid.',
  'complaint.intakeRole': 'Peran Anda tidak berwenang mencatat pengaduan untuk kabupaten ini.',
  'complaint.answerNeeded': 'Pengaduan yang sudah ditindaklanjuti memerlukan jawabannya.',
  'attachment.empty': 'Berkas kosong.',
  'attachment.rejected': 'Isi berkas tidak sesuai jenisnya; yang diterima hanya JPEG, PNG, dan PDF.',
  'request.invalid': 'Masukan tidak valid.',
  'auth.throttled': 'Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam {minutes} menit.',
  'access.readOnly': 'Auditor hanya dapat membaca; perubahan tidak diizinkan.',
  'process.trackingIdKey': 'Nomor pelacakan pengaduan tidak dapat dipakai untuk memulai proses secara manual; pengaduan dimulai melalui input pengaduan.',
};

const en: Record<ErrorCode, string> = {
  'task.notCandidate': 'This task is not offered to you.',
  'task.claimedBy': 'This task is already claimed by {assignee}.',
  'task.claimedJustNow': 'Someone else claimed this task just now.',
  'task.onlyAssigneeReleases': 'Only the assignee can release this task.',
  'task.onlyAssigneeCompletes': 'Only the assignee ({assignee}) can complete this task.',
  'task.claimFirst': 'Claim this task before completing it.',
  'task.changedConcurrently': 'Someone else changed this task just now. Reload the page and try again.',
  'task.already.completed': 'This task is already completed.',
  'task.already.cancelled': 'This task was cancelled (e.g. its deadline passed).',
  'task.noLongerWaiting': 'This task is no longer waiting: the process moved on, e.g. because its deadline passed.',
  'task.unknown': 'This task does not exist.',
  'form.invalid': 'The form is incomplete or has invalid values.',
  'instance.changedConcurrently': 'Someone else changed this process just now. Reload the page and try again.',
  'instance.already.completed': 'This process has already ended.',
  'instance.already.terminated': 'This process was terminated.',
  'instance.already.failed': 'This process stopped with an error; contact the system administrator.',
  'opd.otherOpd': 'This complaint belongs to another OPD.',
  'opd.unknown': 'Unknown OPD "{code}".',
  'opd.inactive': 'The OPD {opd} is no longer active.',
  'opd.otherDistrict': "The OPD {opd} is not in this complaint's district.",
  'process.notDeployed': 'The SOP {key} is not deployed.',
  'process.startNotAllowed': 'You may not start the SOP {key}.',
  'bpmn.invalid': 'The BPMN diagram is not valid.',
  'complaint.intakeRole': 'Your role may not enter complaints for this district.',
  'complaint.answerNeeded': 'An already answered complaint needs its answer.',
  'attachment.empty': 'The file is empty.',
  'attachment.rejected': 'The file content does not match its type; only JPEG, PNG and PDF are accepted.',
  'request.invalid': 'Invalid input.',
  'auth.throttled': 'Too many failed sign-ins. Try again in {minutes} minutes.',
  'access.readOnly': 'Auditors can only read; changes are not allowed.',
  'process.trackingIdKey': "A complaint's tracking ID cannot start a process by hand; complaints start through intake.",
};

const keyed = (m: Record<ErrorCode, string>) => Object.fromEntries(Object.entries(m).map(([code, text]) => [`apiError.${code}`, text]));

export const errorMessages: MessageBundle = { id: keyed(id), en: keyed(en) };
