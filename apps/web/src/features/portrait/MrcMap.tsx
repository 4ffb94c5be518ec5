import type { PortraitMetric, PortraitPage } from '@maillage/contracts';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { labelPointOf, MRC_SHAPES, pathOf, RIVER } from './mrc-shapes';
import { formatCount } from './PortraitTable';

/** Five shades from none to the most active MRC; each MRC also carries its number, so colour is never alone. */
const SHADES = ['#f1f5f6', '#c6e0e4', '#86bdc6', '#3f8d9b', '#0b5563'];
const WITHHELD_SHADE = 'url(#withheld-hatch)';

const shadeOf = (value: number | null, max: number): string => {
  if (value === null) return WITHHELD_SHADE;
  if (value === 0 || max === 0) return SHADES[0]!;
  return SHADES[Math.min(4, Math.ceil((value / max) * 4))]!;
};

/** A shade's range of values, for the legend. */
const rangeOf = (step: number, max: number): [number, number] => [
  Math.floor(((step - 1) / 4) * max) + 1,
  Math.floor((step / 4) * max),
];

/** The eight MRC shaded by one figure; each links to its page for those who may see it. */
export function MrcMap({
  mrcs,
  metric,
  linkTo,
}: {
  mrcs: PortraitPage['mrcs'];
  metric: PortraitMetric;
  /** The address of an MRC's page, or null where the viewer has none. */
  linkTo: (code: string) => string | null;
}) {
  const { t, i18n } = useTranslation();
  const byCode = new Map(mrcs.map((mrc) => [mrc.code, mrc]));
  const max = Math.max(0, ...mrcs.map((mrc) => mrc.figures[metric] ?? 0));
  const metricName = t(`portrait.metrics.${metric}`);
  return (
    <figure className="portrait-map">
      <svg
        viewBox="0 0 800 460"
        role="group"
        aria-label={t('portrait.map.label', { metric: metricName })}
        className="mrc-map"
      >
        <defs>
          <pattern id="withheld-hatch" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="8" height="8" fill="#f1f5f6" />
            <line x1="0" y1="0" x2="0" y2="8" stroke="#86bdc6" strokeWidth="3" />
          </pattern>
        </defs>
        <path d={pathOf(RIVER)} className="mrc-map-river" />
        <text x="170" y="120" className="mrc-map-water" aria-hidden="true">
          {t('portrait.map.river')}
        </text>
        {MRC_SHAPES.map((shape) => {
          const mrc = byCode.get(shape.code);
          if (!mrc) return null;
          const value = mrc.figures[metric];
          const [x, y] = labelPointOf(shape.points);
          const label = t('portrait.map.area', {
            name: mrc.name,
            value: formatCount(value, t, i18n.language),
            metric: metricName,
          });
          const area = (
            <g className="mrc-map-area">
              <path d={pathOf(shape.points)} fill={shadeOf(value, max)} />
              <text
                x={x}
                y={y - 6 - (shape.label.length - 1) * 15}
                textAnchor="middle"
                className="mrc-map-name"
                aria-hidden="true"
              >
                {shape.label.map((line, index) => (
                  <tspan key={line} x={x} dy={index === 0 ? 0 : 15}>
                    {line}
                  </tspan>
                ))}
              </text>
              <text
                x={x}
                y={y + 14}
                textAnchor="middle"
                className={`mrc-map-value${value !== null && max > 0 && value / max > 0.5 ? ' on-dark' : ''}`}
                aria-hidden="true"
              >
                {formatCount(value, t, i18n.language)}
              </text>
            </g>
          );
          const href = linkTo(shape.code);
          return href ? (
            <Link key={shape.code} to={href} aria-label={label}>
              {area}
            </Link>
          ) : (
            <g key={shape.code} role="img" aria-label={label}>
              {area}
            </g>
          );
        })}
      </svg>
      <figcaption>
        <span className="mrc-map-legend-title">{t('portrait.map.legend', { metric: metricName })}</span>
        <ul className="mrc-map-legend">
          <li>
            <span className="swatch" style={{ background: SHADES[0] }} aria-hidden="true" /> 0
          </li>
          {max > 0 &&
            [1, 2, 3, 4]
              .map((step) => [step, ...rangeOf(step, max)] as const)
              .filter(([, low, high]) => high >= low)
              .map(([step, low, high]) => (
                <li key={step}>
                  <span className="swatch" style={{ background: SHADES[step] }} aria-hidden="true" />{' '}
                  {low === high ? low : t('portrait.map.range', { low, high })}
                </li>
              ))}
          <li>
            <span className="swatch swatch-withheld" aria-hidden="true" /> {t('portrait.withheld')}
          </li>
        </ul>
      </figcaption>
    </figure>
  );
}
