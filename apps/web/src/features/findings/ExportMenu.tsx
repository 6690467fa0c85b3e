import { useState } from 'react';
import { Button, Group, Menu, Text } from '@mantine/core';
import type { Finding, FindingSummary } from '@vigil/client';
import { downloadText, findingsToCsv, findingsToJson } from './export-findings';

/**
 * Exports the loaded rows: CSV from the table's own rows, JSON with every field of the same findings
 * (`fetchFull` asks the API for the full view).
 */
export function ExportMenu({
  findings,
  fetchFull,
}: {
  findings: readonly FindingSummary[];
  fetchFull: (count: number) => Promise<Finding[]>;
}) {
  const stamp = new Date().toISOString().slice(0, 10);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const exportJson = async () => {
    setBusy(true);
    setError(null);
    try {
      downloadText(findingsToJson(await fetchFull(findings.length)), `findings-${stamp}.json`, 'application/json');
    } catch (err) {
      setError(`JSON export failed: ${(err as Error).message}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Group gap="xs">
      {error && (
        <Text size="sm" c="red" role="alert">
          {error}
        </Text>
      )}
      <Menu position="bottom-end">
        <Menu.Target>
          <Button variant="default" disabled={findings.length === 0} loading={busy}>
            Export {findings.length} loaded
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item onClick={() => downloadText(findingsToCsv(findings), `findings-${stamp}.csv`, 'text/csv')}>
            CSV
          </Menu.Item>
          <Menu.Item onClick={() => void exportJson()}>JSON (all fields)</Menu.Item>
        </Menu.Dropdown>
      </Menu>
    </Group>
  );
}
