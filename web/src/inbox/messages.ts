import type { MessageBundle } from '../i18n';

export const messages: MessageBundle = {
  id: {
    'inbox.title': 'Kotak Masuk',
    'inbox.bell': 'Kotak masuk',
    'inbox.unreadCount': '{n} pemberitahuan belum dibaca',
    'inbox.markAll': 'Tandai semua dibaca',
    'inbox.empty': 'Belum ada pemberitahuan.',
    'inbox.unread': 'Belum dibaca',
    'inbox.more': 'Muat lebih banyak',
    'inbox.kind.tugas-ditugaskan': 'Tugas untuk Anda',
    'inbox.kind.tugas-tersedia': 'Tugas baru',
    'inbox.kind.pengingat': 'Pengingat',
    'inbox.kind.terlambat': 'Terlambat',
    'inbox.kind.diteruskan-ombudsman': 'Ombudsman RI',
  },
  en: {
    'inbox.title': 'Inbox',
    'inbox.bell': 'Inbox',
    'inbox.unreadCount': '{n} unread notifications',
    'inbox.markAll': 'Mark all as read',
    'inbox.empty': 'No notifications yet.',
    'inbox.unread': 'Unread',
    'inbox.more': 'Load more',
    'inbox.kind.tugas-ditugaskan': 'Assigned to you',
    'inbox.kind.tugas-tersedia': 'New task',
    'inbox.kind.pengingat': 'Reminder',
    'inbox.kind.terlambat': 'Late',
    'inbox.kind.diteruskan-ombudsman': 'Ombudsman RI',
  },
};
