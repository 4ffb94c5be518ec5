import { useTranslation } from 'react-i18next';

import { PageTitle } from '../app/ui';

export type Pillar = 'people';

/** A pillar whose pages are not built yet says so plainly, with what it will offer. */
export function PillarPage({ pillar }: { pillar: Pillar }) {
  const { t } = useTranslation();
  const title = t(`pillars.${pillar}.title`);
  return (
    <>
      <PageTitle title={title}>{title}</PageTitle>
      <p className="lead">{t(`pillars.${pillar}.about`)}</p>
      <p className="notice">{t('pillars.comingSoon')}</p>
    </>
  );
}
