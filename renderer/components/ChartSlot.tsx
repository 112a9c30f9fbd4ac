import { Component, type ReactNode, Suspense } from 'react';

/**
 * Where a lazily loaded chart goes: its placeholder while the chart's code loads, and a sentence if the code cannot
 * load (the cockpit stopped or was updated under an open page). Without this, a chart chunk that failed took the
 * whole window with it — React unmounts everything up to the nearest boundary — so the top bar could no longer say
 * that the backend was gone.
 */
export function ChartSlot({ fallback, children }: { fallback: ReactNode; children: ReactNode }) {
  return (
    <ChunkFailure>
      <Suspense fallback={fallback}>{children}</Suspense>
    </ChunkFailure>
  );
}

class ChunkFailure extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <p className="chart-failed text-faint" role="note">
        This chart could not be loaded: the cockpit may have been restarted or updated. Reload the page to see it.
      </p>
    );
  }
}
