import type { ClientToServerEvents, ServerToClientEvents } from '@maillage/contracts';
import { io, type Socket } from 'socket.io-client';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * A socket.io client as the web client opens it (websocket, session cookie at the handshake, no automatic
 * reconnection), connected; kept in `opened` so that the test file closes it at the end.
 */
export function connectSocket(baseUrl: string, cookie: string, opened: ClientSocket[]): Promise<ClientSocket> {
  const socket: ClientSocket = io(baseUrl, {
    path: '/socket.io',
    transports: ['websocket'],
    extraHeaders: { cookie },
    reconnection: false,
  });
  opened.push(socket);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}
