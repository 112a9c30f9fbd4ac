import { afterEach, describe, expect, it, vi } from 'vitest';
import { type PromptRequest } from '../../shared/api/prompts';
import { CockpitError, type EventMessage } from '../../shared/rpc';
import { EventBus } from '../api/events';
import { createPromptBroker } from './broker';
import { createPromptsFeature } from './feature';
import { brokerPassphrasePrompt, durationWords } from './passphrase';

const SECRET = 'correct horse battery staple';

/**
 * Brokers this file made: closed after each test, so a question a test leaves open never times out later, in
 * whatever test file runs next in the same worker (the Node side's test files share their worker).
 */
const brokers: Array<{ close(): void }> = [];

/** A broker whose events are recorded as the windows would receive them. */
function setup(timeoutMs = 60_000) {
  const requested: PromptRequest[] = [];
  const settled: Array<{ id: string; outcome: string }> = [];
  const broker = createPromptBroker({
    emit: { requested: (r) => requested.push(r), settled: (s) => settled.push(s) },
    timeoutMs,
    now: () => new Date('2026-03-01T10:00:00.000Z'),
  });
  brokers.push(broker);
  return { broker, requested, settled };
}

const question = { kind: 'passphrase', host: 'web1', keyFile: '/keys/id_ed25519', attempt: 1, maxAttempts: 3 } as const;

afterEach(() => {
  for (const broker of brokers.splice(0)) broker.close();
  vi.useRealTimers();
});

describe('prompt broker', () => {
  it('tells every window what is asked, and hands the first answer to the one waiting', async () => {
    const { broker, requested, settled } = setup();
    const reply = broker.ask(question);
    expect(requested).toEqual([
      {
        ...question,
        id: expect.any(String),
        askedAt: '2026-03-01T10:00:00.000Z',
        expiresAt: '2026-03-01T10:01:00.000Z',
      },
    ]);
    const id = (requested[0] as PromptRequest).id;
    expect(broker.pending().map((r) => r.id)).toEqual([id]);

    expect(broker.answer({ id, passphrase: SECRET })).toEqual({ accepted: true });
    await expect(reply).resolves.toEqual({ outcome: 'answered', passphrase: SECRET });
    expect(settled).toEqual([{ id, outcome: 'answered' }]);
    expect(broker.pending()).toEqual([]);
    // A second window answering late is told it was too late, and nothing changes.
    expect(broker.answer({ id, passphrase: 'other' })).toEqual({ accepted: false });
  });

  it('cancel settles the question without an answer', async () => {
    const { broker, requested, settled } = setup();
    const reply = broker.ask(question);
    const id = (requested[0] as PromptRequest).id;
    broker.answer({ id, cancel: true });
    await expect(reply).resolves.toEqual({ outcome: 'cancelled' });
    expect(settled).toEqual([{ id, outcome: 'cancelled' }]);
  });

  it('gives up on a question nobody answers, and says so to every window', async () => {
    vi.useFakeTimers();
    const { broker, requested, settled } = setup(120_000);
    const reply = broker.ask(question);
    vi.advanceTimersByTime(119_000);
    expect(broker.pending()).toHaveLength(1);
    vi.advanceTimersByTime(1_000);
    await expect(reply).resolves.toEqual({ outcome: 'timed-out' });
    expect(settled).toEqual([{ id: (requested[0] as PromptRequest).id, outcome: 'timed-out' }]);
    expect(broker.pending()).toEqual([]);
  });

  it('refuses an answer that does not fit the question', async () => {
    const { broker, requested } = setup();
    void broker.ask(question);
    const id = (requested[0] as PromptRequest).id;
    expect(() => broker.answer({ id, confirmed: true })).toThrow(CockpitError);
    expect(broker.pending()).toHaveLength(1);
  });

  it('drops a question when the work waiting on it is cancelled, and every question when it closes', async () => {
    const { broker, settled } = setup();
    const abort = new AbortController();
    const dropped = broker.ask({ kind: 'confirm', prompt: 'Go on?', runId: 'r1' }, { signal: abort.signal });
    abort.abort();
    await expect(dropped).resolves.toEqual({ outcome: 'cancelled' });
    const left = broker.ask(question);
    broker.close();
    await expect(left).resolves.toEqual({ outcome: 'closed' });
    expect(settled.map((s) => s.outcome)).toEqual(['cancelled', 'closed']);
  });
});

