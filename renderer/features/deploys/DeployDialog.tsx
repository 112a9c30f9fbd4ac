/**
 * Deploy: pick the service, the environment and the release, see the plan (hosts, batches, steps, the gate), and
 * press Deploy — a protected environment's button is enabled only once its name is typed (the backend checks it
 * too), and while it is disabled a line beside it says why. Opened from a disabled Rollback's "Deploy v1.4.0
 * instead", that release is chosen. Starting turns the dialog into the run's live log.
 */
import { useEffect, useId, useMemo, useState } from 'react';
import { ReasonField } from './ReasonField';
import { type DeploySources } from '../../../shared/api/deploys';
import { type DeployPlan, type ReleaseSource } from '../../../shared/model/deploys';
import { errorMessage } from '../../bridge';
import { useStore } from '../../store';
import { fetchPlan, fetchSources, startDeploy } from './actions';
import { ConfirmName } from '../../components/ConfirmName';
import { HostChoice, type HostChoiceValue, everyHost, hostChoiceInput, hostChoiceProblem } from './HostChoice';
import { releaseName } from './deploy-format';
import { takeWantedRelease } from './deploy-intent';
import { defaultDeployChoice, uploadLine } from './release-badges';
import { ReleaseBadges } from './ReleaseBadges';
import { selectDeployTargets } from './selectors';
import { deployWhyNot } from './why-disabled';

interface Props {
  service: string | null;
  environment: string | null;
}

