/**
 * The stacked daily chart with its legend, as the Cost screen and the monthly review both draw it: one place says
 * how a series is coloured, labelled and totalled.
 */
import { CostStackedChart } from '../../components/charts/CostCharts';
import { type CostChartData, seriesColour } from '../../components/charts/CostChartTypes';
import { longDayLabel, money, moneyCompact } from './cost-format';

export function CostChartFigure({
  data,
  currency,
  height,
  label,
}: {
  data: CostChartData;
  currency: string;
  height: number;
  /** The figure's spoken summary. */
  label: string;
}) {
  return (
    <>
      <figure className="chart cost-figure" aria-label={label}>
        <CostStackedChart
          data={data}
          height={height}
          money={(n) => money(n, currency)}
          tick={(n) => moneyCompact(n, currency)}
          day={longDayLabel}
        />
      </figure>
      <ul className="cost-legend" aria-label="Legend">
        {data.series.map((s) => (
          <li key={s.dataKey} className="cost-legend-item">
            <span className="cost-swatch" style={{ background: seriesColour(s.colour) }} aria-hidden="true" />
            <span className="cost-legend-label" title={s.label}>
              {s.label}
            </span>
            <span className="cost-legend-total num">{money(s.total, currency)}</span>
          </li>
        ))}
      </ul>
    </>
  );
}
