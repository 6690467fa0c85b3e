import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { ImportRequestStatus } from '@vigil/client';
import { useApi } from '../../app/api-context';
import { isRealtimeEvent } from '@vigil/client/realtime-client.ts';
import { useRealtimeEvents } from '../../realtime/realtime-context';
import { queryKeys } from '../../app/query-keys';

export interface ImportProgress {
  /** 0–100 for the progress bar. */
  percent: number;
  label: string;
  status?: ImportRequestStatus;
}

const POLL_MS = 2000;

/**
 * Follows an import queued on a worker: live import.* events move the bar at once; the request is
 * polled as well (every 2 s), so progress is never stuck if the live connection is down.
 */
export function useImportProgress(requestId: number | null): ImportProgress {
  const api = useApi();
  const [phase, setPhase] = useState<{ phase: string; findings?: number } | null>(null);
  const status = useQuery({
    queryKey: queryKeys.imports.request(requestId),
    queryFn: () => api.imports.request(requestId!),
    enabled: requestId !== null,
    refetchInterval: (q) =>
      q.state.data && (q.state.data.state === 'done' || q.state.data.state === 'failed') ? false : POLL_MS,
  });
  useRealtimeEvents((e) => {
    if (requestId === null || !e.type.startsWith('import.') || Number(e.data.requestId) !== requestId) return;
    if (isRealtimeEvent(e, 'import.progress')) setPhase({ phase: e.data.phase, findings: e.data.findingsInReport });
    else if (e.type === 'import.started') setPhase({ phase: 'started' });
    else void status.refetch();
  });
  useEffect(() => setPhase(null), [requestId]);
  const s = status.data;
  if (s?.state === 'done') return { percent: 100, label: 'Done', status: s };
  if (s?.state === 'failed') return { percent: 100, label: `Failed: ${s.error ?? 'unknown error'}`, status: s };
  if (phase?.phase === 'writing')
    return { percent: 75, label: `Writing ${phase.findings ?? ''} findings and deduplicating…`, status: s };
  if (phase?.phase === 'parsed') return { percent: 50, label: `Parsed ${phase.findings ?? ''} findings`, status: s };
  if (phase?.phase === 'started' || s?.state === 'running')
    return { percent: 30, label: 'Parsing the report…', status: s };
  return { percent: 10, label: 'Queued for a worker…', status: s };
}
