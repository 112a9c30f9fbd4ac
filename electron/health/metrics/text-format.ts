/**
 * A small reader of the Prometheus text exposition format (version 0.0.4): `# HELP`/`# TYPE` lines and samples
 * `name{label="value",…} value [timestamp]`, with escaped label values (\\, \", \n) and +Inf/-Inf/NaN. Enough
 * to compute an error rate and a p95 from a `/metrics` page without a Prometheus server.
 */

export interface MetricSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface MetricsPage {
  samples: MetricSample[];
  /** From `# TYPE name counter|gauge|histogram|summary|untyped`. */
  types: Map<string, string>;
}

export function parseNumber(text: string): number {
  if (text === '+Inf' || text === 'Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  if (text === 'NaN') return NaN;
  const n = Number(text);
  if (text.trim() === '' || Number.isNaN(n)) throw new Error(`not a number: "${text}"`);
  return n;
}

/** Parses a page; a malformed line throws with its line number, since a half-read page would mislead. */
export function parseMetricsText(text: string): MetricsPage {
  const samples: MetricSample[] = [];
  const types = new Map<string, string>();
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (!line) return;
    if (line.startsWith('#')) {
      const type = /^#\s*TYPE\s+(\S+)\s+(\S+)/.exec(line);
      if (type?.[1] && type[2]) types.set(type[1], type[2]);
      return;
    }
    try {
      samples.push(parseSampleLine(line));
    } catch (error) {
      throw new Error(`metrics line ${index + 1}: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
  return { samples, types };
}

function parseSampleLine(line: string): MetricSample {
  const nameMatch = /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(line);
  if (!nameMatch) throw new Error(`expected a metric name in "${line.slice(0, 60)}"`);
  const name = nameMatch[0];
  let rest = line.slice(name.length);
  const labels: Record<string, string> = {};
  if (rest.startsWith('{')) {
    const end = readLabels(rest, labels);
    rest = rest.slice(end);
  }
  const fields = rest.trim().split(/\s+/);
  if (!fields[0]) throw new Error(`no value for ${name}`);
  return { name, labels, value: parseNumber(fields[0]) };
}

/** Reads `{a="x",b="y"}` into `labels`; returns the index just past the closing brace. */
function readLabels(text: string, labels: Record<string, string>): number {
  let i = 1;
  for (;;) {
    while (text[i] === ' ' || text[i] === ',') i++;
    if (text[i] === '}') return i + 1;
    const key = /^[a-zA-Z_][a-zA-Z0-9_]*/.exec(text.slice(i));
    if (!key) throw new Error(`bad label at "${text.slice(i, i + 20)}"`);
    i += key[0].length;
    while (text[i] === ' ') i++;
    if (text[i] !== '=' || text[i + 1] !== '"') throw new Error(`expected ="…" after label ${key[0]}`);
    i += 2;
    let value = '';
    for (;;) {
      const c = text[i];
      if (c === undefined) throw new Error('unterminated label value');
      if (c === '"') break;
      if (c === '\\') {
        const next = text[i + 1];
        value += next === 'n' ? '\n' : (next ?? '');
        i += 2;
        continue;
      }
      value += c;
      i++;
    }
    labels[key[0]] = value;
    i++;
  }
}

/** Sum of every sample of `name` whose labels pass `filter`. */
export function sumOf(
  page: MetricsPage,
  name: string,
  filter: (labels: Record<string, string>) => boolean = () => true,
) {
  let total = 0;
  for (const s of page.samples) if (s.name === name && filter(s.labels)) total += s.value;
  return total;
}
