import { describe, expect, it } from 'vitest';
import { outlinePath } from './outline';

const text = [
  'version: 1', // 1
  'services:', // 2
  '  api:', // 3
  '    # a comment', // 4
  '    health:', // 5
  '      - id: a', // 6
  '        http: "http://x"', // 7
  '      - { id: b }', // 8
  '      - id: c', // 9
  '\t\tevery: 30s', // 10
  '  "web app":', // 11
  '    deploy: { strategy: script }', // 12
].join('\n');

describe('outlinePath', () => {
  it.each([
    [1, 'version'],
    [3, 'services.api'],
    [5, 'services.api.health'],
    [6, 'services.api.health.0.id'],
    [7, 'services.api.health.0.http'],
    [8, 'services.api.health.1'],
    [9, 'services.api.health.2.id'],
    // A tab-indented line is read as deeply indented, which is what its author meant.
    [10, 'services.api.health.2.every'],
    [12, 'services.web app.deploy'],
  ])('line %i is %s', (line, path) => {
    expect(outlinePath(text, line)).toBe(path);
  });
});
