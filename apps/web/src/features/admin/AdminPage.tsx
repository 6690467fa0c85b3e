import { Tabs } from '@mantine/core';
import { useLocation, useNavigate } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { AuditLogPanel } from './AuditLogPanel';
import { JiraInstancesPanel } from '../jira/JiraInstancesPanel';
import { SlaConfigurationsPanel } from './SlaConfigurationsPanel';
import { SystemPanel } from './SystemPanel';
import { UsersPanel } from './UsersPanel';
import { JobsPanel } from '../jobs/JobsPanel';
import { NotificationsAdminPanel } from '../notifications/NotificationsAdminPanel';

const TABS = ['users', 'sla', 'jira', 'notifications', 'audit', 'jobs', 'system'] as const;

export function AdminPage() {
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const current = TABS.find((t) => pathname.endsWith(`/${t}`)) ?? 'users';
  return (
    <>
      <PageHeader title="Administration" />
      <Tabs value={current} onChange={(v) => navigate(`/admin/${v}`)} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="users">Users</Tabs.Tab>
          <Tabs.Tab value="sla">SLA configurations</Tabs.Tab>
          <Tabs.Tab value="jira">Jira</Tabs.Tab>
          <Tabs.Tab value="notifications">Notifications</Tabs.Tab>
          <Tabs.Tab value="audit">Audit log</Tabs.Tab>
          <Tabs.Tab value="jobs">Jobs</Tabs.Tab>
          <Tabs.Tab value="system">System</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="users">
          <UsersPanel />
        </Tabs.Panel>
        <Tabs.Panel value="sla">
          <SlaConfigurationsPanel />
        </Tabs.Panel>
        <Tabs.Panel value="jira">
          <JiraInstancesPanel />
        </Tabs.Panel>
        <Tabs.Panel value="notifications">
          <NotificationsAdminPanel />
        </Tabs.Panel>
        <Tabs.Panel value="audit">
          <AuditLogPanel />
        </Tabs.Panel>
        <Tabs.Panel value="jobs">
          <JobsPanel />
        </Tabs.Panel>
        <Tabs.Panel value="system">
          <SystemPanel />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
