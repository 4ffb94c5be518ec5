import type { PortraitPeriod } from '@maillage/contracts';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';

const PRIMARY = '#0b5563';
const COMPARE = '#9a3412';

/** Bars of one figure per MRC or volet, named in full on a vertical axis. */
export function BarsFigure({
  title,
  data,
  metricName,
  labelWidth = 190,
}: {
  title: string;
  data: { label: string; value: number | null }[];
  metricName: string;
  /** Room for the names on the vertical axis, in pixels. */
  labelWidth?: number;
}) {
  return (
    <figure className="portrait-chart">
      <figcaption>{title}</figcaption>
      <BarChart
        responsive
        style={{ width: '100%', height: Math.max(160, data.length * 36 + 40) }}
        data={data}
        layout="vertical"
        margin={{ left: 8, right: 24 }}
        title={title}
        desc={data.map((row) => `${row.label} : ${row.value ?? '—'}`).join(', ')}
      >
        <CartesianGrid strokeDasharray="3 3" horizontal={false} />
        <XAxis type="number" allowDecimals={false} />
        <YAxis type="category" dataKey="label" width={labelWidth} tick={{ fontSize: 13 }} />
        <Tooltip />
        <Bar dataKey="value" name={metricName} fill={PRIMARY} isAnimationActive={false} />
      </BarChart>
    </figure>
  );
}

/**
 * One figure month by month; the compared period, when there is one, as a dashed line of another colour aligned
 * month for month (its first month under the period's first).
 */
export function MonthsFigure({
  title,
  months,
  compareMonths,
  period,
  comparePeriod,
  metricName,
}: {
  title: string;
  months: { month: string; value: number | null }[];
  compareMonths: { month: string; value: number | null }[] | null;
  period: PortraitPeriod;
  comparePeriod: PortraitPeriod | null;
  metricName: string;
}) {
  const { t, i18n } = useTranslation();
  const monthName = new Intl.DateTimeFormat(i18n.language, { month: 'short', year: 'numeric', timeZone: 'UTC' });
  const label = (month: string) => monthName.format(new Date(`${month}-15T12:00:00Z`));
  const data = months.map((row, index) => ({
    label: label(row.month),
    value: row.value,
    compare: compareMonths?.[index]?.value ?? null,
  }));
  const periodName = (value: PortraitPeriod) =>
    t('portrait.periodRange', { from: label(value.from), to: label(value.to) });
  return (
    <figure className="portrait-chart">
      <figcaption>{title}</figcaption>
      <LineChart
        responsive
        style={{ width: '100%', height: 280 }}
        data={data}
        margin={{ left: 0, right: 24, top: 8 }}
        title={title}
        desc={data.map((row) => `${row.label} : ${row.value ?? '—'}`).join(', ')}
      >
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="label" tick={{ fontSize: 12 }} />
        <YAxis allowDecimals={false} />
        <Tooltip />
        <Legend />
        <Line
          type="linear"
          dataKey="value"
          name={`${metricName} — ${periodName(period)}`}
          stroke={PRIMARY}
          strokeWidth={3}
          dot={{ r: 3 }}
          isAnimationActive={false}
        />
        {comparePeriod && (
          <Line
            type="linear"
            dataKey="compare"
            name={`${metricName} — ${periodName(comparePeriod)}`}
            stroke={COMPARE}
            strokeWidth={2}
            strokeDasharray="6 4"
            dot={{ r: 3, strokeDasharray: '' }}
            isAnimationActive={false}
          />
        )}
      </LineChart>
    </figure>
  );
}
