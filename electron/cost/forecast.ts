/**
 * Month-end forecast. Cost Explorer forecasts only from today (UTC) on, so the month end is what was spent until
 * yesterday plus the forecast of today through the last day. Today's partial spend is left out of the first part:
 * the forecast already covers the whole of today, and counting both would count today twice.
 */
import { type Forecast } from '../../shared/model/cost';
import { type ForecastAnswer } from './client';
import { type CostCalendar, type Period, addMonths, firstDay } from './dates';
import { type Dec, ZERO, amount, dec } from './money';

/** Today through the last day of the month (End exclusive: the first of next month). */
export function forecastPeriod(calendar: CostCalendar): Period {
  return { start: calendar.today, end: firstDay(addMonths(calendar.month, 1)) };
}

export interface ForecastBand {
  mean: Dec;
  low: Dec;
  high: Dec;
}

/** The forecast's mean and 80 % prediction interval over its whole period. */
export function forecastBand(answer: ForecastAnswer): ForecastBand {
  const periods = answer.ForecastResultsByTime ?? [];
  if (periods.length === 0) {
    const mean = dec(answer.Total?.Amount);
    return { mean, low: mean, high: mean };
  }
  let mean = ZERO;
  let low = ZERO;
  let high = ZERO;
  for (const p of periods) {
    const m = dec(p.MeanValue);
    mean = mean.plus(m);
    low = low.plus(p.PredictionIntervalLowerBound ? dec(p.PredictionIntervalLowerBound) : m);
    high = high.plus(p.PredictionIntervalUpperBound ? dec(p.PredictionIntervalUpperBound) : m);
  }
  return { mean, low, high };
}

export function monthEndForecast(answer: ForecastAnswer, period: Period, spentUntilYesterday: Dec): Forecast {
  const band = forecastBand(answer);
  return {
    from: period.start,
    to: period.end,
    remaining: { mean: amount(band.mean), low: amount(band.low), high: amount(band.high) },
    monthEnd: {
      mean: amount(spentUntilYesterday.plus(band.mean)),
      low: amount(spentUntilYesterday.plus(band.low)),
      high: amount(spentUntilYesterday.plus(band.high)),
    },
  };
}
