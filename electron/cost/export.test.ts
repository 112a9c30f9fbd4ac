import { describe, expect, it } from 'vitest';
import { csvField, csvLine, safeText } from './export-csv';
import { mdCell } from './export-markdown';

describe('export escaping', () => {
  it('quotes CSV fields only when RFC 4180 needs it', () => {
    expect(csvField('Amazon Simple Storage Service')).toBe('Amazon Simple Storage Service');
    expect(csvField('EC2 - Other, NAT')).toBe('"EC2 - Other, NAT"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\r\nlines')).toBe('"two\r\nlines"');
    expect(csvLine(['a', 'b,c', ''])).toBe('a,"b,c",');
  });

  it('keeps text that looks like a formula from running in a spreadsheet', () => {
    expect(safeText('=HYPERLINK("http://x")')).toBe('\'=HYPERLINK("http://x")');
    expect(safeText('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(safeText('Amazon S3')).toBe('Amazon S3');
  });

  it('escapes Markdown table cells', () => {
    expect(mdCell('a | b')).toBe('a \\| b');
    expect(mdCell('one\ntwo')).toBe('one two');
    expect(mdCell('back\\slash')).toBe('back\\\\slash');
  });
});
