/**
 * Rollback: the default target (the newest release that was healthy) labelled "15 min ago · v1.5.0 · healthy for
 * 3 days", the alternatives as a radio group, what changes on which host, the steps and the health gate; a protected
 * environment asks for its name. Starting turns the dialog into the run's live log, the gate's result included.
 */
import { useEffect, useId, useState } from 'react';
import { ReasonField } from './ReasonField';
import { type RollbackOptions } from '../../../shared/api/deploys';
import { errorMessage } from '../../bridge';
import { fetchRollbackOptions, startRollback } from './actions';
import { ClearMarkForm } from './ClearMarkForm';
import { MarkBadQuestion } from './MarkBadQuestion';
import { ReleaseBadges } from './ReleaseBadges';
import { ConfirmName } from '../../components/ConfirmName';
import { HostChoice, type HostChoiceValue, everyHost, hostChoiceInput, hostChoiceProblem } from './HostChoice';
import { releaseName } from './deploy-format';
import { rollbackWhyNot } from './why-disabled';

interface Props {
  service: string;
  environment: string;
  to?: string;
}

export function RollbackDialogBody({ service, environment, to }: Props) {
  const [options, setOptions] = useState<RollbackOptions | null>(null);
  const [choice, setChoice] = useState<string | null>(null);
  const [typed, setTyped] = useState('');
  const [reason, setReason] = useState('');
  const [hostChoice, setHostChoice] = useState<HostChoiceValue>(everyHost);
  const [problem, setProblem] = useState<string | null>(null);
  const whyId = useId();
  const [starting, setStarting] = useState(false);
  // The person's answer to "Mark it bad?"; null until they answer, the evidence's default meanwhile.
  const [markBad, setMarkBad] = useState<boolean | null>(null);
  const [clearing, setClearing] = useState<string | null>(null);
  const [reloads, setReloads] = useState(0);

  useEffect(() => {
    let live = true;
    fetchRollbackOptions(service, environment).then(
      (o) => {
        if (!live) return;
        setOptions(o);
        const wanted = to && o.options.some((x) => x.id === to) ? to : o.defaultTarget;
        setChoice(wanted);
      },
      (error: unknown) => live && setProblem(errorMessage(error)),
    );
    return () => {
      live = false;
    };
  }, [service, environment, to, reloads]);

  if (!options) {
    return problem ? (
      <p className="text-bad" role="alert">
        {problem}
      </p>
    ) : (
      <p className="muted">Reading the releases on every host…</p>
    );
  }
  const chosen = options.options.find((o) => o.id === choice) ?? null;
  const asksMark = options.strategy === 'releases' && options.current !== null;
  const confirmed = !options.protected || typed === environment;
  const hosts = [...new Set([...options.currentByHost.map((c) => c.host), ...options.unreachable.map((u) => u.host)])];
  const hostsProblem = hostChoiceProblem(hostChoice, hosts, reason);
  const canRollBack = chosen !== null && chosen.everywhere && !chosen.bad && confirmed && !starting && !hostsProblem;
  const whyNot = canRollBack ? null : rollbackWhyNot({ environment, starting, chosen, confirmed, hostsProblem });

  async function submit() {
    if (!chosen) return;
    setStarting(true);
    setProblem(null);
    const result = await startRollback({
      service,
      environment,
      to: chosen.id,
      ...(reason.trim() ? { reason: reason.trim() } : {}),
      ...(asksMark ? { markBad: markBad ?? options?.markBadDefault ?? false } : {}),
      ...(options?.protected ? { confirmation: typed } : {}),
      ...hostChoiceInput(hostChoice, hosts),
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
        if (canRollBack) void submit();
      }}
    >
      {options.problem && options.options.length === 0 ? (
        <p className="text-warn">Nothing to roll back to: {options.problem}</p>
      ) : (
        <fieldset className="release-choices">
          <legend className="field-label">Roll back to</legend>
          <div className="radio-list" role="radiogroup" aria-label="Release to roll back to">
            {options.options.map((o, i) => {
              const disabled = !o.everywhere || o.bad !== null;
              // The Clear mark action sits beside the row, not in it: the row is dimmed because its radio cannot be
              // chosen, but clearing the mark is exactly what makes it choosable again.
              return (
                <div key={o.id} className="release-choice">
                  <label
                    className={`radio-row${choice === o.id ? ' is-checked' : ''}${disabled ? ' is-disabled' : ''}`}
                  >
                    <input
                      type="radio"
                      name="rollback-to"
                      value={o.id}
                      checked={choice === o.id}
                      disabled={disabled}
                      onChange={() => setChoice(o.id)}
                      aria-label={`Release ${releaseName(o.id)}: ${o.label}`}
                      {...(i === 0 ? { 'data-autofocus': true } : {})}
                    />
                    <span className="radio-row-label mono">{releaseName(o.id)}</span>
                    <span className="radio-row-hint">
                      {o.label}
                      {o.isDefault ? <span className="badge badge-strong">default</span> : null}
                      <ReleaseBadges badges={o.badges} missingOn={o.missingOn} />
                    </span>
                  </label>
                  {o.bad ? (
                    <button
                      type="button"
                      className="btn btn-xs release-choice-action"
                      onClick={() => setClearing(o.id)}
                      aria-label={`Clear mark… on ${releaseName(o.id)}`}
                      aria-expanded={clearing === o.id}
                    >
                      Clear mark…
                    </button>
                  ) : null}
                </div>
              );
            })}
          </div>
        </fieldset>
      )}

      {clearing ? (
        <ClearMarkForm
          service={service}
          environment={environment}
          release={clearing}
          onDone={(cleared) => {
            setClearing(null);
            if (cleared) setReloads((n) => n + 1);
          }}
        />
      ) : null}

      {asksMark && options.current ? (
        <MarkBadQuestion
          release={options.current}
          evidence={options.markEvidence}
          value={markBad ?? options.markBadDefault}
          onChange={setMarkBad}
        />
      ) : null}

      <section className="plan-box" aria-label="What changes">
        <h3 className="section-label">What changes</h3>
        <table className="table changes">
          <thead>
            <tr>
              <th scope="col">Host</th>
              <th scope="col">Now</th>
              <th scope="col">After</th>
            </tr>
          </thead>
          <tbody>
            {options.currentByHost.map((h) => (
              <tr key={h.host}>
                <td className="mono">{h.host}</td>
                <td className="mono">{releaseName(h.release)}</td>
                <td className="mono">{chosen ? `→ ${releaseName(chosen.id)}` : '—'}</td>
              </tr>
            ))}
            {options.unreachable.map((u) => (
              <tr key={u.host}>
                <td className="mono">{u.host}</td>
                <td colSpan={2} className="text-warn">
                  unreachable: {u.message}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <ol className="plan-list">
          {options.steps.map((s) => (
            <li key={s}>{s}</li>
          ))}
        </ol>
        {options.lockedBy ? <p className="text-warn">Locked: {options.lockedBy}</p> : null}
      </section>

      <ReasonField
        label="Why (optional)"
        value={reason}
        onChange={setReason}
        placeholder="e.g. checkout errors after v1.6.0"
      />

      <HostChoice hosts={hosts} value={hostChoice} onChange={setHostChoice} reason={reason} />

      {options.protected ? (
        <ConfirmName environment={environment} value={typed} onChange={setTyped} action="roll back" />
      ) : null}

      {problem ? (
        <p className="text-bad" role="alert">
          {problem}
        </p>
      ) : null}

      <div className="dialog-actions">
        {whyNot ? (
          <span id={whyId} className="dialog-why">
            {whyNot}
          </span>
        ) : null}
        <button
          type="submit"
          className="btn btn-primary"
          disabled={!canRollBack}
          aria-describedby={whyNot ? whyId : undefined}
        >
          {starting ? 'Starting…' : chosen ? `Roll back to ${releaseName(chosen.id)}` : 'Roll back'}
        </button>
      </div>
    </form>
  );
}
