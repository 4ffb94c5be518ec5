import { operationRoutes } from '@maillage/contracts';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { call } from '../../api/client';
import { ErrorNotice, Loading, PageTitle } from '../../app/ui';
import { formatDate } from '../admin/format';

/** Development only: the mail the platform would have sent, so that invitations work without an SMTP server. */
export function DevMailboxPage() {
  const { t, i18n } = useTranslation();
  const [openId, setOpenId] = useState<string>();
  const mailbox = useQuery({
    queryKey: ['dev-mail'],
    queryFn: () => call(operationRoutes.devMailbox),
    refetchInterval: 3000,
  });
  const message = useQuery({
    queryKey: ['dev-mail', openId],
    queryFn: () => call(operationRoutes.devMail, { params: { id: openId! } }),
    enabled: openId !== undefined,
  });
  const linkified = (text: string) =>
    text.split(/(https?:\/\/\S+)/g).map((part, index) =>
      /^https?:\/\//.test(part) ? (
        <a key={index} href={part}>
          {part}
        </a>
      ) : (
        part
      ),
    );

  return (
    <>
      <PageTitle title={t('devMail.title')}>{t('devMail.title')}</PageTitle>
      <p className="lead">{t('devMail.intro')}</p>
      {mailbox.isPending && <Loading />}
      <ErrorNotice error={mailbox.error} />
      {mailbox.data?.items.length === 0 && <p>{t('devMail.empty')}</p>}
      <ul className="mail-list">
        {mailbox.data?.items.map((mail) => (
          <li key={mail.id}>
            <button
              type="button"
              className="link-button"
              aria-expanded={openId === mail.id}
              onClick={() => setOpenId(openId === mail.id ? undefined : mail.id)}
            >
              {mail.subject} — {mail.to}
            </button>{' '}
            <span className="muted">{formatDate(mail.sentAt, i18n.language)}</span>
            {openId === mail.id && message.data && <pre className="mail-body">{linkified(message.data.text)}</pre>}
          </li>
        ))}
      </ul>
    </>
  );
}
