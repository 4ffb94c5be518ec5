import type { NotificationKind } from '@maillage/contracts';

import type { OutgoingMail } from '../mail/mail-transport';

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

/** What each kind is called in mail and in the preferences page. */
export const KIND_LABELS: Record<NotificationKind, string> = {
  mention: 'Mention',
  reply: 'Réponse à votre message',
  'watched-topic': 'Sujet suivi',
  'watched-space': 'Nouveau sujet dans un espace suivi',
  'event-reminder-24h': 'Rappel : événement demain',
  'event-reminder-1h': 'Rappel : événement dans une heure',
  'event-seat-granted': 'Place obtenue',
  'event-cancelled': 'Événement annulé',
  'direct-message': 'Message direct',
  'invitation-accepted': 'Invitation acceptée',
  moderation: 'Modération',
};

export interface MailedNotification {
  kind: NotificationKind;
  subject: string;
  actorName: string | null;
  link: string;
}

interface Unsubscribe {
  /** The page the member opens from the message. */
  pageUrl: string;
  /** Where a mail client posts the one-click unsubscribe (RFC 8058). */
  oneClickUrl: string;
}

const headersOf = (unsubscribe: Unsubscribe) => ({
  'List-Unsubscribe': `<${unsubscribe.oneClickUrl}>`,
  'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
});

const line = (item: MailedNotification) =>
  `${KIND_LABELS[item.kind]} — ${item.subject}${item.actorName ? ` (${item.actorName})` : ''}`;

const page = (body: string) =>
  `<!doctype html><html lang="fr-CA"><body style="font-family:sans-serif;line-height:1.5;max-width:40rem">${body}</body></html>`;

/** One notification, sent at once. */
export function notificationMail(to: string, item: MailedNotification, unsubscribe: Unsubscribe): OutgoingMail {
  const text = [
    'Bonjour,',
    '',
    line(item),
    item.link,
    '',
    '—',
    `Vous recevez ce courriel parce que vos préférences le demandent pour « ${KIND_LABELS[item.kind]} ».`,
    `Ne plus recevoir ces courriels : ${unsubscribe.pageUrl}`,
  ].join('\n');
  const html = page(`<p>Bonjour,</p>
<p><strong>${escapeHtml(KIND_LABELS[item.kind])}</strong> — ${escapeHtml(item.subject)}${
    item.actorName ? ` (${escapeHtml(item.actorName)})` : ''
  }</p>
<p><a href="${escapeHtml(item.link)}">Ouvrir dans Maillage</a></p>
<hr><p style="font-size:small;color:#4a5a61">Vous recevez ce courriel parce que vos préférences le demandent pour « ${escapeHtml(
    KIND_LABELS[item.kind],
  )} ». <a href="${escapeHtml(unsubscribe.pageUrl)}">Ne plus recevoir ces courriels</a>.</p>`);
  return {
    to,
    subject: `[Maillage] ${KIND_LABELS[item.kind]} : ${item.subject}`,
    text,
    html,
    headers: headersOf(unsubscribe),
  };
}

/** The daily digest: what the member has not read, of the kinds they chose to receive this way. */
export function digestMail(
  to: string,
  day: string,
  items: MailedNotification[],
  unsubscribe: Unsubscribe,
): OutgoingMail {
  const count = items.length === 1 ? '1 nouveauté' : `${items.length} nouveautés`;
  const text = [
    'Bonjour,',
    '',
    `Voici ce que vous n’avez pas encore lu dans Maillage (${count}) :`,
    '',
    ...items.flatMap((item) => [`• ${line(item)}`, `  ${item.link}`]),
    '',
    '—',
    `Ne plus recevoir ce résumé quotidien : ${unsubscribe.pageUrl}`,
  ].join('\n');
  const html = page(`<p>Bonjour,</p>
<p>Voici ce que vous n’avez pas encore lu dans Maillage (${count}) :</p>
<ul>${items
    .map(
      (item) =>
        `<li><a href="${escapeHtml(item.link)}">${escapeHtml(item.subject)}</a> — ${escapeHtml(KIND_LABELS[item.kind])}${
          item.actorName ? ` (${escapeHtml(item.actorName)})` : ''
        }</li>`,
    )
    .join('\n')}</ul>
<hr><p style="font-size:small;color:#4a5a61"><a href="${escapeHtml(unsubscribe.pageUrl)}">Ne plus recevoir ce résumé quotidien</a>.</p>`);
  return { to, subject: `[Maillage] Votre résumé du ${day} : ${count}`, text, html, headers: headersOf(unsubscribe) };
}
