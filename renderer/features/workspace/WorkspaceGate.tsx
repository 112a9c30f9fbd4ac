import { type ReactNode } from 'react';
import { Skeleton } from '../../components/Skeleton';
import { NoWorkspace } from './NoWorkspace';

/** The loading and "no workspace" states every workspace-driven screen shares. */
export function WorkspaceGate({ status, children }: { status: 'loading' | 'none' | 'ready'; children: ReactNode }) {
  if (status === 'loading') return <Skeleton lines={5} label="Loading the workspace…" />;
  if (status === 'none') return <NoWorkspace />;
  return <>{children}</>;
}
