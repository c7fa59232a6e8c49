/** One item of a user's in-app inbox (GET /api/notifications). */
export interface InboxItem {
  id: string;
  /** tugas-ditugaskan, tugas-tersedia, pengingat, terlambat, diteruskan-ombudsman */
  kind: string;
  /** Bahasa Indonesia, with the task's name and the tracking ID. */
  title: string;
  /**
   * What the title is made of, for wording it in another language from `kind`: `task` (the task's
   * name), `trackingId`, `subject`, `reason`; each only when known. Empty for items written before
   * migration 18 (show `title` then).
   */
  params: Record<string, string>;
  /** A hash route of the web app: `#/tugas/<taskId>`, `#/riwayat/<instanceId>`, `#/riwayat?trackingId=…`. */
  link: string;
  createdAt: string;
  read: boolean;
}

export interface InboxPage {
  /** All of the caller's unread items, whatever the page. */
  unread: number;
  /** Newest first. */
  items: InboxItem[];
}
