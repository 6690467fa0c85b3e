import { useState, type ReactNode } from 'react';
import { Button, Group, Modal, Table, Text, type MantineSize } from '@mantine/core';
import { QueryState } from './QueryState';

export interface CrudColumn<T> {
  header: string;
  cell: (item: T) => ReactNode;
  align?: 'right';
}

/**
 * An administration list: a toolbar (the last action's error, a "New …" button), a table of the
 * items with a per-row actions cell, and a modal holding the create/edit form. The panels of SLA
 * configurations, Jira instances and notification channels are this with their own columns,
 * actions and form. `actions` gets `edit(item)` to open the form on that item.
 */
export function CrudPanel<T extends { id: number }>(props: {
  query: { isPending: boolean; error: unknown; data: { items: T[] } | undefined; refetch?: () => unknown };
  /** The table's accessible name, e.g. "SLA configurations". */
  label: string;
  empty: ReactNode;
  loadingLabel?: string;
  newLabel: string;
  /** The modal's title: for a new item (`item` undefined) or an edited one. */
  formTitle: (item: T | undefined) => string;
  form: (item: T | undefined, done: () => void) => ReactNode;
  columns: CrudColumn<T>[];
  actions: (item: T, edit: (item: T) => void) => ReactNode;
  /** The error of the last row action, shown in the toolbar. */
  error?: string | null;
  modalSize?: MantineSize;
  /** Further modals or content after the table. */
  children?: ReactNode;
}) {
  const [editing, setEditing] = useState<T | 'new' | null>(null);
  const done = () => setEditing(null);
  const item = editing === 'new' || editing === null ? undefined : editing;
  return (
    <>
      <Group justify={props.error === undefined ? 'flex-end' : 'space-between'} mb="sm">
        {props.error !== undefined && (
          <Text c="red" size="sm" role={props.error ? 'alert' : undefined}>
            {props.error}
          </Text>
        )}
        <Button onClick={() => setEditing('new')}>{props.newLabel}</Button>
      </Group>
      <QueryState
        query={props.query}
        isEmpty={(d) => d.items.length === 0}
        empty={props.empty}
        label={props.loadingLabel}
      >
        {(d) => (
          <Table striped aria-label={props.label}>
            <Table.Thead>
              <Table.Tr>
                {props.columns.map((c) => (
                  <Table.Th key={c.header} ta={c.align}>
                    {c.header}
                  </Table.Th>
                ))}
                <Table.Th>
                  <span className="sr-only">Actions</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {d.items.map((row) => (
                <Table.Tr key={row.id}>
                  {props.columns.map((c) => (
                    <Table.Td key={c.header} ta={c.align}>
                      {c.cell(row)}
                    </Table.Td>
                  ))}
                  <Table.Td>{props.actions(row, setEditing)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </QueryState>
      <Modal
        opened={editing !== null}
        onClose={done}
        title={editing === null ? '' : props.formTitle(item)}
        size={props.modalSize ?? 'lg'}
      >
        {editing !== null && props.form(item, done)}
      </Modal>
      {props.children}
    </>
  );
}
