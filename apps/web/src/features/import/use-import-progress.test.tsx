import { describe, expect, it, vi } from 'vitest';
import { act, screen } from '@testing-library/react';
import type { RealtimeEvent } from '@vigil/client/realtime-client.ts';
import type { ImportRequestStatus, VigilClient } from '@vigil/client';
import { renderWithApp } from '../../test/render';
import { RealtimeContext, type RealtimeLike } from '../../realtime/realtime-context';
import { useImportProgress } from './use-import-progress';

function Probe({ id }: { id: number }) {
  const p = useImportProgress(id);
  return (
    <p data-testid="progress">
      {p.percent} {p.label}
    </p>
  );
}

const status = (state: ImportRequestStatus['state']): ImportRequestStatus => ({
  id: 4,
  state,
  mode: 'import',
  scanType: 'Trivy Scan',
  filename: 'big.json',
  productId: 1,
  testId: null,
  importId: null,
  attempts: state === 'queued' ? 0 : 1,
  result: null,
  error: state === 'failed' ? 'bad report' : null,
  createdAt: '',
  startedAt: null,
  finishedAt: null,
});

describe('useImportProgress', () => {
  it('moves with live import events for its request, and shows the end from the request', async () => {
    let emit: (e: RealtimeEvent) => void = () => undefined;
    const realtime: RealtimeLike = {
      on: (_n: string, h: (e: RealtimeEvent) => void) => ((emit = h), () => undefined),
      typing: () => {},
      subscribeFinding: async () => false,
      unsubscribeFinding: () => {},
    } as never;
    const request = vi.fn().mockResolvedValueOnce(status('queued')).mockResolvedValue(status('failed'));
    renderWithApp(
      <RealtimeContext.Provider value={realtime}>
        <Probe id={4} />
      </RealtimeContext.Provider>,
      { api: { imports: { request } as unknown as VigilClient['imports'] } },
    );
    expect(await screen.findByText(/10 Queued for a worker/)).toBeInTheDocument();
    act(() =>
      emit({
        id: 1,
        type: 'import.progress',
        at: '',
        data: { requestId: 9, phase: 'parsed', findingsInReport: 5 },
      } as RealtimeEvent),
    );
    expect(screen.getByTestId('progress')).toHaveTextContent('10 Queued', { normalizeWhitespace: true });
    act(() =>
      emit({
        id: 2,
        type: 'import.progress',
        at: '',
        data: { requestId: 4, phase: 'parsed', findingsInReport: 120000 },
      } as RealtimeEvent),
    );
    expect(screen.getByTestId('progress')).toHaveTextContent('50 Parsed 120000 findings');
    act(() =>
      emit({ id: 3, type: 'import.finished', at: '', data: { requestId: 4, state: 'failed' } } as RealtimeEvent),
    );
    expect(await screen.findByText(/100 Failed: bad report/)).toBeInTheDocument();
  });
});