export function DeployDialogBody({ service: initialService, environment: initialEnvironment }: Props) {
  const allTargets = useStore(selectDeployTargets);
  const targets = useMemo(() => allTargets ?? [], [allTargets]);
  const services = useMemo(() => [...new Set(targets.map((t) => t.service))], [targets]);
  const [service, setService] = useState(initialService ?? services[0] ?? '');
  const environments = targets.filter((t) => t.service === service);
  const [envChoice, setEnvironment] = useState(initialEnvironment ?? '');
  // The chosen environment, or the service's first when the choice does not apply to it.
  const environment = environments.some((e) => e.environment === envChoice)
    ? envChoice
    : (environments[0]?.environment ?? '');
  const target = targets.find((t) => t.service === service && t.environment === environment) ?? null;

  // Answers are kept with the question they answer, so a stale one is never shown for a newer choice.
  const [loaded, setLoaded] = useState<{ key: string; sources: DeploySources } | null>(null);
  const sourcesKey = `${service}@${environment}`;
  const sources = loaded?.key === sourcesKey ? loaded.sources : null;
  const [picked, setChoice] = useState<string | null>(null);
  // The release a disabled Rollback offered to deploy instead, if the dialog was opened from there.
  const [wanted] = useState(takeWantedRelease);
  const wantedChoice = wanted
    ? (sources?.choices.find((c) => c.label === wanted || releaseName(c.id) === wanted)?.id ?? null)
    : null;
  // Otherwise never pre-selects a release marked bad or one that failed its gate (see defaultDeployChoice).
  const choice = sources?.choices.some((c) => c.id === picked)
    ? picked
    : sources
      ? (wantedChoice ?? defaultDeployChoice(sources.choices))
      : null;
  const [ref, setRef] = useState('');
  const [reason, setReason] = useState('');
  const [typed, setTyped] = useState('');
  const [hostChoice, setHostChoice] = useState<HostChoiceValue>(everyHost);
  const [planned, setPlanned] = useState<{ key: string; plan: DeployPlan | null; problem: string | null } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const ids = { service: useId(), env: useId(), ref: useId(), why: useId() };

  useEffect(() => {
    let live = true;
    if (!service) return;
    // Asked per environment: the badges (bad, failed gate, …) are what that environment's hosts say.
    const key = `${service}@${environment}`;
    fetchSources(service, environment || undefined).then(
      (s) => live && setLoaded({ key, sources: s }),
      (error: unknown) => live && setProblem(errorMessage(error)),
    );
    return () => {
      live = false;
    };
  }, [service, environment]);

  const release: ReleaseSource = useMemo(() => {
    const chosen = sources?.choices.find((c) => c.id === choice);
    const base = chosen ? { ...chosen.release } : {};
    return ref.trim() ? { ...base, ref: ref.trim() } : base;
  }, [sources, choice, ref]);
  const needsRef = sources?.refRequired === true && !release.ref;
  // The chosen hosts and batch: the plan lists the hosts the run would touch, not every host of the environment.
  // Kept as plain values so the plan is asked again only when the choice changes, not on every render.
  const { skipHosts, batch } = hostChoiceInput(hostChoice, target?.hosts ?? []);
  const skipped = skipHosts?.join('\n') ?? '';
  const planKey = JSON.stringify([service, environment, release, skipped, batch ?? null]);
  const plan = planned?.key === planKey ? planned.plan : null;
  // Read defensively: an older backend's plan has no `upload`.
  const upload = plan && 'upload' in plan ? uploadLine(plan.upload) : null;
  const planProblem = planned?.key === planKey ? planned.problem : null;

  useEffect(() => {
    let live = true;
    if (!service || !environment || !sources || needsRef) return;
    const hosts = { ...(skipped ? { skipHosts: skipped.split('\n') } : {}), ...(batch ? { batch } : {}) };
    fetchPlan(service, environment, release, hosts).then(
      (p) => live && setPlanned({ key: planKey, plan: p, problem: null }),
      (error: unknown) => live && setPlanned({ key: planKey, plan: null, problem: errorMessage(error) }),
    );
    return () => {
      live = false;
    };
  }, [service, environment, sources, release, skipped, batch, needsRef, planKey]);

  const confirmed = !target?.protected || typed === environment;
  const busy = target?.runningRunId !== null && target?.runningRunId !== undefined;
  const hostsProblem = hostChoiceProblem(hostChoice, target?.hosts ?? [], reason);
  const canDeploy = Boolean(plan) && confirmed && !needsRef && !starting && !busy && !hostsProblem;
  const whyNot = deployWhyNot({
    environment,
    starting,
    busy,
    hasRelease: choice !== null || Boolean(release.ref),
    needsRef,
    confirmed,
    hostsProblem,
    planned: Boolean(plan),
    planProblem: problem ?? planProblem,
  });

  async function submit() {
    setStarting(true);
    setProblem(null);
    const result = await startDeploy({
      service,
      environment,
      release,
      ...(reason.trim() ? { reason: reason.trim() } : {}),
      ...(target?.protected ? { confirmation: typed } : {}),
      ...hostChoiceInput(hostChoice, target?.hosts ?? []),
    });
    if ('error' in result) {
      setProblem(result.error);
      setStarting(false);
    }
  }

  return (
    <form
      className="deploy-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (canDeploy) void submit();
      }}
    >
      <div className="form-grid">
        <label className="field-label" htmlFor={ids.service}>
          Service
        </label>
        <select
          id={ids.service}
          className="select"
          value={service}
          onChange={(e) => setService(e.target.value)}
          data-autofocus
        >
          {services.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
        <label className="field-label" htmlFor={ids.env}>
          Environment
        </label>
        <select id={ids.env} className="select" value={environment} onChange={(e) => setEnvironment(e.target.value)}>
          {environments.map((e) => (
            <option key={e.environment} value={e.environment}>
              {e.environment}
              {e.protected ? ' (protected)' : ''}
            </option>
          ))}
        </select>
      </div>

      {target ? (
        <p className="muted deploy-now">
          Now on {target.hosts.join(', ') || 'no hosts'}: <span className="mono">{releaseName(target.current)}</span>
          {target.lockedBy ? <span className="text-warn"> · locked: {target.lockedBy}</span> : null}
          {busy ? <span className="text-warn"> · a run is going on</span> : null}
        </p>
      ) : null}

      <fieldset className="release-choices">
        <legend className="field-label">Release</legend>
        {!sources ? (
          <p className="muted">Looking for releases…</p>
        ) : sources.choices.length === 0 ? (
          <p className="muted">{sources.note}</p>
        ) : (
          <>
            {wanted && !wantedChoice ? (
              <p className="text-warn">
                {wanted} is not among the releases found for {service}: choose one below.
              </p>
            ) : null}
            <div className="radio-list" role="radiogroup" aria-label="Release to deploy">
              {sources.choices.map((c) => (
                <label key={c.id} className={choice === c.id ? 'radio-row is-checked' : 'radio-row'}>
                  <input
                    type="radio"
                    name="release"
                    value={c.id}
                    checked={choice === c.id}
                    onChange={() => setChoice(c.id)}
                    aria-label={`Release ${c.label}`}
                  />
                  <span className="radio-row-label mono">{c.label}</span>
                  <span className="radio-row-hint">
                    {c.detail}
                    <ReleaseBadges badges={c.badges} />
                  </span>
                </label>
              ))}
            </div>
          </>
        )}
        {sources?.strategy === 'script' || sources?.choices.some((c) => c.kind === 'build') ? (
          <div className="form-grid">
            <label className="field-label" htmlFor={ids.ref}>
              {sources.refRequired ? 'Release name' : 'Git ref'}
            </label>
            <input
              id={ids.ref}
              className="input mono"
              value={ref}
              onChange={(e) => setRef(e.target.value)}
              placeholder={sources.refRequired ? 'v2.1.0' : 'e.g. v2.1.0 or 8b71ff7 (optional: builds that commit)'}
            />
          </div>
        ) : null}
      </fieldset>

      <ReasonField
        label="Why (optional)"
        value={reason}
        onChange={setReason}
        placeholder="Shown to teammates in the lock and the audit log"
      />

      {target ? <HostChoice hosts={target.hosts} value={hostChoice} onChange={setHostChoice} reason={reason} /> : null}

      <section className="plan-box" aria-label="Plan">
        <h3 className="section-label">Plan</h3>
        {plan ? (
          <>
            <p>
              <span className="mono">{releaseName(plan.releaseId)}</span> to {plan.hosts.length} host
              {plan.hosts.length === 1 ? '' : 's'} in {plan.batches.length} batch{plan.batches.length === 1 ? '' : 'es'}
              :{' '}
              {plan.batches.map((b, i) => (
                <span key={i} className="batch">
                  {b.join(', ')}
                </span>
              ))}
            </p>
            {upload ? <p className="muted plan-upload">{upload}</p> : null}
            {plan.commit ? (
              <p className="muted">
                Builds commit <span className="mono">{plan.commit.slice(0, 7)}</span>
                {plan.ref ? (
                  <>
                    {' '}
                    (<span className="mono">{plan.ref}</span>)
                  </>
                ) : null}
                , not the working folder.
              </p>
            ) : null}
            <ol className="plan-list">
              {plan.steps.map((s) => (
                <li key={s.id}>
                  <span>{s.title}</span>
                  {s.scope === 'each-host' ? <span className="badge">each host</span> : null}
                  {s.command ? <code className="plan-cmd">{s.command}</code> : null}
                </li>
              ))}
            </ol>
            {plan.gate.length > 0 ? (
              <p className="muted">
                Health gate: {plan.gate.join(', ')} must pass within {Math.round(plan.gateTimeoutMs / 1000)} s, or the
                release is rolled back automatically.
              </p>
            ) : null}
          </>
        ) : needsRef ? (
          <p className="muted">Name the release to see the plan.</p>
        ) : (
          <p className="muted">{planProblem ? 'No plan: see the message below.' : 'Working out the plan…'}</p>
        )}
      </section>

      {target?.protected ? (
        <ConfirmName environment={environment} value={typed} onChange={setTyped} action="deploy" />
      ) : null}

      {problem || planProblem ? (
        <p className="text-bad" role="alert">
          {problem ?? planProblem}
        </p>
      ) : null}

      <div className="dialog-actions">
        {whyNot && !canDeploy ? (
          <span id={ids.why} className="dialog-why">
            {whyNot}
          </span>
        ) : null}
        <button
          type="submit"
          className="btn btn-primary"
          disabled={!canDeploy}
          aria-describedby={whyNot && !canDeploy ? ids.why : undefined}
        >
          {starting ? 'Starting…' : `Deploy to ${environment || '…'}`}
        </button>
      </div>
    </form>
  );
}
