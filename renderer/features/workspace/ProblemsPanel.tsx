import { useId } from 'react';
import { type WorkspaceIssue } from '../../../shared/model/workspace-state';
import { CopyButton } from '../../components/CopyButton';
import { RelativeTime } from '../../components/RelativeTime';
import { plural } from '../../lib/format';
import { useStore } from '../../store';
import { selectProblemsExpanded, selectWorkspaceState } from '../../store/selectors';
import { brokenFile, issueAsText, issueLocation, lastGoodSummary } from './problems';

function IssueItem({ issue }: { issue: WorkspaceIssue }) {
  return (
    <li className="issue">
      <div className="issue-head">
        <span className="issue-location mono" title={`${issue.file}:${issue.line}:${issue.column}`}>
          {issueLocation(issue)}
        </span>
        {issue.path ? <span className="issue-path mono">{issue.path}</span> : null}
        <CopyButton text={issueAsText(issue)} label={`Copy problem at ${issueLocation(issue)}`} />
      </div>
      <p className="issue-message">{issue.message}</p>
      {issue.expected ? (
        <p className="issue-detail">
          <span className="issue-label">Expected</span> {issue.expected}
        </p>
      ) : null}
      {issue.hint ? (
        <p className="issue-detail">
          <span className="issue-label">Hint</span> {issue.hint}
        </p>
      ) : null}
    </li>
  );
}

/**
 * Shown above every screen while the workspace file on disk is broken: each problem placed precisely, and what
 * the app keeps showing meanwhile. Collapsing hides the list, never the screen below.
 */
export function ProblemsPanel() {
  const state = useStore(selectWorkspaceState);
  const expanded = useStore(selectProblemsExpanded);
  const setExpanded = useStore((s) => s.setProblemsExpanded);
  const listId = useId();
  const headingId = useId();
  if (!state || state.issues.length === 0) return null;
  const lastGood = lastGoodSummary(state);
  const file = brokenFile(state);
  return (
    <section className="problems" role="alert" aria-labelledby={headingId}>
      <header className="problems-header">
        <div>
          <h2 id={headingId} className="problems-title">
            Workspace file has problems
          </h2>
          <p className="problems-sub">
            {plural(state.issues.length, 'problem')}
            {file ? (
              <>
                {' '}
                in <span className="mono">{file}</span>
              </>
            ) : null}
            . Fix the file and save it: the cockpit reloads it by itself.
          </p>
        </div>
        <button
          type="button"
          className="btn btn-ghost btn-sm"
          aria-expanded={expanded}
          aria-controls={listId}
          onClick={() => setExpanded(!expanded)}
        >
          {expanded ? 'Hide details' : 'Show details'}
        </button>
      </header>
      {expanded ? (
        <ol id={listId} className="issues">
          {state.issues.map((issue, i) => (
            <IssueItem key={`${issue.file}:${issue.line}:${issue.column}:${i}`} issue={issue} />
          ))}
        </ol>
      ) : null}
      <p className="problems-foot">
        {lastGood ? (
          <>
            Still showing the last good workspace: <strong>{lastGood.name}</strong>, loaded{' '}
            <RelativeTime iso={lastGood.loadedAt} /> from{' '}
            {lastGood.fromPath ? <span className="mono">{lastGood.from}</span> : lastGood.from}
          </>
        ) : (
          'No workspace loaded yet'
        )}
      </p>
    </section>
  );
}
