import { connect, type Socket } from 'node:net';

// A slow HTTP client on a raw socket, for the timeout tests: it opens a connection, writes at its
// own pace, and reports what the server sent before it closed the connection, and when.

export interface Conversation {
  socket: Socket;
  /** Resolves when the server closes the connection: what it sent, and after how long. */
  closed: Promise<{ received: string; ms: number }>;
}

export function openConversation(port: number): Promise<Conversation> {
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = connect(port, '127.0.0.1');
    let received = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (received += chunk));
    socket.on('error', () => {});
    const closed = new Promise<{ received: string; ms: number }>((done) =>
      socket.on('close', () => done({ received, ms: Date.now() - started })),
    );
    socket.on('connect', () => resolve({ socket, closed }));
  });
}

/**
 * Writes `bytes` one at a time every `everyMs` until the socket closes or the bytes run out; without
 * `bytes`, writes 'a' until the socket closes.
 */
export async function trickle(socket: Socket, everyMs: number, bytes?: Buffer | string): Promise<void> {
  const data = bytes === undefined ? undefined : Buffer.from(bytes);
  for (let i = 0; !socket.destroyed && socket.writable && (!data || i < data.length); i++) {
    socket.write(data ? data.subarray(i, i + 1) : 'a');
    // Kept sleep: the slow client's pace against the server's timeouts is what is tested.
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
