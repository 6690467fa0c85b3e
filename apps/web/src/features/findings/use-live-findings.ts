import { useEffect, useRef } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useRealtimeEvents } from '../../realtime/realtime-context';
import { queryKeys } from '../../app/query-keys';

const FINDING_EVENTS = new Set(['finding.created', 'finding.updated', 'finding.status_changed', 'scan.imported']);
/** A burst of events (an import) refreshes the list once. */
const LIST_DEBOUNCE_MS = 1000;

/**
 * Refreshes finding queries when the server pushes a change: one finding's detail (`findingId`)
 * at once, the findings list (`list`) at most once a second.
 */
export function useLiveFindings(opts: { findingId?: number; list?: boolean }): void {
  const queryClient = useQueryClient();
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  useRealtimeEvents((e) => {
    if (!FINDING_EVENTS.has(e.type)) return;
    if (opts.findingId !== undefined && e.data.findingId === opts.findingId)
      void queryClient.invalidateQueries({ queryKey: queryKeys.findings.detail(opts.findingId) });
    if (opts.list && !timer.current) {
      timer.current = setTimeout(() => {
        timer.current = undefined;
        void queryClient.invalidateQueries({ queryKey: queryKeys.findings.lists });
      }, LIST_DEBOUNCE_MS);
    }
  });
}
