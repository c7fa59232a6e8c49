import { roles, isRoleId } from '../domain/roles';

export interface NotificationRow {
  id: string;
  instance_id: string;
  element_id: string;
  role: string;
  opd: string | null;
  reason: string;
  task_name: string | null;
  process_name: string | null;
  business_key: string | null;
  created_at: Date | string;
}

/** The mail for one notification, in Bahasa Indonesia (the users' language). */
export function notificationMail(row: NotificationRow): { subject: string; text: string } {
  const late = row.reason === 'terlambat';
  const task = row.task_name ?? 'tugas';
  const about = row.business_key ? ` (${row.business_key})` : '';
  const subject = late ? `Terlambat: ${task}${about}` : `Pengingat: ${task}${about}`;
  const roleLabel = isRoleId(row.role) ? roles[row.role].label : row.role;
  const text = [
    `Yth. ${roleLabel}${row.opd ? ` (${row.opd.toUpperCase()})` : ''},`,
    '',
    late
      ? `Tugas "${task}" pada ${row.process_name ?? 'SOP'}${about} telah melewati batas waktu standar SOP dan perlu ditindaklanjuti.`
      : `Tugas "${task}" pada ${row.process_name ?? 'SOP'}${about} mendekati batas waktu standar SOP.`,
    '',
    `Instans proses: ${row.instance_id}`,
    '',
    'Pesan ini dikirim otomatis oleh sistem pengelolaan pengaduan LAPOR!-SP4N.',
  ].join('\n');
  return { subject, text };
}
