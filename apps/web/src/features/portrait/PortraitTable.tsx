import {
  type PortraitCell,
  type PortraitColumn,
  PortraitMetric,
  type PortraitPage,
  portraitTable,
  type PortraitTableName,
} from '@maillage/contracts';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';

/** A count as the page writes it: grouped digits, or "fewer than 5" where people are too few to be shown. */
export const formatCount = (value: number | null, t: TFunction, language: string): string =>
  value === null ? t('portrait.withheld') : new Intl.NumberFormat(language).format(value);

/** A column's header in the interface's language; a period's own dates as they are. */
const headerOf = ({ key, label }: { key: PortraitColumn; label: string }, t: TFunction): string =>
  key === 'period' || key === 'comparePeriod'
    ? label
    : PortraitMetric.options.includes(key as PortraitMetric)
      ? t(`portrait.metrics.${key}`)
      : t(`portrait.columns.${key}`);

const formatCell = (cell: PortraitCell, t: TFunction, language: string): string =>
  typeof cell === 'string' ? cell : formatCount(cell, t, language);

/**
 * One table of the page, built by the same function as its CSV (portraitTable), so that the page and the file hold
 * the same rows; the accessible alternative of the chart above it.
 */
export function PortraitTable({
  page,
  table,
  caption,
  csvHref,
}: {
  page: PortraitPage;
  table: PortraitTableName;
  caption: string;
  csvHref: string;
}) {
  const { t, i18n } = useTranslation();
  const { columns, rows } = portraitTable(page, table);
  return (
    <div className="portrait-table">
      {/* Focusable so that keyboard users can scroll a table wider than the screen. */}
      <div className="table-scroll" role="region" aria-label={caption} tabIndex={0}>
        <table>
          <caption>{caption}</caption>
          <thead>
            <tr>
              {columns.map((column, index) => (
                <th key={column.key} scope="col" className={index > 0 ? 'number' : undefined}>
                  {headerOf(column, t)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 && (
              <tr>
                <td colSpan={columns.length} className="muted">
                  {t('portrait.emptyTable')}
                </td>
              </tr>
            )}
            {rows.map((row) => (
              <tr key={String(row[0])}>
                {row.map((cell, index) =>
                  index === 0 ? (
                    <th key={index} scope="row">
                      {formatCell(cell, t, i18n.language)}
                    </th>
                  ) : (
                    <td key={index} className="number">
                      {formatCell(cell, t, i18n.language)}
                    </td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="no-print">
        <a href={csvHref} download>
          {t('portrait.downloadCsv', { table: caption })}
        </a>
      </p>
    </div>
  );
}
