import { describe, expect, it, vi } from 'vitest';
import { type LaunchRequest } from './args';
import { createOpenRequests } from './open-requests';

describe('createOpenRequests', () => {
  it('keeps the newest request until ready, then opens it once; afterwards opens at once', () => {
    const open = vi.fn<(request: LaunchRequest) => void>();
    const requests = createOpenRequests(open);
    requests.push({ workspace: '/srv/a.yaml', demo: false });
    requests.push({ workspace: '/srv/b.yaml', demo: false });
    requests.push({ workspace: null, demo: false }); // asks nothing: does not replace b
    expect(open).not.toHaveBeenCalled();
    requests.ready();
    requests.ready();
    expect(open).toHaveBeenCalledExactlyOnceWith({ workspace: '/srv/b.yaml', demo: false });
    requests.push({ workspace: null, demo: true });
    expect(open).toHaveBeenLastCalledWith({ workspace: null, demo: true });
  });

  it('hands the waiting request to the start instead, so it is not opened twice', () => {
    const open = vi.fn<(request: LaunchRequest) => void>();
    const requests = createOpenRequests(open);
    requests.push({ workspace: '/srv/a.yaml', demo: false });
    expect(requests.takePending()).toEqual({ workspace: '/srv/a.yaml', demo: false });
    expect(requests.takePending()).toBeNull();
    requests.ready();
    expect(open).not.toHaveBeenCalled();
  });
});
