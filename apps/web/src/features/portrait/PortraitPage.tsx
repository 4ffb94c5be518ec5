import {
  type PortraitMetric,
  PortraitMetric as PortraitMetrics,
  type PortraitPage as Portrait,
  type PortraitPeriod,
  portraitRoutes,
  type PortraitTableName,
} from '@maillage/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';

import { call, urlOf } from '../../api/client';
import { ErrorNotice, Loading, PageTitle } from '../../app/ui';
import { MrcMap } from './MrcMap';
import { PeriodPicker } from './PeriodPicker';
import { BarsFigure, MonthsFigure } from './PortraitCharts';
import { formatCount, PortraitTable } from './PortraitTable';

type Subject = { kind: 'network' } | { kind: 'mrc'; code: string } | { kind: 'volet'; number: string };

const DEFAULT_METRIC: PortraitMetric = 'topics';
const PERIOD_KEYS = ['from', 'to', 'compareFrom', 'compareTo'] as const;

function fetchPortrait(subject: Subject, query: Partial<Record<(typeof PERIOD_KEYS)[number], string>>) {
  if (subject.kind === 'mrc') return call(portraitRoutes.mrc, { params: { code: subject.code }, query });
  if (subject.kind === 'volet') return call(portraitRoutes.volet, { params: { number: subject.number }, query });
  return call(portraitRoutes.network, { query });
}

function csvHref(subject: Subject, table: PortraitTableName, query: Record<string, string>) {
  if (subject.kind === 'mrc') return urlOf(portraitRoutes.mrcCsv, { params: { code: subject.code, table }, query });
  if (subject.kind === 'volet')
    return urlOf(portraitRoutes.voletCsv, { params: { number: subject.number, table }, query });
  return urlOf(portraitRoutes.networkCsv, { params: { table }, query });
}

const currentMonth = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Toronto', year: 'numeric', month: '2-digit' })
    .format(new Date())
    .slice(0, 7);

/** "+12 %", "−3 %", or the compared count when there is no base to compare with. */
function Change({ value, before }: { value: number | null; before: number | null }) {
  const { t, i18n } = useTranslation();
  if (value === null || before === null) return null;
  if (before === 0)
    return (
      <span className="change">{t('portrait.changeFrom', { before: formatCount(before, t, i18n.language) })}</span>
    );
  const percent = Math.round(((value - before) / before) * 100);
  const sign = percent > 0 ? '+' : percent < 0 ? '−' : '±';
  return (
    <span className="change">
      {t('portrait.change', {
        change: `${sign}${Math.abs(percent)} %`,
        before: formatCount(before, t, i18n.language),
      })}
    </span>
  );
}

/**
 * The network portrait: key figures, a map of the MRC, the volets and the months as charts, each with its table and
 * CSV; the MRC and volet pages for the Comité directeur. The period lives in the address, so that a page can be
 * shared and printed as it is.
 */
