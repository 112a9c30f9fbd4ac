/**
 * Exact decimal arithmetic for amounts. Cost Explorer sends every amount as a decimal string with up to ten
 * fractional digits; adding them as binary floats drifts (0.1 + 0.2), and a monthly review of thousands of lines
 * would show cents that do not add up. decimal.js' default precision (20 significant digits) would round a large
 * sum of ten-decimal amounts, so this module uses its own clone with room to spare.
 */
import DecimalJs from 'decimal.js';

export const Dec = DecimalJs.clone({ precision: 60, rounding: DecimalJs.ROUND_HALF_UP });
export type Dec = InstanceType<typeof Dec>;

export const ZERO = new Dec(0);

/** Parses an amount from the wire; an empty or missing amount is zero (AWS leaves some out). */
export function dec(amount: string | number | Dec | undefined | null): Dec {
  if (amount === undefined || amount === null || amount === '') return ZERO;
  return new Dec(amount);
}

export function sum(amounts: Iterable<string | Dec | undefined>): Dec {
  let total = ZERO;
  for (const amount of amounts) total = total.plus(dec(amount));
  return total;
}

/** The canonical string of an amount: no exponent, no trailing zeros ("12.5", "0", "-3.25"). */
export function amount(value: Dec): string {
  const text = value.toFixed();
  return text === '-0' ? '0' : text;
}

/** Rounded to cents (half up), always two decimals: for exports and messages. */
export function cents(value: Dec | string): string {
  const text = dec(value).toFixed(2);
  return text === '-0.00' ? '0.00' : text;
}

/** `part` as a percentage of `whole`, one decimal; null when whole is zero. */
export function percentOf(part: Dec, whole: Dec): number | null {
  if (whole.isZero()) return null;
  return part.div(whole).times(100).toDecimalPlaces(1).toNumber();
}

/** Money for people: "1,234.56 USD". */
export function formatMoney(value: Dec | string, currency: string): string {
  const [whole = '0', fraction = '00'] = cents(value).split('.');
  const negative = whole.startsWith('-');
  const digits = negative ? whole.slice(1) : whole;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${grouped}.${fraction} ${currency}`;
}
