import { AppShell, Burger, Group, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Outlet, useLocation } from 'react-router';
import { useEffect } from 'react';
import { NavMenu } from './NavMenu';
import { ThemeToggle } from './ThemeToggle';
import { UserMenu } from './UserMenu';
import { ImportButton } from '../features/import/ImportButton';
import { NotificationBell } from '../features/notifications/NotificationBell';

export function AppLayout() {
  const [opened, { toggle, close }] = useDisclosure(false);
  const location = useLocation();
  useEffect(close, [location.pathname, close]);
  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 220, breakpoint: 'md', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="md" size="sm" aria-label="Toggle navigation" />
            <Text fw={800} size="lg" component="span">
              Vigil
            </Text>
          </Group>
          <Group gap="xs" wrap="nowrap">
            <ImportButton />
            <NotificationBell />
            <ThemeToggle />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Main navigation">
        <NavMenu />
      </AppShell.Navbar>
      <AppShell.Main>
        <a href="#main" className="visually-hidden-focusable" style={{ position: 'absolute', left: -9999 }}>
          Skip to content
        </a>
        <main id="main" tabIndex={-1} style={{ outline: 'none' }}>
          <Outlet />
        </main>
      </AppShell.Main>
    </AppShell>
  );
}
