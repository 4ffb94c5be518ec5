import { agreementYear, calendarYear, monthSpan, type PortraitPeriod } from '@maillage/contracts';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { comparedWith, type Comparison, comparisonOf, kindOf, type PeriodKind, yearsUpTo } from './periods';

/**
 * Two month fields. What is typed stays here until it makes a period (start no later than the end): the page's
 * address, and the figures, change only then — and two quick changes never read a stale other end.
 */
function MonthRange({
  id,
  labels,
  value,
  onChange,
}: {
  id: string;
  labels: { from: string; to: string };
  value: PortraitPeriod;
  onChange: (period: PortraitPeriod) => void;
}) {
  const [draft, setDraft] = useState(value);
  // A new period from outside (the address, another control) replaces what was being typed.
  const [outside, setOutside] = useState(value);
  if (outside.from !== value.from || outside.to !== value.to) {
    setOutside(value);
    setDraft(value);
  }
  const change = (next: PortraitPeriod) => {
    setDraft(next);
    if (next.from && next.to && monthSpan(next.from, next.to) >= 1) onChange(next);
  };
  return (
    <>
      <div className="field">
        <label htmlFor={`${id}-from`}>{labels.from}</label>
        <input
          id={`${id}-from`}
          type="month"
          value={draft.from}
          max={draft.to}
          required
          onChange={(event) => change({ ...draft, from: event.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-to`}>{labels.to}</label>
        <input
          id={`${id}-to`}
          type="month"
          value={draft.to}
          min={draft.from}
          required
          onChange={(event) => change({ ...draft, to: event.target.value })}
        />
      </div>
    </>
  );
}

/** The period of the page and the one to compare it with, chosen as an agreement year, a calendar year or months. */
export function PeriodPicker({
  period,
  comparePeriod,
  today,
  onChange,
}: {
  period: PortraitPeriod;
  comparePeriod: PortraitPeriod | null;
  /** The current month, YYYY-MM. */
  today: string;
  onChange: (period: PortraitPeriod, comparePeriod: PortraitPeriod | null) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const read = kindOf(period);
  // Chosen months stay chosen even when they happen to make a whole year, or the previous period.
  const [chosenMonths, setChosenMonths] = useState(read.kind === 'custom');
  const [chosenCompare, setChosenCompare] = useState(comparisonOf(period, comparePeriod) === 'custom');
  const kind: PeriodKind = chosenMonths ? 'custom' : read.kind;
  const year = read.year;
  const comparison: Comparison = chosenCompare ? 'custom' : comparisonOf(period, comparePeriod);
  const choose = (next: PortraitPeriod) =>
    onChange(next, comparison === 'custom' ? comparePeriod : comparedWith(next, comparison));

  const chooseKind = (nextKind: PeriodKind) => {
    setChosenMonths(nextKind === 'custom');
    if (nextKind === 'custom') return;
    const years = yearsUpTo(today, nextKind);
    const nextYear = years.includes(year) ? year : years[0]!;
    choose(nextKind === 'agreement' ? agreementYear(nextYear) : calendarYear(nextYear));
  };
  const chooseComparison = (nextComparison: Comparison) => {
    setChosenCompare(nextComparison === 'custom');
    if (nextComparison === 'custom') onChange(period, comparePeriod ?? comparedWith(period, 'previous'));
    else onChange(period, comparedWith(period, nextComparison));
  };

  return (
    <form className="period-picker no-print" onSubmit={(event) => event.preventDefault()}>
      <fieldset>
        <legend>{t('portrait.period.legend')}</legend>
        <div className="filters">
          <div className="field">
            <label htmlFor={`${id}-kind`}>{t('portrait.period.kind')}</label>
            <select id={`${id}-kind`} value={kind} onChange={(event) => chooseKind(event.target.value as PeriodKind)}>
              <option value="agreement">{t('portrait.period.agreement')}</option>
              <option value="calendar">{t('portrait.period.calendar')}</option>
              <option value="custom">{t('portrait.period.custom')}</option>
            </select>
          </div>
          {kind === 'custom' ? (
            <MonthRange
              id={`${id}-period`}
              labels={{ from: t('portrait.period.from'), to: t('portrait.period.to') }}
              value={period}
              onChange={choose}
            />
          ) : (
            <div className="field">
              <label htmlFor={`${id}-year`}>{t('portrait.period.year')}</label>
              <select
                id={`${id}-year`}
                value={year}
                onChange={(event) => {
                  const nextYear = Number(event.target.value);
                  choose(kind === 'agreement' ? agreementYear(nextYear) : calendarYear(nextYear));
                }}
              >
                {yearsUpTo(today, kind).map((option) => (
                  <option key={option} value={option}>
                    {kind === 'agreement' ? `${option}-${option + 1}` : option}
                  </option>
                ))}
              </select>
            </div>
          )}
          <div className="field">
            <label htmlFor={`${id}-compare`}>{t('portrait.period.compare')}</label>
            <select
              id={`${id}-compare`}
              value={comparison}
              onChange={(event) => chooseComparison(event.target.value as Comparison)}
            >
              <option value="none">{t('portrait.period.compareNone')}</option>
              <option value="previous">{t('portrait.period.comparePrevious')}</option>
              <option value="year-before">{t('portrait.period.compareYearBefore')}</option>
              <option value="custom">{t('portrait.period.compareCustom')}</option>
            </select>
          </div>
          {comparison === 'custom' && comparePeriod && (
            <MonthRange
              id={`${id}-compare`}
              labels={{ from: t('portrait.period.compareFrom'), to: t('portrait.period.compareTo') }}
              value={comparePeriod}
              onChange={(next) => onChange(period, next)}
            />
          )}
        </div>
      </fieldset>
    </form>
  );
}
