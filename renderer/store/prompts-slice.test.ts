import { beforeEach, describe, expect, it } from 'vitest';
import { type PromptRequest } from '../../shared/api/prompts';
import { selectCurrentPrompt } from '../features/prompts/selectors';
import { useStore } from './index';

const state = () => useStore.getState();

function passphrase(id: string, attempt = 1): PromptRequest {
  return {
    kind: 'passphrase',
    id,
    host: 'web1',
    keyFile: '/home/ana/.ssh/id_ed25519',
    attempt,
    maxAttempts: 3,
    askedAt: '2026-03-01T10:00:00.000Z',
    expiresAt: '2026-03-01T10:02:00.000Z',
  };
}

beforeEach(() => {
  useStore.setState(useStore.getInitialState(), true);
});

describe('open questions in the store', () => {
  it('shows the oldest open question first, and the next once it is settled', () => {
    state().addPendingPrompt(passphrase('a'));
    state().addPendingPrompt({
      kind: 'confirm',
      id: 'b',
      prompt: 'Drop the old tables?',
      runId: 'run-1',
      askedAt: '2026-03-01T10:00:01.000Z',
      expiresAt: '2026-03-01T10:10:01.000Z',
    });
    expect(selectCurrentPrompt(state())?.id).toBe('a');
    state().removePendingPrompt('a');
    expect(selectCurrentPrompt(state())).toMatchObject({ id: 'b', kind: 'confirm' });
    state().removePendingPrompt('b');
    expect(selectCurrentPrompt(state())).toBeNull();
  });

  it('takes the same question once, whether it came from an event or the pending list', () => {
    state().setPendingPrompts([passphrase('a')]);
    state().addPendingPrompt(passphrase('a'));
    expect(state().pendingPrompts).toHaveLength(1);
    state().removePendingPrompt('missing');
    expect(state().pendingPrompts).toHaveLength(1);
  });
});