describe('passphrase prompt over the broker', () => {
  it('asks once for hosts connecting with the same key at the same time', async () => {
    const { broker, requested } = setup();
    const prompt = brokerPassphrasePrompt(broker, { timeoutMs: 60_000 });
    const hosts = ['web1', 'web2', 'web3'].map((host) =>
      prompt({ kind: 'passphrase', host, keyFile: '/keys/id_ed25519', attempt: 1, startedAt: 0, unattended: false }),
    );
    expect(requested).toHaveLength(1);
    broker.answer({ id: (requested[0] as PromptRequest).id, passphrase: SECRET });
    expect(await Promise.all(hosts)).toEqual([SECRET, SECRET, SECRET]);
    // A later attempt (after a wrong passphrase) is a new question.
    void prompt({
      kind: 'passphrase',
      host: 'web1',
      keyFile: '/keys/id_ed25519',
      attempt: 2,
      startedAt: 0,
      unattended: false,
    });
    expect(requested.map((r) => r.kind === 'passphrase' && r.attempt)).toEqual([1, 2]);
  });

  it('says which key on which host nobody gave a passphrase for', async () => {
    vi.useFakeTimers();
    const { broker } = setup();
    const prompt = brokerPassphrasePrompt(broker, { timeoutMs: 120_000 });
    const asked = prompt({
      kind: 'passphrase',
      host: 'web1',
      keyFile: '/keys/id_ed25519',
      attempt: 1,
      startedAt: 0,
      unattended: false,
    });
    const failed = expect(asked).rejects.toThrow(
      'no passphrase given for /keys/id_ed25519 on web1 (nobody answered within 2 minutes)',
    );
    vi.advanceTimersByTime(120_000);
    await failed;
  });

  it('treats cancel as "skip this key"', async () => {
    const { broker, requested } = setup();
    const asked = brokerPassphrasePrompt(broker, { timeoutMs: 60_000 })({
      kind: 'passphrase',
      host: 'web1',
      keyFile: '/keys/id_ed25519',
      attempt: 1,
      startedAt: 0,
      unattended: false,
    });
    broker.answer({ id: (requested[0] as PromptRequest).id, cancel: true });
    await expect(asked).resolves.toBeNull();
  });

  it('after a cancel, work already under way does not ask again; work started afterwards does', async () => {
    const { broker, requested } = setup();
    let clock = 1_000;
    const prompt = brokerPassphrasePrompt(broker, { timeoutMs: 60_000, now: () => clock });
    const question = { kind: 'passphrase', keyFile: '/keys/id_ed25519', attempt: 1, unattended: false } as const;
    const first = prompt({ ...question, host: 'web1', startedAt: 900 });
    clock = 2_000;
    broker.answer({ id: (requested[0] as PromptRequest).id, cancel: true });
    await expect(first).resolves.toBeNull();
    // A second request of the same screen load, whose connection began before the cancel: no new dialog.
    await expect(prompt({ ...question, host: 'web2', startedAt: 1_500 })).resolves.toBeNull();
    expect(requested).toHaveLength(1);
    // The person's next action starts later: it is asked again.
    const next = prompt({ ...question, host: 'web1', startedAt: 2_500 });
    expect(requested).toHaveLength(2);
    broker.answer({ id: (requested[1] as PromptRequest).id, passphrase: SECRET });
    await expect(next).resolves.toBe(SECRET);
  });

  it('background work never re-asks a declined or unanswered key; unlocking it once asks background work again', async () => {
    vi.useFakeTimers();
    const { broker, requested } = setup();
    let clock = 1_000;
    const prompt = brokerPassphrasePrompt(broker, { timeoutMs: 60_000, now: () => clock });
    const base = { kind: 'passphrase', host: 'web1', keyFile: '/keys/id_ed25519', attempt: 1 } as const;
    // Nothing declined yet: a scheduled check may ask (that is how the key gets unlocked at start).
    const first = prompt({ ...base, startedAt: 900, unattended: true });
    expect(requested).toHaveLength(1);
    const unanswered = expect(first).rejects.toThrow('nobody answered');
    vi.advanceTimersByTime(60_000);
    await unanswered;
    // Left unanswered: later checks, every 30 s, do not open it again…
    clock = 200_000;
    await expect(prompt({ ...base, startedAt: 199_000, unattended: true })).resolves.toBeNull();
    expect(requested).toHaveLength(1);
    // …but a person's action does, and unlocking the key there lets checks ask again after the pool closes.
    const action = prompt({ ...base, startedAt: 200_500, unattended: false });
    expect(requested).toHaveLength(2);
    broker.answer({ id: (requested[1] as PromptRequest).id, passphrase: SECRET });
    await expect(action).resolves.toBe(SECRET);
    void prompt({ ...base, startedAt: 300_000, unattended: true });
    expect(requested).toHaveLength(3);
  });

  it('words durations for messages', () => {
    expect(durationWords(120_000)).toBe('2 minutes');
    expect(durationWords(60_000)).toBe('1 minute');
    expect(durationWords(45_000)).toBe('45 seconds');
    expect(durationWords(90_000)).toBe('90 seconds');
  });
});

describe('prompts feature on the event bus', () => {
  it('never lets the passphrase out: not in events, not in the pending list', async () => {
    const events = new EventBus();
    const heard: EventMessage[] = [];
    events.subscribe((m) => heard.push(m));
    const feature = createPromptsFeature({ events });
    const asked = feature.passphrase({
      kind: 'passphrase',
      host: 'web1',
      keyFile: '/keys/id_ed25519',
      attempt: 1,
      startedAt: 0,
      unattended: false,
    });
    const [request] = await feature.handlers['prompts.pending']({});
    expect(request).toMatchObject({ kind: 'passphrase', host: 'web1', keyFile: '/keys/id_ed25519', attempt: 1 });
    expect(await feature.handlers['prompts.answer']({ id: (request as PromptRequest).id, passphrase: SECRET })).toEqual(
      { accepted: true },
    );
    await expect(asked).resolves.toBe(SECRET);
    expect(heard.map((m) => m.event)).toEqual(['prompts.requested', 'prompts.settled']);
    expect(JSON.stringify(heard)).not.toContain(SECRET);
    expect(JSON.stringify(await feature.handlers['prompts.pending']({}))).not.toContain(SECRET);
  });

  it('answers a confirm step yes or no, and no when it is cancelled', async () => {
    const events = new EventBus();
    const feature = createPromptsFeature({ events });
    const yes = feature.confirm('Drop the old tables?', { runId: 'run-1' });
    const [request] = await feature.handlers['prompts.pending']({});
    expect(request).toMatchObject({ kind: 'confirm', prompt: 'Drop the old tables?', runId: 'run-1' });
    await feature.handlers['prompts.answer']({ id: (request as PromptRequest).id, confirmed: true });
    await expect(yes).resolves.toBe(true);

    const abort = new AbortController();
    const stopped = feature.confirm('Again?', { runId: 'run-2', signal: abort.signal });
    abort.abort();
    await expect(stopped).resolves.toBe(false);
    feature.close();
  });
});