export function PortraitPage() {
  const { t, i18n } = useTranslation();
  const params = useParams();
  const subject: Subject = params.code
    ? { kind: 'mrc', code: params.code }
    : params.number
      ? { kind: 'volet', number: params.number }
      : { kind: 'network' };
  const [search, setSearch] = useSearchParams();
  // The period asked for, as the address holds it: the picker shows it at once, before the figures arrive.
  const query: Partial<Record<(typeof PERIOD_KEYS)[number], string>> = Object.fromEntries(
    PERIOD_KEYS.flatMap((key) => (search.get(key) ? [[key, search.get(key)!]] : [])),
  );
  const metricParam = search.get('indicateur');
  const metric = PortraitMetrics.options.find((option) => option === metricParam) ?? DEFAULT_METRIC;
  const metricId = useId();

  const portrait = useQuery({
    queryKey: ['portrait', subject, query],
    queryFn: () => fetchPortrait(subject, query),
    placeholderData: keepPreviousData,
  });
  const page: Portrait | undefined = portrait.data;

  const update = (changes: Record<string, string | null>) =>
    setSearch(
      (previous) => {
        const next = new URLSearchParams(previous);
        for (const [key, value] of Object.entries(changes)) {
          if (value === null) next.delete(key);
          else next.set(key, value);
        }
        return next;
      },
      { replace: true },
    );
  const choosePeriod = (period: PortraitPeriod, compare: PortraitPeriod | null) =>
    update({ from: period.from, to: period.to, compareFrom: compare?.from ?? null, compareTo: compare?.to ?? null });

  const title =
    page?.scope.kind === 'mrc'
      ? t('portrait.mrcTitle', { name: page.scope.name })
      : page?.scope.kind === 'volet'
        ? t('portrait.voletTitle', { number: page.scope.number })
        : t('portrait.title');
  const keep = search.toString() ? `?${search.toString()}` : '';
  const pageQuery = page ? { from: page.period.from, to: page.period.to, ...query } : query;

  if (!page) {
    return (
      <>
        <PageTitle title={t('portrait.title')}>{t('portrait.title')}</PageTitle>
        {portrait.isPending ? <Loading /> : <ErrorNotice error={portrait.error} />}
      </>
    );
  }

  const metricName = t(`portrait.metrics.${metric}`);
  const metrics = PortraitMetrics.options.filter((option) => page.scope.kind !== 'volet' || option !== 'searchMisses');
  const dateTime = new Intl.DateTimeFormat(i18n.language, {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'America/Toronto',
  });
  const monthName = new Intl.DateTimeFormat(i18n.language, { month: 'long', year: 'numeric', timeZone: 'UTC' });
  const periodText = (period: PortraitPeriod) =>
    t('portrait.periodRange', {
      from: monthName.format(new Date(`${period.from}-15T12:00:00Z`)),
      to: monthName.format(new Date(`${period.to}-15T12:00:00Z`)),
    });
  const table = (name: PortraitTableName, caption: string) => (
    <PortraitTable page={page} table={name} caption={caption} csvHref={csvHref(subject, name, pageQuery)} />
  );

  return (
    <div className="portrait">
      <PageTitle title={title}>{title}</PageTitle>
      {page.scope.kind === 'volet' && <p className="lead">{page.scope.name}</p>}
      <p className="lead">
        {periodText(page.period)}
        {page.comparePeriod && <> — {t('portrait.comparedWith', { period: periodText(page.comparePeriod) })}</>}
      </p>
      <p className="muted small">
        {page.refreshedAt
          ? t('portrait.refreshedAt', { date: dateTime.format(new Date(page.refreshedAt)) })
          : t('portrait.notYetComputed')}{' '}
        {t('portrait.privacyNote')}
      </p>
      {page.scope.kind !== 'network' && (
        <p className="no-print">
          <Link to={`/portrait${keep}`}>{t('portrait.backToNetwork')}</Link>
        </p>
      )}
      <div className="portrait-actions no-print">
        <button type="button" className="secondary" onClick={() => window.print()}>
          {t('portrait.print')}
        </button>
      </div>
      <PeriodPicker
        period={query.from && query.to ? { from: query.from, to: query.to } : page.period}
        comparePeriod={
          query.compareFrom && query.compareTo
            ? { from: query.compareFrom, to: query.compareTo }
            : query.from
              ? null
              : page.comparePeriod
        }
        today={currentMonth()}
        onChange={choosePeriod}
      />
      <ErrorNotice error={portrait.error} />

      <section aria-labelledby="portrait-key-figures">
        <h2 id="portrait-key-figures">{t('portrait.keyFigures')}</h2>
        <dl className="key-figures">
          {metrics.map((option) => (
            <div key={option}>
              <dt>{t(`portrait.metrics.${option}`)}</dt>
              <dd>
                <span className="figure">{formatCount(page.totals[option], t, i18n.language)}</span>
                {page.compareTotals && <Change value={page.totals[option]} before={page.compareTotals[option]} />}
              </dd>
            </div>
          ))}
        </dl>
        <p className="no-print">
          <a href={csvHref(subject, 'totals', pageQuery)} download>
            {t('portrait.downloadCsv', { table: t('portrait.keyFigures') })}
          </a>
        </p>
      </section>

      <div className="field metric-choice no-print">
        <label htmlFor={metricId}>{t('portrait.metricChoice')}</label>
        <select id={metricId} value={metric} onChange={(event) => update({ indicateur: event.target.value })}>
          {metrics.map((option) => (
            <option key={option} value={option}>
              {t(`portrait.metrics.${option}`)}
            </option>
          ))}
        </select>
      </div>

      {page.scope.kind !== 'mrc' && (
        <section aria-labelledby="portrait-mrcs">
          <h2 id="portrait-mrcs">{t('portrait.byMrc')}</h2>
          <MrcMap
            mrcs={page.mrcs}
            metric={metric}
            linkTo={(code) => (page.governance ? `/portrait/mrc/${code}${keep}` : null)}
          />
          {page.scope.kind === 'network' && <p className="muted small">{t('portrait.regionalPartnersNote')}</p>}
          {table('mrcs', t('portrait.byMrcTable'))}
        </section>
      )}

      {page.scope.kind !== 'volet' && (
        <section aria-labelledby="portrait-volets">
          <h2 id="portrait-volets">{t('portrait.byVolet')}</h2>
          <BarsFigure
            title={t('portrait.chartOf', { metric: metricName, by: t('portrait.byVolet') })}
            metricName={metricName}
            labelWidth={80}
            data={page.volets.map((volet) => ({
              label: t('portrait.voletShort', { number: volet.number }),
              value: volet.figures[metric],
            }))}
          />
          {table('volets', t('portrait.byVoletTable'))}
        </section>
      )}

      <section aria-labelledby="portrait-months">
        <h2 id="portrait-months">{t('portrait.byMonth')}</h2>
        <MonthsFigure
          title={t('portrait.chartOf', { metric: metricName, by: t('portrait.byMonth') })}
          metricName={metricName}
          period={page.period}
          comparePeriod={page.comparePeriod}
          months={page.months.map((row) => ({ month: row.month, value: row.figures[metric] }))}
          compareMonths={page.compareMonths?.map((row) => ({ month: row.month, value: row.figures[metric] })) ?? null}
        />
        {table('months', t('portrait.byMonthTable'))}
      </section>

      {page.governance && page.scope.kind !== 'volet' && (
        <>
          <section aria-labelledby="portrait-organizations">
            <h2 id="portrait-organizations">{t('portrait.byOrganization')}</h2>
            {table('organizations', t('portrait.byOrganization'))}
          </section>
          <section aria-labelledby="portrait-misses">
            <h2 id="portrait-misses">{t('portrait.searchMisses')}</h2>
            <p className="muted">{t('portrait.searchMissesIntro')}</p>
            {table('search-misses', t('portrait.searchMisses'))}
          </section>
        </>
      )}

      {page.governance && page.scope.kind === 'network' && (
        <nav aria-labelledby="portrait-pages" className="no-print">
          <h2 id="portrait-pages">{t('portrait.otherPages')}</h2>
          <ul className="inline-list">
            {page.mrcs.map((mrc) => (
              <li key={mrc.code}>
                <Link to={`/portrait/mrc/${mrc.code}${keep}`}>{mrc.name}</Link>
              </li>
            ))}
          </ul>
          <ul className="inline-list">
            {page.volets.map((volet) => (
              <li key={volet.number}>
                <Link to={`/portrait/volets/${volet.number}${keep}`}>
                  {t('portrait.voletTitle', { number: volet.number })}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      )}
    </div>
  );
}
