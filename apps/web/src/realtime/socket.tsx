import type { ClientToServerEvents, RoomJoinAnswer, ServerToClientEvents } from '@maillage/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext, useEffect, useMemo } from 'react';
import { io, type Socket } from 'socket.io-client';

import { useMe } from '../api/use-me';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const SocketContext = createContext<ClientSocket | null>(null);

/** One socket per signed-in tab, authenticated by the session cookie at the handshake. */
export function SocketProvider({ children }: { children: ReactNode }) {
  const { data: me } = useMe();
  const queryClient = useQueryClient();
  const memberId = me?.id;
  const socket = useMemo<ClientSocket | null>(
    () =>
      memberId
        ? io({ path: '/socket.io', transports: ['websocket', 'polling'], withCredentials: true, autoConnect: false })
        : null,
    [memberId],
  );

  useEffect(() => {
    if (!socket) return;
    const refreshNotifications = () => void queryClient.invalidateQueries({ queryKey: ['notifications'] });
    socket.on('notification:created', refreshNotifications);
    socket.connect();
    return () => {
      socket.off('notification:created', refreshNotifications);
      socket.disconnect();
    };
  }, [socket, queryClient]);

  return <SocketContext.Provider value={socket}>{children}</SocketContext.Provider>;
}

/**
 * Joins a room while the component is shown (and again after a reconnect), and calls `handlers` for its events. A
 * refused join (a room the member may not see) is silent: the page already answered 404.
 */
export function useRoom(room: string | undefined, handlers: Partial<ServerToClientEvents>) {
  const socket = useContext(SocketContext);
  useEffect(() => {
    if (!socket || !room) return;
    const join = () => socket.emit('room:join', room, (_answer: RoomJoinAnswer) => undefined);
    join();
    socket.on('connect', join);
    const entries = Object.entries(handlers) as [keyof ServerToClientEvents, (...args: unknown[]) => void][];
    for (const [event, handler] of entries) socket.on(event, handler as never);
    return () => {
      socket.off('connect', join);
      for (const [event, handler] of entries) socket.off(event, handler as never);
      socket.emit('room:leave', room);
    };
    // Handlers are recreated each render; the room and socket decide when to rejoin.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [socket, room]);
}

/** The tab's socket, for pages that send over it (null before sign-in). */
export const useSocket = (): ClientSocket | null => useContext(SocketContext);
