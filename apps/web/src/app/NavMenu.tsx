import { NavLink } from '@mantine/core';
import { NavLink as RouterLink, useLocation } from 'react-router';
import { useMe } from './use-me';

const ITEMS = [
  { to: '/', label: 'Dashboard', exact: true },
  { to: '/product-types', label: 'Product types' },
  { to: '/products', label: 'Products' },
  { to: '/engagements', label: 'Engagements' },
  { to: '/findings', label: 'Findings' },
  { to: '/advisories', label: 'Advisories' },
  { to: '/teams', label: 'Teams' },
];

export function NavMenu() {
  const { pathname } = useLocation();
  const me = useMe();
  const items = me.data?.isAdmin ? [...ITEMS, { to: '/admin', label: 'Admin' }] : ITEMS;
  return (
    <nav>
      {items.map((item) => {
        const active = 'exact' in item ? pathname === item.to : pathname.startsWith(item.to);
        return (
          <NavLink
            key={item.to}
            component={RouterLink}
            to={item.to}
            label={item.label}
            active={active}
            aria-current={active ? 'page' : undefined}
          />
        );
      })}
    </nav>
  );
}
