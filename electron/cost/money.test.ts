import { describe, expect, it } from 'vitest';
import { amount, cents, dec, formatMoney, percentOf, sum } from './money';

describe('exact money', () => {
  it('adds decimal strings exactly where floats drift', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(amount(sum(['0.1', '0.2']))).toBe('0.3');
    expect(amount(sum(Array.from({ length: 1000 }, () => '0.0000000001')))).toBe('0.0000001');
  });

  it('keeps every digit of large sums of ten-decimal amounts', () => {
    // 40 digits of significance: beyond decimal.js' default precision of 20.
    const big = '123456789012.3456789012';
    expect(amount(sum([big, big, '0.0000000001']))).toBe('246913578024.6913578025');
  });

  it('treats a missing amount as zero', () => {
    expect(amount(sum([undefined, '', '1.5']))).toBe('1.5');
  });

  it('rounds to cents half up only at the end', () => {
    expect(cents('2.345')).toBe('2.35');
    expect(cents('-0.001')).toBe('0.00');
    expect(cents(sum(['0.005', '0.005', '0.005']))).toBe('0.02');
  });

  it('gives percentages with one decimal, null against zero', () => {
    expect(percentOf(dec('1'), dec('3'))).toBe(33.3);
    expect(percentOf(dec('5'), dec('0'))).toBeNull();
  });

  it('formats money for people', () => {
    expect(formatMoney('1234567.891', 'USD')).toBe('1,234,567.89 USD');
    expect(formatMoney('-12.5', 'EUR')).toBe('-12.50 EUR');
  });
});
