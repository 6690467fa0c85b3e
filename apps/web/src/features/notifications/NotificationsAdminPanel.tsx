import { Stack, Title } from '@mantine/core';
import { NotificationChannelsPanel } from './NotificationChannelsPanel';
import { NotificationDefaultsPanel } from './NotificationDefaultsPanel';

/** Administration → Notifications: shared channels, then the system-wide defaults. */
export function NotificationsAdminPanel() {
  return (
    <Stack gap="lg">
      <div>
        <Title order={3} mb="sm">
          Channels
        </Title>
        <NotificationChannelsPanel />
      </div>
      <div>
        <Title order={3} mb="sm">
          System defaults
        </Title>
        <NotificationDefaultsPanel />
      </div>
    </Stack>
  );
}
