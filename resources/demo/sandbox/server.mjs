#!/usr/bin/env node
// The demo's sandbox service: a tiny web app the demo workspace deploys, watches and breaks, so every screen of
// the cockpit has something real to show on first launch. Plain Node, no dependencies, loopback only.
//
//   GET  /, /login         a page naming the service and release (500 while broken)
//   GET  /health           liveness: 200 while the process runs (also /health/live)
//   GET  /health/ready     readiness: 200, or 503 while broken (JSON: { status, release, reason? })
//   GET  /metrics          Prometheus text: http_requests_total{method,code}, http_request_duration_seconds
//                          histogram, sandbox_ready, sandbox_build_info{release}
//   POST /__sandbox/break  make it fail: ?mode=down (default: readiness 503, / answers 500) or
//                          ?mode=slow (every answer waits ?delay=ms, default 1500)
//   POST /__sandbox/heal   back to normal
//
// Settings: PORT (default 0 = any free port), SANDBOX_RELEASE (else the VERSION file next to this script, else
// "dev"), SANDBOX_NAME (the page title, default "Demo Shop"), SANDBOX_SERVICE (e.g. checkout, shown on the page).
// It listens on 127.0.0.1 only and prints one line when ready:
//   sandbox listening on http://127.0.0.1:<port> (release <id>)
// SIGTERM and SIGINT close it cleanly.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

function releaseId() {
  if (process.env.SANDBOX_RELEASE) return process.env.SANDBOX_RELEASE;
  try {
    return readFileSync(new URL('./VERSION', import.meta.url), 'utf8').trim() || 'dev';
  } catch {
    return 'dev';
  }
}

const release = releaseId();
const title = process.env.SANDBOX_NAME || 'Demo Shop';
const service = process.env.SANDBOX_SERVICE || 'sandbox';
const escapeHtml = (text) =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
const startedAt = Date.now();
const buckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
const state = { mode: 'ok', delayMs: 0 };
const requests = new Map(); // "GET 200" -> count
const histogram = { counts: buckets.map(() => 0), inf: 0, sum: 0 };

function observe(method, code, seconds) {
  const key = `${method} ${code}`;
  requests.set(key, (requests.get(key) ?? 0) + 1);
  buckets.forEach((le, i) => {
    if (seconds <= le) histogram.counts[i]++;
  });
  histogram.inf++;
  histogram.sum += seconds;
}

function metricsText() {
  const lines = [
    '# HELP http_requests_total Requests answered, by method and status code.',
    '# TYPE http_requests_total counter',
  ];
  for (const [key, count] of requests) {
    const [method, code] = key.split(' ');
    lines.push(`http_requests_total{method="${method}",code="${code}"} ${count}`);
  }
  lines.push(
    '# HELP http_request_duration_seconds Time to answer a request.',
    '# TYPE http_request_duration_seconds histogram',
  );
  buckets.forEach((le, i) => lines.push(`http_request_duration_seconds_bucket{le="${le}"} ${histogram.counts[i]}`));
  lines.push(
    `http_request_duration_seconds_bucket{le="+Inf"} ${histogram.inf}`,
    `http_request_duration_seconds_sum ${histogram.sum}`,
    `http_request_duration_seconds_count ${histogram.inf}`,
    '# HELP sandbox_ready 1 when the sandbox is healthy.',
    '# TYPE sandbox_ready gauge',
    `sandbox_ready ${state.mode === 'ok' ? 1 : 0}`,
    '# TYPE sandbox_build_info gauge',
    `sandbox_build_info{release="${release.replace(/["\\\n]/g, '_')}"} 1`,
    '# TYPE process_start_time_seconds gauge',
    `process_start_time_seconds ${Math.floor(startedAt / 1000)}`,
  );
  return `${lines.join('\n')}\n`;
}

function answer(res, code, type, body) {
  res.writeHead(code, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
  return code;
}

const json = (res, code, value) => answer(res, code, 'application/json', JSON.stringify(value));

function route(req, res, url) {
  const broken = state.mode === 'down';
  if (req.method === 'POST' && url.pathname === '/__sandbox/break') {
    const mode = url.searchParams.get('mode') === 'slow' ? 'slow' : 'down';
    state.mode = mode;
    state.delayMs = mode === 'slow' ? Number(url.searchParams.get('delay') ?? 1500) || 1500 : 0;
    return json(res, 200, { mode: state.mode, delayMs: state.delayMs });
  }
  if (req.method === 'POST' && url.pathname === '/__sandbox/heal') {
    state.mode = 'ok';
    state.delayMs = 0;
    return json(res, 200, { mode: state.mode });
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') return answer(res, 405, 'text/plain', 'method not allowed\n');
  switch (url.pathname) {
    case '/':
    case '/login':
      return broken
        ? answer(res, 500, 'text/plain', 'Internal Server Error (the sandbox was broken on purpose)\n')
        : answer(
            res,
            200,
            'text/html',
            `<!doctype html><title>${escapeHtml(title)}</title><h1>${escapeHtml(title)}</h1>` +
              `<p>${escapeHtml(service)} · release ${escapeHtml(release)}</p>\n`,
          );
    case '/health':
    case '/health/live':
      return json(res, 200, {
        status: 'ok',
        service,
        release,
        uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
      });
    case '/health/ready':
      return broken
        ? json(res, 503, { status: 'broken', release, reason: 'broken on purpose (POST /__sandbox/heal to fix)' })
        : json(res, 200, { status: 'ready', release });
    case '/metrics':
      return answer(res, 200, 'text/plain; version=0.0.4', metricsText());
    default:
      return answer(res, 404, 'text/plain', 'not found\n');
  }
}

const server = createServer((req, res) => {
  const started = process.hrtime.bigint();
  const url = new URL(req.url ?? '/', 'http://sandbox');
  const control = url.pathname.startsWith('/__sandbox/') || url.pathname === '/metrics';
  const respond = () => {
    const code = route(req, res, url);
    // Scrapes and control calls are not traffic: counting them would skew the error rate the demo shows.
    if (!control) observe(req.method, code, Number(process.hrtime.bigint() - started) / 1e9);
  };
  if (state.mode === 'slow' && !control) setTimeout(respond, state.delayMs);
  else respond();
});

server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const { port } = server.address();
  console.log(`sandbox listening on http://127.0.0.1:${port} (release ${release})`);
});

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}
