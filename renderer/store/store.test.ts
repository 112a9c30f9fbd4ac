import { beforeEach, describe, expect, it } from 'vitest';
import { type JournalAction } from '../../shared/model/journal';
import { type WorkspaceState } from '../../shared/model/workspace-state';
import { testWorkspace } from '../features/test-workspace';
import { useStore } from './index';
import { selectIssues, selectLatestActions, selectTheme, selectWorkspaceLabel } from './selectors';

const state = () => useStore.getState();

function action(id: string, minute: number, over: Partial<JournalAction> = {}): JournalAction {
  return {
    id,
    kind: 'workspace.open',
    title: `Action ${id}`,
    target: null,
    actor: 'ada',
    status: 'running',
    startedAt: `2025-03-12T10:${String(minute).padStart(2, '0')}:00.000Z`,
    endedAt: null,
    durationMs: null,
    summary: null,
    ...over,
  };
}

function workspaceState(over: Partial<WorkspaceState> = {}): WorkspaceState {
  return {
    source: { kind: 'file', path: '/infra/cockpit.yaml' },
    workspace: testWorkspace(),
    loadedFrom: { kind: 'file', path: '/infra/cockpit.yaml' },
    issues: [],
    loadedAt: '2025-03-12T10:00:00.000Z',
    checkedAt: '2025-03-12T10:00:00.000Z',
    ...over,
  };
}

beforeEach(() => {
  useStore.setState(useStore.getInitialState(), true);
});

describe('store', () => {
  it('says the workspace is loading, not missing, until the backend has answered', () => {
    expect(selectWorkspaceLabel(state())).toEqual({ name: 'Loading workspace…', source: '', isPath: false });
    // The first load ended without an answer about the workspace: a failed read, still not "No workspace".
    state().setLoaded(true);
    expect(selectWorkspaceLabel(state()).name).toBe('Workspace not read');
    expect(selectWorkspaceLabel(state()).source).toContain('Reload');
  });

  it('names the workspace and its source for the top bar', () => {
    state().setWorkspace(workspaceState({ source: null, workspace: null, loadedFrom: null }));
    expect(selectWorkspaceLabel(state())).toMatchObject({
      name: 'No workspace',
      source: 'Open a cockpit.yaml to begin',
    });
    state().setWorkspace(workspaceState());
    expect(selectWorkspaceLabel(state())).toEqual({ name: 'Acme Shop', source: '/infra/cockpit.yaml', isPath: true });
    state().setWorkspace(workspaceState({ loadedFrom: { kind: 'demo', path: '/app/resources/demo/cockpit.yaml' } }));
    expect(selectWorkspaceLabel(state()).source).toBe('Built-in demo');
  });

  it('keeps the connection state and its times together', () => {
    expect(state().connection).toBe('connecting');
    state().setConnectionDetails({ state: 'reconnecting', lastReceivedAt: 1, lastAttemptAt: 2, nextAttemptAt: 3 });
    expect(state().connection).toBe('reconnecting');
    expect(state().connectionDetails.lastReceivedAt).toBe(1);
    state().setConnection('open');
    expect(state().connectionDetails.state).toBe('open');
  });

  it('defaults the theme to system until settings arrive', () => {
    expect(selectTheme(state())).toBe('system');
    state().setSettings({ theme: 'dark' });
    expect(selectTheme(state())).toBe('dark');
  });

  it('returns the same empty issues list every time, so subscribers do not re-render', () => {
    expect(selectIssues(state())).toBe(selectIssues(state()));
  });

  it('applies live journal events to the list, the detail pane and the kind options', () => {
    state().setActions([action('a', 1)], false);
    state().setSelected('a');
    state().setDetail({ action: action('a', 1), entries: [] });

    state().applyAction(action('b', 2, { kind: 'deploy.run' }));
    state().applyAction(action('a', 1, { status: 'succeeded', summary: 'done' }));
    state().applyEntry({
      seq: 1,
      actionId: 'a',
      at: '2025-03-12T10:01:01.000Z',
      phase: 'result',
      message: 'done',
      data: null,
    });
    state().applyEntry({
      seq: 1,
      actionId: 'zzz',
      at: '2025-03-12T10:01:01.000Z',
      phase: 'step',
      message: 'other',
      data: null,
    });

    expect(state().actions.map((a) => a.id)).toEqual(['b', 'a']);
    expect(state().detail?.action.status).toBe('succeeded');
    expect(state().detail?.entries.map((e) => e.message)).toEqual(['done']);
    expect(state().kinds).toEqual(['deploy.run', 'workspace.open']);
    expect(selectLatestActions(state()).map((a) => a.id)).toEqual(['b', 'a']);
  });

  it('keeps the Overview list unfiltered and short while Activity is filtered', () => {
    const page = [action('f', 6), action('e', 5), action('d', 4), action('c', 3), action('b', 2), action('a', 1)];
    state().setActions(page, true);
    expect(selectLatestActions(state())).toHaveLength(5);
    state().setKind('deploy.run');
    state().setActions([action('x', 7, { kind: 'deploy.run' })], false);
    state().applyAction(action('y', 8, { kind: 'backup.verify' }));
    expect(state().actions.map((a) => a.id)).toEqual(['x']);
    expect(selectLatestActions(state()).map((a) => a.id)).toEqual(['y', 'f', 'e', 'd', 'c']);
  });

  it('drops the detail of an action when another one is selected', () => {
    state().setDetail({ action: action('a', 1), entries: [] });
    state().setSelected('a');
    expect(state().detail).not.toBeNull();
    state().setSelected('b');
    expect(state().detail).toBeNull();
  });

  it('shows a repeated failure once and keeps at most four toasts', () => {
    state().pushToast({ tone: 'error', title: 'Could not open', message: 'no such file' });
    state().pushToast({ tone: 'error', title: 'Could not open', message: 'no such file' });
    expect(state().toasts).toHaveLength(1);
    for (let i = 0; i < 6; i++) state().pushToast({ tone: 'info', title: `n${i}`, message: 'x' });
    expect(state().toasts.map((t) => t.title)).toEqual(['n2', 'n3', 'n4', 'n5']);
    state().dismissToast(state().toasts[0]?.id ?? -1);
    expect(state().toasts).toHaveLength(3);
  });
});
