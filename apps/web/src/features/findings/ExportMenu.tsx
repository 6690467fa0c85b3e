import { Button, Menu } from '@mantine/core';
import type { Finding } from '@vigil/client';
import { downloadText, findingsToCsv, findingsToJson } from './export-findings';

export function ExportMenu({ findings }: { findings: readonly Finding[] }) {
  const stamp = new Date().toISOString().slice(0, 10);
  return (
    <Menu position="bottom-end">
      <Menu.Target>
        <Button variant="default" disabled={findings.length === 0}>
          Export {findings.length} loaded
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item onClick={() => downloadText(findingsToCsv(findings), `findings-${stamp}.csv`, 'text/csv')}>CSV</Menu.Item>
        <Menu.Item onClick={() => downloadText(findingsToJson(findings), `findings-${stamp}.json`, 'application/json')}>JSON</Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
