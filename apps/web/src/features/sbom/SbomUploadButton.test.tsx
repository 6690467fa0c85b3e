import { describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import type { VigilClient } from '@vigil/client';
import { renderWithApp } from '../../test/render';
import { SbomUploadButton } from './SbomUploadButton';

const apiWith = (upload: ReturnType<typeof vi.fn>) => ({ api: { sbom: { upload } as unknown as VigilClient['sbom'] } });

function choose(file: File) {
  const input = document.querySelector('input[type="file"]');
  if (!input) throw new Error('no file input');
  fireEvent.change(input, { target: { files: [file] } });
}

describe('SbomUploadButton', () => {
  it('uploads the chosen file and says what was imported', async () => {
    const upload = vi.fn().mockResolvedValue({
      engagementId: 3,
      changed: true,
      format: 'cyclonedx',
      encoding: 'cyclonedx-json',
      specVersion: '1.6',
      componentCount: 12,
      dependencyCount: 4,
      contentHash: 'ab',
      importedAt: '2026-01-01T00:00:00.000Z',
      warnings: [],
    });
    renderWithApp(<SbomUploadButton engagementId={3} />, apiWith(upload));
    const file = new File(['{}'], 'bom.json', { type: 'application/json' });
    choose(file);
    await waitFor(() => expect(upload).toHaveBeenCalledWith(3, file, 'bom.json'));
    expect(await screen.findByText('Imported 12 components (cyclonedx-json 1.6).')).toBeInTheDocument();
  });

  it('shows why an SBOM was refused', async () => {
    const upload = vi.fn().mockRejectedValue(new Error('SBOM refused at /components/0/type: must be equal to one of'));
    renderWithApp(<SbomUploadButton engagementId={3} />, apiWith(upload));
    choose(new File(['{}'], 'bad.json'));
    expect(await screen.findByRole('alert')).toHaveTextContent('SBOM refused at /components/0/type');
  });
});
