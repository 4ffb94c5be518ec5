import { agreementYear, calendarYear, type PortraitPeriod } from '@maillage/contracts';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { comparedWith, type Comparison, comparisonOf, kindOf, type PeriodKind, yearsUpTo } from './periods';

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
  const { kind, year } = kindOf(period);
  // Chosen months stay chosen even when they happen to be the previous period.
  const [chosenCompare, setChosenCompare] = useState(comparisonOf(period, comparePeriod) === 'custom');
  const comparison: Comparison = chosenCompare ? 'custom' : comparisonOf(period, comparePeriod);
  const choose = (next: PortraitPeriod, nextComparison: Comparison = comparison) =>
    onChange(next, nextComparison === 'custom' ? comparePeriod : comparedWith(next, nextComparison));
  const chooseComparison = (nextComparison: Comparison) => {
    setChosenCompare(nextComparison === 'custom');
    if (nextComparison === 'custom') onChange(period, comparePeriod ?? comparedWith(period, 'previous'));
    else choose(period, nextComparison);
  };
  const periodOfKind = (nextKind: PeriodKind, nextYear: number): PortraitPeriod =>
    nextKind === 'agreement' ? agreementYear(nextYear) : nextKind === 'calendar' ? calendarYear(nextYear) : period;

  return (
    <form className="period-picker no-print" onSubmit={(event) => event.preventDefault()}>
      <fieldset>
        <legend>{t('portrait.period.legend')}</legend>
        <div className="filters">
          <div className="field">
            <label htmlFor={`${id}-kind`}>{t('portrait.period.kind')}</label>
            <select
              id={`${id}-kind`}
              value={kind}
              onChange={(event) => {
                const nextKind = event.target.value as PeriodKind;
                const years = nextKind === 'custom' ? [year] : yearsUpTo(today, nextKind);
                choose(periodOfKind(nextKind, years.includes(year) ? year : years[0]!));
              }}
            >
              <option value="agreement">{t('portrait.period.agreement')}</option>
              <option value="calendar">{t('portrait.period.calendar')}</option>
              <option value="custom">{t('portrait.period.custom')}</option>
            </select>
          </div>
          {kind === 'custom' ? (
            <>
              <div className="field">
                <label htmlFor={`${id}-from`}>{t('portrait.period.from')}</label>
                <input
                  id={`${id}-from`}
                  type="month"
                  value={period.from}
                  max={period.to}
                  required
                  onChange={(event) => event.target.value && choose({ ...period, from: event.target.value })}
                />
              </div>
              <div className="field">
                <label htmlFor={`${id}-to`}>{t('portrait.period.to')}</label>
                <input
                  id={`${id}-to`}
                  type="month"
                  value={period.to}
                  min={period.from}
                  required
                  onChange={(event) => event.target.value && choose({ ...period, to: event.target.value })}
                />
              </div>
            </>
          ) : (
            <div className="field">
              <label htmlFor={`${id}-year`}>{t('portrait.period.year')}</label>
              <select
                id={`${id}-year`}
                value={year}
                onChange={(event) => choose(periodOfKind(kind, Number(event.target.value)))}
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
            <>
              <div className="field">
                <label htmlFor={`${id}-compare-from`}>{t('portrait.period.compareFrom')}</label>
                <input
                  id={`${id}-compare-from`}
                  type="month"
                  value={comparePeriod.from}
                  max={comparePeriod.to}
                  required
                  onChange={(event) =>
                    event.target.value && onChange(period, { ...comparePeriod, from: event.target.value })
                  }
                />
              </div>
              <div className="field">
                <label htmlFor={`${id}-compare-to`}>{t('portrait.period.compareTo')}</label>
                <input
                  id={`${id}-compare-to`}
                  type="month"
                  value={comparePeriod.to}
                  min={comparePeriod.from}
                  required
                  onChange={(event) =>
                    event.target.value && onChange(period, { ...comparePeriod, to: event.target.value })
                  }
                />
              </div>
            </>
          )}
        </div>
      </fieldset>
    </form>
  );
}
