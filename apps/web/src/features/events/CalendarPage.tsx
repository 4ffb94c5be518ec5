import type { EventInput, EventSourceFuncArg } from '@fullcalendar/core';
import frCaLocale from '@fullcalendar/core/locales/fr-ca';
import dayGridPlugin from '@fullcalendar/daygrid';
import listPlugin from '@fullcalendar/list';
import FullCalendar from '@fullcalendar/react';
import timeGridPlugin from '@fullcalendar/timegrid';
import { eventRoutes } from '@maillage/contracts';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';

import { call } from '../../api/client';
import { useMrcs, useSpaces } from '../../api/use-network';
import { PageTitle } from '../../app/ui';
import { CalendarFeedPanel } from './CalendarFeedPanel';

/** The calendar request's days: FullCalendar gives instants at local midnight; the api reads dates in the zone. */
const isoDay = (date: Date) =>
  `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;

/** Month, week and agenda views of the events I may see (FullCalendar), filtered by space, MRC and volet. */
export function CalendarPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [space, setSpace] = useState('');
  const [mrc, setMrc] = useState('');
  const [volet, setVolet] = useState('');
  const [mine, setMine] = useState(false);
  const spaces = useSpaces();
  const mrcs = useMrcs();

  // A new function when a filter changes makes FullCalendar fetch again.
  const source = useMemo(
    () =>
      async ({ start, end }: EventSourceFuncArg): Promise<EventInput[]> => {
        const { items } = await call(eventRoutes.list, {
          query: {
            from: isoDay(start),
            to: isoDay(end),
            timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
            space: space || undefined,
            mrc: mrc || undefined,
            volet: volet ? [Number(volet)] : undefined,
            mine: mine ? 'true' : undefined,
          },
        });
        return items.map((occurrence) => ({
          id: occurrence.id,
          title: occurrence.cancelled ? `${t('events.cancelled')} : ${occurrence.title}` : occurrence.title,
          start: occurrence.allDay ? occurrence.startsAt.slice(0, 10) : occurrence.startsAt,
          end: occurrence.allDay ? undefined : occurrence.endsAt,
          allDay: occurrence.allDay,
          url: `/evenements/${occurrence.eventId}/${occurrence.id}`,
          classNames: [
            occurrence.cancelled ? 'event-cancelled' : '',
            occurrence.myRsvp === 'going' ? 'event-mine' : '',
          ].filter(Boolean),
        }));
      },
    [space, mrc, volet, mine, t],
  );

  return (
    <>
      <PageTitle title={t('events.calendarTitle')}>{t('events.calendarTitle')}</PageTitle>
      <div className="section-header">
        <p className="lead">{t('pillars.calendar.about')}</p>
        <Link className="button primary" to="/evenements/nouveau">
          {t('events.newEvent')}
        </Link>
      </div>
      <fieldset className="list-tools calendar-filters">
        <legend className="visually-hidden">{t('events.filters')}</legend>
        <label className="inline-select">
          {t('events.space')}{' '}
          <select value={space} onChange={(event) => setSpace(event.target.value)}>
            <option value="">{t('events.allSpaces')}</option>
            {spaces.data?.items.map((item) => (
              <option key={item.id} value={item.id}>
                {item.name}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-select">
          {t('events.mrc')}{' '}
          <select value={mrc} onChange={(event) => setMrc(event.target.value)}>
            <option value="">{t('events.allMrc')}</option>
            {mrcs.map((organization) => (
              <option key={organization.id} value={organization.mrcCode}>
                {organization.shortName}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-select">
          {t('events.volet')}{' '}
          <select value={volet} onChange={(event) => setVolet(event.target.value)}>
            <option value="">{t('events.allVolets')}</option>
            {[1, 2, 3, 4].map((number) => (
              <option key={number} value={number}>
                {t('events.voletNumber', { number })}
              </option>
            ))}
          </select>
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={mine} onChange={(event) => setMine(event.target.checked)} />{' '}
          {t('events.mine')}
        </label>
      </fieldset>
      <div className="calendar">
        <FullCalendar
          plugins={[dayGridPlugin, timeGridPlugin, listPlugin]}
          initialView="dayGridMonth"
          locale={i18n.language.startsWith('fr') ? frCaLocale : 'en'}
          // Weeks start on Sunday in Québec.
          firstDay={0}
          headerToolbar={{ left: 'prev,next today', center: 'title', right: 'dayGridMonth,timeGridWeek,listMonth' }}
          // Text arrows: FullCalendar's icon font is an image without a text alternative.
          buttonIcons={false}
          buttonText={{
            prev: '‹',
            next: '›',
            today: t('events.views.today'),
            month: t('events.views.month'),
            week: t('events.views.week'),
            list: t('events.views.agenda'),
          }}
          height="auto"
          dayMaxEvents={4}
          events={source}
          eventClick={(info) => {
            info.jsEvent.preventDefault();
            if (info.event.url) void navigate(info.event.url);
          }}
        />
      </div>
      <CalendarFeedPanel />
    </>
  );
}
