import type { DatabaseHandle } from '@vigil/db';
import type { Logger } from 'pino';
import { listenChannel } from '../runtime/pg-listen.ts';

export const EVENTS_CHANNEL = 'vigil_events';

/**
 * Calls `wake` whenever a transaction that appended domain events commits (NOTIFY is sent by a
 * trigger and delivered at commit), and whenever the LISTEN is (re-)established. The tailer also
 * polls, so a lost connection only slows delivery to the poll interval until it is back.
 */
export function listenForEvents(
  handle: DatabaseHandle,
  databaseUrl: string | undefined,
  wake: () => void,
  logger: Logger | false,
): Promise<() => Promise<void>> {
  return listenChannel(handle, databaseUrl, EVENTS_CHANNEL, { onNotify: () => wake(), onUp: () => wake() }, logger);
}
