import { Button, Menu } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { useApi } from './api-context';
import { useMe } from './use-me';

export function UserMenu() {
  const api = useApi();
  const me = useMe();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const logout = async () => {
    await api.auth.logout().catch(() => undefined);
    queryClient.clear();
    navigate('/login', { replace: true });
  };
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="default" size="sm" aria-label="Account menu">
          {me.data?.username ?? 'Account'}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item component={Link} to="/profile">
          Profile and API tokens
        </Menu.Item>
        <Menu.Item onClick={() => void logout()} color="red">
          Log out
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
