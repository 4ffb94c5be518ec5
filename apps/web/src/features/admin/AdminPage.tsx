import { useTranslation } from 'react-i18next';
import { NavLink, Route, Routes } from 'react-router';

import { isStaff, useMe } from '../../api/use-me';
import { PageTitle } from '../../app/ui';
import { NotFoundPage } from '../../pages/NotFoundPage';
import { AuditPanel } from './AuditPanel';
import { InvitationsPanel } from './InvitationsPanel';
import { MembersPanel } from './MembersPanel';
import { SpacesPanel } from './SpacesPanel';

export function AdminPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  if (!isStaff(me)) return <NotFoundPage />;
  return (
    <>
      <PageTitle title={t('admin.title')}>{t('admin.title')}</PageTitle>
      <nav aria-label={t('admin.sections')} className="sub-nav">
        <ul>
          <li>
            <NavLink to="/admin" end>
              {t('admin.invitations')}
            </NavLink>
          </li>
          <li>
            <NavLink to="/admin/membres">{t('admin.members')}</NavLink>
          </li>
          {me?.role === 'admin' && (
            <li>
              <NavLink to="/admin/espaces">{t('admin.spaces')}</NavLink>
            </li>
          )}
          {me?.role === 'admin' && (
            <li>
              <NavLink to="/admin/journal">{t('admin.audit')}</NavLink>
            </li>
          )}
        </ul>
      </nav>
      <Routes>
        <Route index element={<InvitationsPanel />} />
        <Route path="membres" element={<MembersPanel />} />
        <Route path="espaces" element={<SpacesPanel />} />
        <Route path="journal" element={<AuditPanel />} />
      </Routes>
    </>
  );
}
