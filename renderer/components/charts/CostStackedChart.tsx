/**
 * The recharts implementation of the Cost screen's chart: daily spend stacked by group, days AWS still marks as
 * estimated drawn lighter and hatched, and a dashed line on each day with a deploy. Loaded lazily through
 * ./CostCharts (recharts must stay out of the first screen's bundle). The legend is HTML, outside this file.
 */
import { type ReactNode, useId } from 'react';
import {
  Bar,
  BarChart,
  type BarShapeProps,
  CartesianGrid,
  ReferenceArea,
  ReferenceLine,
  Tooltip,
  type TooltipContentProps,
  XAxis,
  YAxis,
} from 'recharts';
import { type ChartRow, type CostChartData, seriesColour } from './CostChartTypes';

export interface CostStackedChartProps {
  data: CostChartData;
  height?: number;
  /** Formats an amount of the chart's currency: "$12.30". */
  money: (amount: number) => string;
  /** Formats an axis tick: "$1.2K". */
  tick: (amount: number) => string;
  /** Formats a day for the tooltip: "Mon, Oct 5, 2026". */
  day: (date: string) => string;
}

function EstimatedAwareBar(props: BarShapeProps & { hatch: string }): ReactNode {
  const { x, y, width, height, fill, payload, hatch } = props;
  if (!width || !height || height <= 0) return null;
  const estimated = (payload as ChartRow | undefined)?.estimated === true;
  // Thousands of bars on a 13-month chart: a plain rect unless the day is an estimate.
  if (!estimated) return <rect x={x} y={y} width={width} height={height} fill={fill} />;
  return (
    <g>
      <rect x={x} y={y} width={width} height={height} fill={fill} fillOpacity={0.45} />
      <rect x={x} y={y} width={width} height={height} fill={`url(#${hatch})`} />
    </g>
  );
}

function CostTooltip({
  active,
  payload,
  data,
  money,
  day,
}: {
  active?: boolean;
  payload?: ReadonlyArray<{ payload?: unknown }>;
} & Pick<CostStackedChartProps, 'data' | 'money' | 'day'>) {
  const row = payload?.[0]?.payload as ChartRow | undefined;
  if (!active || !row) return null;
  const lines = data.series
    .map((s) => ({ s, value: Number(row[s.dataKey] ?? 0) }))
    .filter((l) => l.value > 0)
    .sort((a, b) => b.value - a.value);
  const markers = data.markers.find((m) => m.date === row.date);
  const unusual = data.anomalies.filter((a) => a.from <= row.date && row.date <= a.to);
  return (
    <div className="cost-tooltip">
      <p className="cost-tooltip-title">
        {day(row.date)}
        {row.estimated ? <span className="cost-tooltip-est">estimated</span> : null}
      </p>
      <table>
        <tbody>
          {lines.map(({ s, value }) => (
            <tr key={s.dataKey}>
              <td>
                <span className="cost-swatch" style={{ background: seriesColour(s.colour) }} aria-hidden="true" />
                {s.label}
              </td>
              <td className="col-num">{money(value)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Total</th>
            <td className="col-num">{money(row.total)}</td>
          </tr>
        </tfoot>
      </table>
      {markers ? <p className="cost-tooltip-marker">▲ {markers.text}</p> : null}
      {unusual.map((a) => (
        <p key={a.id} className="cost-tooltip-anomaly">
          ! Unusual spend: {a.label}
        </p>
      ))}
    </div>
  );
}

export default function CostStackedChart({ data, height = 260, money, tick, day }: CostStackedChartProps) {
  // A DOM-safe id for the hatch pattern: React's ids contain characters url(#…) would need escaped.
  const hatch = `cost-hatch-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const many = data.rows.length > 45;
  return (
    <>
      <svg width="0" height="0" style={{ position: 'absolute' }} aria-hidden="true" focusable="false">
        <defs>
          <pattern id={hatch} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="2.2" height="6" fill="var(--surface)" fillOpacity="0.85" />
          </pattern>
        </defs>
      </svg>
      <BarChart
        responsive
        style={{ width: '100%', height }}
        data={data.rows}
        margin={{ top: 18, right: 8, bottom: 0, left: 4 }}
        barCategoryGap={many ? '8%' : '18%'}
      >
        <CartesianGrid vertical={false} stroke="var(--border)" />
        <XAxis
          dataKey="date"
          tickLine={false}
          axisLine={{ stroke: 'var(--border)' }}
          tick={{ fill: 'var(--text-muted)', fontSize: 11 }}
          tickFormatter={(date: string) => data.tickText[date] ?? date}
          {...(data.ticks ? { ticks: data.ticks, interval: 0 } : { interval: 'preserveStartEnd' as const })}
          minTickGap={many ? 16 : 6}
        />
        <YAxis
          tickLine={false}
          axisLine={false}
          tick={{ fill: 'var(--text-muted)', fontSize: 11 }}
          tickFormatter={(v: number) => tick(v)}
          width={56}
        />
        <Tooltip
          cursor={{ fill: 'var(--surface-2)' }}
          isAnimationActive={false}
          content={(props: TooltipContentProps) => (
            <CostTooltip active={props.active} payload={props.payload} data={data} money={money} day={day} />
          )}
        />
        {data.series.map((s) => (
          <Bar
            key={s.dataKey}
            dataKey={s.dataKey}
            name={s.label}
            stackId="spend"
            fill={seriesColour(s.colour)}
            isAnimationActive={false}
            shape={(props: BarShapeProps) => <EstimatedAwareBar {...props} hatch={hatch} />}
          />
        ))}
        {data.anomalies.map((a) => (
          <ReferenceArea
            key={a.id}
            x1={a.from}
            x2={a.to}
            className="cost-anomaly-band"
            fill="var(--chart-bad)"
            fillOpacity={0.1}
            stroke="var(--chart-bad)"
            strokeDasharray="4 2"
            ifOverflow="extendDomain"
            label={{ value: `! ${a.label}`, position: 'insideTop', fill: 'var(--chart-bad)', fontSize: 10 }}
          />
        ))}
        {data.markers.map((m) => (
          <ReferenceLine
            key={m.date}
            x={m.date}
            stroke={m.bad ? 'var(--chart-bad)' : 'var(--text-muted)'}
            strokeDasharray="3 3"
            ifOverflow="extendDomain"
            label={{
              value: m.count > 1 ? `▲${m.count}` : '▲',
              position: 'top',
              fill: m.bad ? 'var(--chart-bad)' : 'var(--text-muted)',
              fontSize: 10,
            }}
          />
        ))}
      </BarChart>
    </>
  );
}
