#!/usr/bin/env node
// The demo's sandbox service: a tiny web app the demo workspace deploys, watches and breaks, so every screen of
// the cockpit has something real to show on first launch. Plain Node, no dependencies, loopback only.
//
//   GET  /, /login         a page naming the service and release (500 while broken)
//   GET  /health           liveness: 200 while the process runs (also /health/live)
//   GET  /health/ready     readiness: 200, or 503 while broken or while a host runs a BROKEN release
//                          (JSON: { status, release, releases, reason? })
//   GET  /metrics          Prometheus text: http_requests_total{method,code}, http_request_duration_seconds
//                          histogram, sandbox_ready, sandbox_build_info{release}
//   GET  /__sandbox/state  { service, mode, delayMs, ready, releases } for the cockpit's demo controls
//   POST /__sandbox/break  make it fail: ?mode=down (default: readiness 503, / answers 500) or
//                          ?mode=slow (every answer waits ?delay=ms, default 1500)
//   POST /__sandbox/heal   back to normal
//
// Releases. With SANDBOX_CURRENT (a list of `current` directories separated by the platform's path delimiter, one
// per pretend host of the environment: <host home>/<service>/current, a symlink to releases/<id>) the release is
// read on every request: the VERSION file in each current release (else its directory name), and a BROKEN file
// there marks the demo's deliberately bad release (readiness 503). Before the first deploy there is no `current`:
// the page says "no release yet" and readiness stays 200. Without SANDBOX_CURRENT the release is SANDBOX_RELEASE,
// else the VERSION file next to this script, else "dev".
//
// Other settings: PORT (default 0 = any free port), SANDBOX_NAME (the page title, default "Demo Shop"),
// SANDBOX_SERVICE (e.g. checkout, shown on the page), SANDBOX_EXIT_WITH_STDIN=1 (exit when stdin closes: the
// cockpit keeps a pipe open, so the sandbox ends with it even if the cockpit is killed), SANDBOX_EXIT_WITH_PARENT=<pid>
// (exit within a second or so once that process is gone: for a cockpit that can give no stdin pipe, the desktop app's
// utility processes).
// It listens on 127.0.0.1 only and prints one line when ready:
//   sandbox listening on http://127.0.0.1:<port> (release <id>)
// A port already in use is reported on stderr ("sandbox: port <n> on 127.0.0.1 is already in use") with exit code
// 98. SIGTERM and SIGINT close it cleanly.
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { createServer } from 'node:http';
import { basename, delimiter, dirname, join } from 'node:path';

function fixedRelease() {
  if (process.env.SANDBOX_RELEASE) return process.env.SANDBOX_RELEASE;
  try {
    return readFileSync(new URL('./VERSION', import.meta.url), 'utf8').trim() || 'dev';
  } catch {
    return 'dev';
  }
}

const currentDirs = (process.env.SANDBOX_CURRENT ?? '').split(delimiter).filter(Boolean);
const fixed = currentDirs.length === 0 ? fixedRelease() : null;
const title = process.env.SANDBOX_NAME || 'Demo Shop';
const service = process.env.SANDBOX_SERVICE || 'sandbox';

/** What each host runs now: { host, release (null before the first deploy), broken }. Read per request. */
function releases() {
  if (fixed !== null) return [{ host: 'local', release: fixed, broken: false }];
  return currentDirs.map((current) => {
    // <host home>/<service>/current: the host is the home folder's name.
    const host = basename(dirname(dirname(current)));
    let real;
    try {
      real = realpathSync(current);
    } catch {
      return { host, release: null, broken: false };
    }
    let release = basename(real);
    try {
      release = readFileSync(join(real, 'VERSION'), 'utf8').trim() || release;
    } catch {
      // A release without a VERSION file is named by its directory.
    }
    return { host, release, broken: existsSync(join(real, 'BROKEN')) };
  });
}

/** "8b71ff7", "8b71ff7 (demo-prod-1), 5c2d9e0 (demo-prod-2)", or "no release yet". */
function releaseText(list) {
  const ids = [...new Set(list.map((r) => r.release ?? 'none'))];
  if (list.every((r) => r.release === null)) return 'no release yet';
  if (ids.length === 1) return ids[0];
  return list.map((r) => `${r.release ?? 'none'} (${r.host})`).join(', ');
}

