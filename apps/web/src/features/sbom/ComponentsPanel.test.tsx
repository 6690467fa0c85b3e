import { describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { InventoryComponent, VigilClient } from '@vigil/client';
import { renderWithApp } from '../../test/render';
import { ComponentsPanel } from './ComponentsPanel';

const lodash: InventoryComponent = {
  id: 1,
  bomRef: 'lodash',
  name: 'lodash',
  group: null,
  version: '4.17.21',
  type: 'library',
  purl: 'pkg:npm/lodash@4.17.21',
  purlType: 'npm',
  ecosystem: 'npm',
  scope: 'required',
  hashes: [],
  licenses: ['MIT'],
  dependencyCount: 2,
};

const apiWith = (sbom: Partial<VigilClient['sbom']>) => ({ api: { sbom: sbom as VigilClient['sbom'] } });

describe('ComponentsPanel', () => {
  it('lists the inventory and searches it', async () => {
    const components = vi.fn().mockResolvedValue({ items: [lodash], nextCursor: null });
    renderWithApp(<ComponentsPanel engagementId={7} canImport={false} />, apiWith({ components }));
    const table = await screen.findByRole('table', { name: 'Components' });
    expect(within(table).getByText('pkg:npm/lodash@4.17.21')).toBeInTheDocument();
    expect(within(table).getByText('MIT')).toBeInTheDocument();
    expect(within(table).getByText('required')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Upload SBOM' })).not.toBeInTheDocument();
    fireEvent.change(screen.getByLabelText('Search components'), { target: { value: 'loda' } });
    await waitFor(() => expect(components).toHaveBeenLastCalledWith(7, { q: 'loda', limit: 200 }));
  });

  it('says when there is no inventory yet', async () => {
    const components = vi.fn().mockResolvedValue({ items: [], nextCursor: null });
    renderWithApp(<ComponentsPanel engagementId={7} canImport />, apiWith({ components }));
    expect(await screen.findByText('No inventory yet')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Upload SBOM' })).toBeInTheDocument();
  });
});
