/** The notification bell (new tasks, missed deadlines, escalations that concern the user). */
export function NotificationBell() {
  return null;
}