const escapeHtml = (text) =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
const startedAt = Date.now();
const buckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
const state = { mode: 'ok', delayMs: 0 };
// "GET 200" -> count. Seeded so the counter is on the page before the first request (a scrape needs it there).
const requests = new Map([['GET 200', 0]]);
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

/** Why readiness fails, or null: broken on purpose, or a host runs a release marked BROKEN. */
function notReady(list) {
  if (state.mode === 'down') return 'broken on purpose (POST /__sandbox/heal to fix)';
  const bad = list.find((r) => r.broken);
  return bad ? `release ${bad.release} on ${bad.host} is marked BROKEN (the demo's deliberately bad release)` : null;
}

function metricsText(list) {
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
    `sandbox_ready ${notReady(list) === null ? 1 : 0}`,
    '# TYPE sandbox_build_info gauge',
  );
  for (const id of new Set(list.map((r) => r.release ?? 'none'))) {
    lines.push(`sandbox_build_info{release="${id.replace(/["\\\n]/g, '_')}"} 1`);
  }
  lines.push('# TYPE process_start_time_seconds gauge', `process_start_time_seconds ${Math.floor(startedAt / 1000)}`);
  return `${lines.join('\n')}\n`;
}

function answer(res, code, type, body) {
  res.writeHead(code, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
  return code;
}

const json = (res, code, value) => answer(res, code, 'application/json', JSON.stringify(value));

function route(req, res, url) {
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
  const list = releases();
  const why = notReady(list);
  const release = releaseText(list);
  switch (url.pathname) {
    case '/':
    case '/login':
      return why
        ? answer(res, 500, 'text/plain', `Internal Server Error (${why})\n`)
        : answer(
            res,
            200,
            'text/html',
            `<!doctype html><title>${escapeHtml(title)}</title><h1>${escapeHtml(title)}</h1>` +
              `<p>${escapeHtml(service)} · ${release === 'no release yet' ? release : `release ${escapeHtml(release)}`}</p>\n`,
          );
    case '/health/live':
      // Broken on purpose, the process stops doing its work: a background worker has no readiness, so its liveness
      // is what a check can see fail (the demo's worker-live). `/health` still says the process runs.
      if (state.mode === 'down') return json(res, 503, { status: 'stuck', service, release, releases: list });
    // falls through
    case '/health':
      return json(res, 200, {
        status: 'ok',
        service,
        release,
        releases: list,
        uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
      });
    case '/health/ready':
      return why
        ? json(res, 503, { status: 'broken', release, releases: list, reason: why })
        : json(res, 200, { status: 'ready', release, releases: list });
    case '/metrics':
      return answer(res, 200, 'text/plain; version=0.0.4', metricsText(list));
    case '/__sandbox/state':
      return json(res, 200, {
        service,
        mode: state.mode,
        delayMs: state.delayMs,
        ready: why === null,
        reason: why,
        releases: list,
      });
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

const port = Number(process.env.PORT ?? 0);
server.on('error', (error) => {
  if (error.code === 'EADDRINUSE') {
    console.error(`sandbox: port ${port} on 127.0.0.1 is already in use`);
    process.exit(98);
  }
  console.error(`sandbox: ${error.message}`);
  process.exit(1);
});
server.listen(port, '127.0.0.1', () => {
  const address = server.address();
  console.log(`sandbox listening on http://127.0.0.1:${address.port} (release ${releaseText(releases())})`);
});

function stop() {
  server.close(() => process.exit(0));
  server.closeAllConnections();
}
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, stop);
if (process.env.SANDBOX_EXIT_WITH_STDIN === '1') {
  // The cockpit holds the other end of this pipe: when it ends (even killed outright), so does the sandbox.
  process.stdin.on('end', stop);
  process.stdin.on('close', stop);
  process.stdin.resume();
}
const parent = Number(process.env.SANDBOX_EXIT_WITH_PARENT);
if (Number.isInteger(parent) && parent > 0) {
  // Gone: no such process any more, or (when it was this process's parent) this process was handed to another one.
  const startedUnder = process.ppid;
  const gone = () => {
    if (startedUnder === parent && process.ppid !== parent) return true;
    try {
      process.kill(parent, 0);
      return false;
    } catch (error) {
      return error.code === 'ESRCH';
    }
  };
  setInterval(() => {
    if (gone()) stop();
  }, 1_000).unref();
}
