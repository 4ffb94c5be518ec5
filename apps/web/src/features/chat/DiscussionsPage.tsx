import {
  type Channel,
  type ChannelList,
  chatRoutes,
  type Message,
  MESSAGE_REACTIONS,
  type MessageReaction,
  type PresenceStatus,
} from '@maillage/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useVirtualizer } from '@tanstack/react-virtual';
import { type FormEvent, type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';

import { call } from '../../api/client';
import { isStaff, useMe } from '../../api/use-me';
import { ErrorNotice, Field, fieldErrorsOf, Loading, PageTitle, SelectField } from '../../app/ui';
import { useRoom, useRooms, useSocket } from '../../realtime/socket';
import { SendAttempts } from './send-attempts';

/** The discussions: channels of my spaces and my direct messages, and the open channel's conversation. */
export function DiscussionsPage() {
  const { channelId } = useParams();
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const channels = useQuery({ queryKey: ['channels'], queryFn: () => call(chatRoutes.listAll) });
  const items = channels.data?.items ?? [];
  const groups: [string, Channel[]][] = [
    [t('chat.channels'), items.filter((channel) => !channel.direct)],
    [t('chat.direct'), items.filter((channel) => channel.direct)],
  ];
  const open = items.find((channel) => channel.id === channelId);
  const myId = useMe().data?.id;
  // Every channel of the list, so that its badge counts what arrives while another conversation is open.
  useRooms(
    items.map((channel) => `channel:${channel.id}`),
    {
      'messages:created': (created) =>
        queryClient.setQueryData<ChannelList>(
          ['channels'],
          (list) => list && withArrivals(list, created, { channelId, myId }),
        ),
    },
  );

  return (
    <>
      <PageTitle title={t('chat.title')}>{t('chat.title')}</PageTitle>
      <div className={open ? 'discussions with-conversation' : 'discussions'}>
        <nav className="channel-list" aria-label={t('chat.channels')}>
          {channels.isPending && <Loading />}
          <ErrorNotice error={channels.error} />
          {groups.map(([label, list]) =>
            list.length === 0 ? null : (
              <section key={label}>
                <h2>{label}</h2>
                <ul>
                  {list.map((channel) => (
                    <li key={channel.id}>
                      <Link
                        to={`/discussions/${channel.id}`}
                        aria-current={channel.id === channelId ? 'page' : undefined}
                      >
                        {channel.direct ? channel.spaceName : `${channel.spaceName} · #${channel.name}`}
                      </Link>{' '}
                      {channel.unreadCount > 0 && (
                        <span className="badge badge-unread">{t('chat.unread', { count: channel.unreadCount })}</span>
                      )}
                    </li>
                  ))}
                </ul>
              </section>
            ),
          )}
          {channels.data && <NewChannelForm channels={items} />}
        </nav>
        {open ? (
          <Conversation
            key={open.id}
            channel={open}
            onRead={() => void queryClient.invalidateQueries({ queryKey: ['channels'] })}
          />
        ) : (
          <p className="muted">{t('chat.choose')}</p>
        )}
      </div>
    </>
  );
}

/**
 * The list once these messages arrived: each channel's newest number, and its unread count raised by the messages of
 * others, but for the conversation shown, which marks them read.
 */
function withArrivals(
  list: ChannelList,
  created: Message[],
  { channelId, myId }: { channelId?: string; myId?: string },
): ChannelList {
  return {
    items: list.items.map((channel) => {
      const arrived = created.filter((message) => message.channelId === channel.id && message.seq > channel.lastSeq);
      if (arrived.length === 0) return channel;
      const unread = channel.id === channelId ? [] : arrived.filter((message) => message.author?.id !== myId);
      return {
        ...channel,
        lastSeq: Math.max(...arrived.map((message) => message.seq)),
        unreadCount: channel.unreadCount + unread.length,
      };
    }),
  };
}

/** Adds a channel to one of my spaces (every space I see has its "général" in the list), then opens it. */
function NewChannelForm({ channels }: { channels: Channel[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const spaces = [
    ...new Map(channels.filter((channel) => !channel.direct).map((item) => [item.spaceId, item.spaceName])),
  ].sort(([, first], [, second]) => first.localeCompare(second, 'fr'));
  const [spaceId, setSpaceId] = useState('');
  const [name, setName] = useState('');
  const create = useMutation({
    mutationFn: () => call(chatRoutes.create, { params: { id: spaceId }, body: { name: name.trim() } }),
    onSuccess: async (channel) => {
      setName('');
      await queryClient.invalidateQueries({ queryKey: ['channels'] });
      void navigate(`/discussions/${channel.id}`);
    },
  });
  const errors = fieldErrorsOf(create.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <details className="new-channel">
      <summary>{t('chat.newChannel')}</summary>
      <form onSubmit={submit} noValidate>
        {!errors.name && !errors['params.id'] && <ErrorNotice error={create.error} />}
        <SelectField
          label={t('chat.channelSpace')}
          required
          value={spaceId}
          onChange={(event) => setSpaceId(event.target.value)}
          error={errors['params.id']}
        >
          <option value="">{t('chat.chooseSpace')}</option>
          {spaces.map(([id, spaceName]) => (
            <option key={id} value={id}>
              {spaceName}
            </option>
          ))}
        </SelectField>
        <Field
          label={t('chat.channelName')}
          hint={t('chat.channelNameHint')}
          required
          maxLength={60}
          value={name}
          onChange={(event) => setName(event.target.value)}
          error={errors.name}
        />
        <button type="submit" disabled={!spaceId || create.isPending}>
          {t('chat.create')}
        </button>
      </form>
    </details>
  );
}

const TYPING_SHOWN_MS = 4000;

const CATCH_UP_PAGE = 200;

/** The messages shown with these, in order of their numbers; an incoming version of a known message replaces it. */
function merged(shown: Message[], incoming: Message[]): Message[] {
  const bySeq = new Map(shown.map((message) => [message.seq, message]));
  for (const message of incoming) bySeq.set(message.seq, message);
  return [...bySeq.values()].sort((first, second) => first.seq - second.seq);
}

const timeFormats = new Map<string, Intl.DateTimeFormat>();

/** When a message was sent: its time if today, its date and time before. */
function sentAt(iso: string, language: string): string {
  const at = new Date(iso);
  const today = at.toDateString() === new Date().toDateString();
  const key = `${language}:${today}`;
  let format = timeFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(
      language,
      today ? { timeStyle: 'short' } : { dateStyle: 'medium', timeStyle: 'short' },
    );
    timeFormats.set(key, format);
  }
  return format.format(at);
}

/** A message's first words, for a reply's quote. */
const excerpt = (message: Message) =>
  message.markdown.length > 90 ? `${message.markdown.slice(0, 90)}…` : message.markdown;

function Conversation({ channel, onRead }: { channel: Channel; onRead: () => void }) {
  const { t } = useTranslation();
  const socket = useSocket();
  const me = useMe().data;
  const [messages, setMessages] = useState<Message[]>([]);
  const [olderFrom, setOlderFrom] = useState<number | null>(null);
  const [typing, setTyping] = useState<{ userId: string; name: string; until: number } | null>(null);
  const [presence, setPresence] = useState<Record<string, PresenceStatus>>({});
  const [draft, setDraft] = useState('');
  const [replyTo, setReplyTo] = useState<Message | null>(null);
  const [sendError, setSendError] = useState<string | null>(null);
  const lastSeq = useRef(0);
  // One per conversation, made once (a lazy initial state, not a new object at every render).
  const [attempts] = useState(() => new SendAttempts());
  const scroller = useRef<HTMLDivElement>(null);
  const composer = useRef<HTMLTextAreaElement>(null);

  // Asked again at each visit: a conversation left and reopened shows its edits and its new messages at once.
  const first = useQuery({
    queryKey: ['messages', channel.id],
    queryFn: () => call(chatRoutes.history, { params: { id: channel.id }, query: { limit: 50 } }),
  });

  /** What followed the last message known: each missed message once, in order (also after a reconnect). */
  const catchUp = async () => {
    for (;;) {
      const page = await call(chatRoutes.history, {
        params: { id: channel.id },
        query: { after: lastSeq.current, limit: CATCH_UP_PAGE },
      });
      if (page.items.length === 0) return;
      lastSeq.current = Math.max(lastSeq.current, page.items.at(-1)!.seq);
      setMessages((shown) => merged(shown, page.items));
      if (page.items.length < CATCH_UP_PAGE) return;
    }
  };
  /** A message as it now is: the next one or a known one is shown, a gap is caught up. */
  const receive = (message: Message) => {
    if (message.seq > lastSeq.current + 1) return void catchUp();
    lastSeq.current = Math.max(lastSeq.current, message.seq);
    setMessages((shown) => merged(shown, [message]));
  };

  useEffect(() => {
    if (!first.data) return;
    const page = [...first.data.items].reverse();
    // The page may come from an earlier visit's cache, or after messages heard live: it is the conversation up to its
    // newest message, and what followed is asked for.
    setMessages((shown) => merged(shown, page));
    setOlderFrom(first.data.nextBefore);
    lastSeq.current = page.at(-1)?.seq ?? 0;
    void catchUp();
    // catchUp reads refs; the page decides when to run.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [first.data]);

  const markRead = useMutation({
    mutationFn: (seq: number) => call(chatRoutes.markRead, { params: { id: channel.id }, body: { lastReadSeq: seq } }),
    onSuccess: onRead,
  });
  const newest = messages.at(-1)?.seq;
  useEffect(() => {
    if (newest) markRead.mutate(newest);
    // Reading up to the newest message shown; the mutation object is stable enough for this.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [newest]);

  useRoom(`channel:${channel.id}`, {
    'messages:created': (created) => {
      const here = created.filter((message) => message.channelId === channel.id);
      for (const message of here) receive(message);
      // Whoever was typing has sent: their line goes with the message rather than seconds later.
      setTyping((current) =>
        current && here.some((message) => message.author?.id === current.userId) ? null : current,
      );
    },
    'message:updated': (message) => message.channelId === channel.id && receive(message),
    'typing:changed': (event) =>
      event.channelId === channel.id &&
      setTyping({ userId: event.userId, name: event.displayName, until: Date.now() + TYPING_SHOWN_MS }),
    'presence:changed': (changes) =>
      setPresence((known) => ({
        ...known,
        ...Object.fromEntries(changes.map((change) => [change.userId, change.status])),
      })),
  });
  useEffect(() => {
    if (!socket) return;
    const resume = () => void catchUp();
    socket.on('connect', resume);
    return () => {
      socket.off('connect', resume);
    };
    // catchUp reads refs; registering it once per socket is enough.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [socket]);
  useEffect(() => {
    if (!typing) return;
    const timer = setTimeout(() => setTyping(null), typing.until - Date.now());
    return () => clearTimeout(timer);
  }, [typing]);

  const authors = [...new Set(messages.map((message) => message.author?.id).filter(Boolean))] as string[];
  useEffect(() => {
    if (authors.length === 0) return;
    void call(chatRoutes.presence, { query: { user: authors } }).then((list) =>
      setPresence((known) => ({
        ...Object.fromEntries(list.items.map((item) => [item.userId, item.status])),
        ...known,
      })),
    );
    // Asked once per new set of authors; live changes arrive through presence:changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [authors.join(',')]);

  const loadOlder = async () => {
    if (olderFrom === null) return;
    const page = await call(chatRoutes.history, {
      params: { id: channel.id },
      query: { before: olderFrom, limit: 50 },
    });
    setMessages((shown) => merged(shown, page.items));
    setOlderFrom(page.nextBefore);
  };

  // TanStack Virtual is not React Compiler-safe; this component is left unmemoized, which it does not need.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: messages.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 64,
    overscan: 8,
  });
  // Down to the newest message when one arrives; older ones loaded above leave the view where the member reads.
  useEffect(() => {
    if (messages.length > 0) virtualizer.scrollToIndex(messages.length - 1, { align: 'end' });
    // The newest message's number decides, not the count, which older pages raise too.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [newest, virtualizer]);

  const send = async (event?: FormEvent) => {
    event?.preventDefault();
    const body = draft.trim();
    if (!body || !socket) return;
    setSendError(null);
    const message = { channelId: channel.id, body, ...(replyTo ? { parentSeq: replyTo.seq } : {}) };
    const answer = await socket
      .timeout(10_000)
      .emitWithAck('message:send', { ...message, clientId: attempts.clientIdFor(message) })
      .catch(() => null);
    if (answer?.ok) {
      attempts.sent();
      setDraft('');
      setReplyTo(null);
      receive(answer.message);
    } else {
      setSendError(answer?.error === 'rate-limited' ? t('chat.rateLimited') : (answer?.detail ?? t('errors.network')));
    }
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      void send();
    }
  };
  const bySeq = new Map(messages.map((message) => [message.seq, message]));

  return (
    <section className="conversation" aria-label={channel.direct ? channel.spaceName : `#${channel.name}`}>
      <Link to="/discussions" className="back-to-channels">
        {t('chat.backToChannels')}
      </Link>
      <h2>{channel.direct ? channel.spaceName : `${channel.spaceName} · #${channel.name}`}</h2>
      {first.isPending && <Loading />}
      <ErrorNotice error={first.error} />
      {olderFrom !== null && (
        <button type="button" className="link-button" onClick={() => void loadOlder()}>
          {t('chat.older')}
        </button>
      )}
      {first.data && messages.length === 0 && <p className="muted">{t('chat.empty')}</p>}
      <div className="message-scroller" ref={scroller} role="log" aria-live="polite">
        <ol style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const message = messages[item.index]!;
            return (
              <li
                key={message.id}
                ref={virtualizer.measureElement}
                data-index={item.index}
                className="message"
                style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${item.start}px)` }}
              >
                <MessageItem
                  message={message}
                  parent={message.parentSeq === null ? undefined : (bySeq.get(message.parentSeq) ?? null)}
                  status={message.author ? (presence[message.author.id] ?? 'offline') : 'offline'}
                  viewerId={me?.id}
                  mayDelete={message.author?.id === me?.id || isStaff(me)}
                  onReply={() => {
                    setReplyTo(message);
                    composer.current?.focus();
                  }}
                  onChanged={receive}
                />
              </li>
            );
          })}
        </ol>
      </div>
      <p className="typing" aria-live="polite">
        {typing ? t('chat.typing', { name: typing.name }) : ''}
      </p>
      <form className="composer" onSubmit={(event) => void send(event)}>
        {sendError && (
          <p className="notice notice-error" role="alert">
            {sendError}
          </p>
        )}
        {replyTo && (
          <p className="reply-to">
            {t('chat.replyingTo', { name: replyTo.author?.displayName ?? t('forums.formerMember') })}{' '}
            <q>{excerpt(replyTo)}</q>{' '}
            <button type="button" className="link-button" onClick={() => setReplyTo(null)}>
              {t('chat.cancelReply')}
            </button>
          </p>
        )}
        <label htmlFor="chat-composer">{t('chat.composer')}</label>
        <p className="hint" id="chat-composer-hint">
          {t('chat.composerHint')}
        </p>
        <textarea
          id="chat-composer"
          ref={composer}
          aria-describedby="chat-composer-hint"
          rows={2}
          value={draft}
          onChange={(event) => {
            setDraft(event.target.value);
            socket?.emit('typing', channel.id);
          }}
          onKeyDown={onKeyDown}
        />
        <button type="submit" className="primary" disabled={!draft.trim()}>
          {t('chat.send')}
        </button>
      </form>
    </section>
  );
}

/** One message: who and when, what it answers, its text, its reactions, and what I may do with it. */
function MessageItem({
  message,
  parent,
  status,
  viewerId,
  mayDelete,
  onReply,
  onChanged,
}: {
  message: Message;
  /** The message it answers: undefined when none, null when not loaded here. */
  parent: Message | null | undefined;
  status: PresenceStatus;
  viewerId: string | undefined;
  mayDelete: boolean;
  onReply: () => void;
  onChanged: (message: Message) => void;
}) {
  const { t, i18n } = useTranslation();
  const [editing, setEditing] = useState<string | null>(null);
  const [picking, setPicking] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const params = { id: message.channelId, seq: message.seq };
  const act = async (change: () => Promise<Message | void>) => {
    setError(null);
    try {
      const changed = await change();
      if (changed) onChanged(changed);
    } catch (failure) {
      setError(failure);
    }
  };
  const react = (emoji: MessageReaction, reacted: boolean) =>
    act(() => call(chatRoutes.react, { params, body: { emoji, reacted } })).then(() => setPicking(false));
  const saveEdit = (event: FormEvent) => {
    event.preventDefault();
    if (!editing?.trim()) return;
    void act(() => call(chatRoutes.edit, { params, body: { body: editing } })).then(() => setEditing(null));
  };
  const mine = message.author?.id === viewerId;

  return (
    <>
      <p className="message-meta">
        <span className={`presence presence-${status}`} title={t(`chat.presence.${status}`)}>
          <span className="visually-hidden">{t(`chat.presence.${status}`)}</span>
        </span>{' '}
        <strong>{message.author?.displayName ?? t('forums.formerMember')}</strong>{' '}
        <time className="muted small" dateTime={message.createdAt}>
          {sentAt(message.createdAt, i18n.language)}
        </time>
        {message.editedAt && !message.deleted && <span className="muted small"> · {t('chat.edited')}</span>}
      </p>
      {parent !== undefined && (
        <p className="message-parent muted small">
          {parent && !parent.deleted
            ? t('chat.inReplyTo', { name: parent.author?.displayName ?? t('forums.formerMember') })
            : t('chat.inReplyToNumber', { seq: message.parentSeq })}{' '}
          {parent && !parent.deleted && <q>{excerpt(parent)}</q>}
        </p>
      )}
      {message.deleted ? (
        <p className="muted">{t('chat.deleted')}</p>
      ) : editing !== null ? (
        <form className="message-edit" onSubmit={saveEdit}>
          <label htmlFor={`edit-${message.id}`} className="visually-hidden">
            {t('chat.editLabel')}
          </label>
          <textarea id={`edit-${message.id}`} rows={2} value={editing} onChange={(e) => setEditing(e.target.value)} />
          <button type="submit" className="primary">
            {t('chat.save')}
          </button>{' '}
          <button type="button" onClick={() => setEditing(null)}>
            {t('chat.cancel')}
          </button>
        </form>
      ) : (
        <div className="rendered" dangerouslySetInnerHTML={{ __html: message.html }} />
      )}
      {message.reactions.length > 0 && (
        <ul className="reactions" aria-label={t('chat.reactions')}>
          {message.reactions.map((reaction) => {
            const given = viewerId !== undefined && reaction.userIds.includes(viewerId);
            return (
              <li key={reaction.emoji}>
                <button
                  type="button"
                  aria-pressed={given}
                  className={given ? 'reaction reaction-given' : 'reaction'}
                  onClick={() => void react(reaction.emoji, !given)}
                >
                  {reaction.emoji} {reaction.userIds.length}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {!message.deleted && (
        <div className="message-actions">
          <button type="button" className="link-button" onClick={onReply}>
            {t('chat.reply')}
          </button>
          <button type="button" className="link-button" aria-expanded={picking} onClick={() => setPicking(!picking)}>
            {t('chat.react')}
          </button>
          {mine && (
            <button type="button" className="link-button" onClick={() => setEditing(message.markdown)}>
              {t('chat.edit')}
            </button>
          )}
          {mayDelete && (
            <button
              type="button"
              className="link-button"
              onClick={() =>
                window.confirm(t('chat.confirmDelete')) &&
                void act(() => call(chatRoutes.remove, { params }).then(() => undefined))
              }
            >
              {t('chat.delete')}
            </button>
          )}
          {picking && (
            <span className="reaction-picker" role="group" aria-label={t('chat.react')}>
              {MESSAGE_REACTIONS.map((emoji) => (
                <button key={emoji} type="button" className="reaction" onClick={() => void react(emoji, true)}>
                  {emoji}
                </button>
              ))}
            </span>
          )}
        </div>
      )}
      <ErrorNotice error={error} />
    </>
  );
}
