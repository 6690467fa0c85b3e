import { ActionIcon, Indicator, Tooltip } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useApi } from '../../app/api-context';
import { useRealtimeEvents } from '../../realtime/realtime-context';
import { UNREAD_POLL_MS } from './notification-queries';
import { queryKeys } from '../../app/query-keys';

/**
 * The header bell: unread in-app alerts, linking to the notifications page. A live
 * `notification.created` (pushed to the user's room) refreshes the count and the list at once;
 * the poll covers a lost connection.
 */
export function NotificationBell() {
  const api = useApi();
  const queryClient = useQueryClient();
  const unread = useQuery({
    queryKey: queryKeys.notifications.unread,
    queryFn: () => api.notifications.unreadCount(),
    refetchInterval: UNREAD_POLL_MS,
  });
  useRealtimeEvents((e) => {
    if (e.type === 'notification.created')
      void queryClient.invalidateQueries({ queryKey: queryKeys.notifications.all });
  });
  const count = unread.data?.unread ?? 0;
  const label = unread.error
    ? 'Notifications (count unavailable)'
    : count
      ? `Notifications: ${count} unread`
      : 'Notifications: none unread';
  return (
    <Tooltip label={label}>
      <Indicator label={count > 99 ? '99+' : count} size={16} disabled={!count} color="red" offset={4}>
        <ActionIcon component={Link} to="/notifications" variant="subtle" size="lg" aria-label={label}>
          <svg
            width="20"
            height="20"
            viewBox="0 0 24 24"
            fill="none"
            stroke="currentColor"
            strokeWidth="2"
            aria-hidden="true"
          >
            <path d="M18 8a6 6 0 1 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
            <path d="M13.73 21a2 2 0 0 1-3.46 0" />
          </svg>
        </ActionIcon>
      </Indicator>
    </Tooltip>
  );
}
