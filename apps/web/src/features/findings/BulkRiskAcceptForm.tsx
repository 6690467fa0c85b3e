import { useState } from 'react';
import { Button, Checkbox, Group, Stack, Text, TextInput, Textarea } from '@mantine/core';
import type { FindingSummary } from '@vigil/client';
import { useApi } from '../../app/api-context';
import { useMe } from '../../app/use-me';
import { FormError } from '../../components/FormError';
import { useApiMutation } from '../../hooks/use-api-mutation';
import { queryKeys } from '../../app/query-keys';

/**
 * Accepts the risk of the selected findings: one risk acceptance per product (acceptances are
 * per product), owned by the caller, optionally expiring (the findings then come back).
 */
export function BulkRiskAcceptForm({
  findings,
  onDone,
  onCancel,
}: {
  findings: FindingSummary[];
  onDone: () => void;
  onCancel: () => void;
}) {
  const api = useApi();
  const me = useMe();
  const [name, setName] = useState('');
  const [details, setDetails] = useState('');
  const [expirationDate, setExpiration] = useState('');
  const [reactivate, setReactivate] = useState(true);
  const byProduct = new Map<number, number[]>();
  for (const f of findings) byProduct.set(f.productId, [...(byProduct.get(f.productId) ?? []), f.id]);
  const save = useApiMutation(
    async () => {
      for (const [productId, findingIds] of byProduct) {
        await api.riskAcceptances.create({
          productId,
          name,
          decision: 'accept',
          decisionDetails: details || undefined,
          ownerId: me.data!.id,
          expirationDate: expirationDate || null,
          reactivateExpired: reactivate,
          findingIds,
        });
      }
    },
    { invalidate: [queryKeys.findings.all, queryKeys.dashboard.all, queryKeys.products.all], onSuccess: onDone },
  );
  const e = save.fieldErrors;
  return (
    <form onSubmit={(ev) => (ev.preventDefault(), save.mutate(undefined))} aria-label="Accept risk">
      <Stack gap="sm">
        <Text size="sm">
          {findings.length} finding{findings.length === 1 ? '' : 's'}; {byProduct.size} risk acceptance
          {byProduct.size === 1 ? '' : 's'} will be created (one per product).
        </Text>
        <TextInput
          label="Name"
          required
          value={name}
          onChange={(ev) => setName(ev.currentTarget.value)}
          error={e.name}
        />
        <Textarea
          label="Justification"
          autosize
          minRows={2}
          value={details}
          onChange={(ev) => setDetails(ev.currentTarget.value)}
          error={e.decisionDetails}
        />
        <TextInput
          label="Expires on"
          type="date"
          value={expirationDate}
          onChange={(ev) => setExpiration(ev.currentTarget.value)}
          error={e.expirationDate}
        />
        <Checkbox
          label="Reactivate the findings when it expires"
          checked={reactivate}
          onChange={(ev) => setReactivate(ev.currentTarget.checked)}
        />
        <FormError message={save.formError} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" disabled={!name.trim() || !me.data} loading={save.isPending}>
            Accept risk
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
