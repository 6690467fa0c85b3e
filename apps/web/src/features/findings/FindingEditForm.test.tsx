import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ApiError, type FindingDetail, type VigilClient } from '@vigil/client';
import { renderWithApp } from '../../test/render';
import { FindingEditForm } from './FindingEditForm';

const finding = {
  id: 7,
  productId: 3,
  title: 'Weak TLS',
  severity: 'Medium',
  cwe: 326,
  vulnerabilityIds: ['CVE-2026-1'],
  componentName: null,
  componentVersion: null,
  filePath: null,
  line: null,
  description: 'old',
  mitigation: null,
  impact: null,
  references: null,
  tags: ['tls'],
  assigneeId: null,
} as unknown as FindingDetail;

function api(update: ReturnType<typeof vi.fn>) {
  return {
    findings: { update } as unknown as VigilClient['findings'],
    products: {
      members: vi.fn().mockResolvedValue({ items: [{ id: 1, userId: 42, username: 'dana', role: 'Writer' }] }),
    } as unknown as VigilClient['products'],
  };
}

describe('FindingEditForm', () => {
  it('sends the edited fields, lists, and the chosen assignee', async () => {
    const update = vi.fn().mockResolvedValue({});
    const onDone = vi.fn();
    renderWithApp(<FindingEditForm finding={finding} onDone={onDone} />, { api: api(update) });
    await userEvent.selectOptions(screen.getByLabelText('Severity'), 'High');
    await userEvent.clear(screen.getByLabelText('Tags', { exact: false }));
    await userEvent.type(screen.getByLabelText('Tags', { exact: false }), 'tls, pci');
    await screen.findByRole('option', { name: 'dana' });
    await userEvent.selectOptions(screen.getByLabelText('Assignee'), 'dana');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(update).toHaveBeenCalledWith(
      7,
      expect.objectContaining({
        severity: 'High',
        tags: ['tls', 'pci'],
        assigneeId: 42,
        vulnerabilityIds: ['CVE-2026-1'],
        cwe: 326,
      }),
    );
  });

  it("shows the server's validation message next to the field", async () => {
    const update = vi
      .fn()
      .mockRejectedValue(
        new ApiError(400, 'VALIDATION_FAILED', 'Invalid request', [
          { path: 'body.title', message: 'Title is too long' },
        ]),
      );
    renderWithApp(<FindingEditForm finding={finding} onDone={vi.fn()} />, { api: api(update) });
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Title is too long')).toBeInTheDocument();
  });
});
