import { chatRoutes } from '@maillage/contracts';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

import { call } from '../../api/client';
import { ErrorNotice } from '../../app/ui';

/** Opens (on first use) the direct conversation with this member and goes to it. */
export function WriteMessageButton({ userId, name }: { userId: string; name: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const open = useMutation({
    mutationFn: () => call(chatRoutes.openDirect, { body: { userIds: [userId] } }),
    onSuccess: (channel) => void navigate(`/discussions/${channel.id}`),
  });
  return (
    <>
      <button
        type="button"
        className="secondary"
        aria-label={t('people.writeTo', { name })}
        disabled={open.isPending}
        onClick={() => open.mutate()}
      >
        {t('chat.writeTo')}
      </button>
      <ErrorNotice error={open.error} />
    </>
  );
}
