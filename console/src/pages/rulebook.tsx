import { useEffect, useMemo, useState } from 'preact/hooks';
import { api, type ApiError, sitePath } from '../api.js';
import { ProblemsContext, type Update } from '../rulebook/fields.js';
import { JsonForm } from '../rulebook/json-form.js';
import { PlaybooksForm } from '../rulebook/playbooks-form.js';
import { PoolsForm } from '../rulebook/pools-form.js';
import { RulesForm } from '../rulebook/rules-form.js';
import { ScoringForm } from '../rulebook/scoring-form.js';
import { RoutingSettingsForm } from '../rulebook/settings-form.js';
import { runSimulation } from '../rulebook/run-simulation.js';
import { SimulationView } from '../rulebook/simulation-view.js';
import type { Draft, RulebookContent, Simulation } from '../rulebook-types.js';
import { hasRole, siteKey } from '../session.js';
import { Async, asApiError, ErrorNotice, formatTime, PageTitle, useResource } from '../ui.js';
import { listReps } from './reps.js';

const TABS = [
  ['rules', 'Rules'],
  ['pools', 'Pools'],
  ['scoring', 'Scoring & ICP'],
  ['routing', 'Fallbacks & alerts'],
  ['playbooks', 'Playbooks'],
  ['json', 'JSON'],
] as const;
type Tab = (typeof TABS)[number][0];

export const loadDraft = (site: string) => api<Draft>(sitePath(site, '/rulebook/draft'));

export function RulebookPage() {
  const site = siteKey.value;
  const loaded = useResource(
    async () => ({ draft: await loadDraft(site), repIds: (await listReps(site)).map((rep) => rep.repId) }),
    [site],
  );
  return (
    <>
      <PageTitle title="Rulebook draft" />
      <Async resource={loaded} what="the rulebook draft">
        {({ draft, repIds }) => <Editor key={`${site}-${draft.revision}`} initial={draft} repIds={repIds} />}
      </Async>
    </>
  );
}

function Editor({ initial, repIds }: { initial: Draft; repIds: string[] }) {
  const site = siteKey.value;
  const canEdit = hasRole('marketing');
  const [draft, setDraft] = useState(initial);
  const [content, setContent] = useState<RulebookContent>(initial.content);
  const [dirty, setDirty] = useState(false);
  const [tab, setTab] = useState<Tab>('rules');
  const [schemaErrors, setSchemaErrors] = useState<Array<{ pointer: string; detail: string }>>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [simulation, setSimulation] = useState<Simulation | null>(null);
  const [simulated, setSimulated] = useState(0);

  const update: Update = (change) => {
    setContent((previous) => {
      const next = structuredClone(previous);
      change(next);
      return next;
    });
    setDirty(true);
    setNotice(null);
  };
  const problems = useMemo(() => {
    const byPointer = new Map<string, string[]>();
    const add = (pointer: string, message: string) =>
      byPointer.set(pointer, [...(byPointer.get(pointer) ?? []), message]);
    for (const problem of draft.problems) add(problem.path, problem.message);
    for (const problem of schemaErrors) add(problem.pointer, problem.detail);
    return byPointer;
  }, [draft, schemaErrors]);

  const act = async (name: string, work: () => Promise<void>) => {
    setBusy(name);
    setError(null);
    setNotice(null);
    try {
      await work();
    } catch (failure) {
      setError(asApiError(failure));
    } finally {
      setBusy(null);
    }
  };
  const save = () =>
    act('save', async () => {
      try {
        const saved = await api<Draft>(sitePath(site, `/rulebook/draft?expectedRevision=${draft.revision}`), {
          method: 'PUT',
          body: content,
        });
        setDraft(saved);
        setContent(saved.content);
        setSchemaErrors([]);
        setDirty(false);
        setSimulation(null);
        setNotice(
          saved.problems.length === 0
            ? `Saved as revision ${saved.revision}. No problems: it can be simulated and submitted.`
            : `Saved as revision ${saved.revision} with ${saved.problems.length} problem(s) to fix before it can go live.`,
        );
      } catch (failure) {
        const apiError = asApiError(failure);
        if (apiError.status === 400 && apiError.errors.length > 0) {
          setSchemaErrors(apiError.errors.filter((item) => item.in === 'body' || item.in === undefined));
          throw new Error(
            `Not saved: ${apiError.errors.length} field(s) are not valid; each is marked where it is (the JSON tab shows every field).`,
          );
        }
        throw apiError;
      }
    });
  const simulate = () =>
    act('simulate', async () => {
      setSimulated(0);
      setSimulation(await runSimulation(site, 30, setSimulated));
    });
  const submit = () =>
    act('submit', async () => {
      const submitted = await api<Draft>(sitePath(site, '/rulebook/draft/submit'), { method: 'POST' });
      setDraft(submitted);
      setNotice('Submitted: a marketing owner and a sales owner can now review the change in words and sign it.');
    });

  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (dirty) event.preventDefault();
    };
    addEventListener('beforeunload', warn);
    return () => removeEventListener('beforeunload', warn);
  }, [dirty]);

  const allProblems = [
    ...draft.problems.map((p) => ({ pointer: p.path, text: p.message })),
    ...schemaErrors.map((p) => ({ pointer: p.pointer, text: p.detail })),
  ];
  return (
    <ProblemsContext.Provider value={problems}>
      <div class="card status-bar">
        <p>
          Revision {draft.revision} from live version {draft.baseVersion} ·{' '}
          <span class={`badge ${draft.status === 'submitted' ? 'ok' : 'muted'}`}>{draft.status}</span>
          {draft.editedBy ? ` · last edited by ${draft.editedBy}, ${formatTime(draft.editedAt)}` : ' · not edited yet'}
          {dirty ? <strong> · unsaved changes</strong> : null}
        </p>
        <div class="row actions">
          {canEdit ? (
            <button type="button" class="primary" onClick={save} disabled={busy !== null || !dirty}>
              {busy === 'save' ? 'Saving…' : 'Save draft'}
            </button>
          ) : null}
          <button type="button" onClick={simulate} disabled={busy !== null || dirty}>
            {busy === 'simulate'
              ? `Simulating… ${simulated.toLocaleString('en-US')} visitors`
              : 'Simulate last 30 days'}
          </button>
          {canEdit ? (
            <button
              type="button"
              onClick={submit}
              disabled={
                busy !== null ||
                dirty ||
                draft.revision === 0 ||
                draft.problems.length > 0 ||
                draft.status === 'submitted'
              }
            >
              {busy === 'submit' ? 'Submitting…' : 'Submit for signatures'}
            </button>
          ) : null}
          <a class="button" href="#/rulebook/sign">
            Review & sign
          </a>
        </div>
        {dirty ? <p class="hint">Save the draft to simulate or submit it.</p> : null}
        {!canEdit ? (
          <p class="hint">Only marketing edits the draft; you can read it, simulate it and sign it.</p>
        ) : null}
        {notice ? (
          <p class="notice ok" role="status">
            {notice}
          </p>
        ) : null}
        {error ? <ErrorNotice error={error} /> : null}
        {allProblems.length > 0 ? (
          <div class="notice error" role="alert">
            <p>
              <strong>{allProblems.length} problem(s)</strong> (marked at their fields):
            </p>
            <ul>
              {allProblems.map((problem) => (
                <li key={`${problem.pointer}-${problem.text}`}>
                  <code>{problem.pointer}</code> {problem.text}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </div>
      {simulation ? <SimulationView simulation={simulation} content={content} /> : null}
      <div class="tabs" role="tablist" aria-label="Parts of the rulebook">
        {TABS.map(([id, label]) => (
          <button
            key={id}
            type="button"
            role="tab"
            id={`tab-${id}`}
            aria-selected={tab === id}
            aria-controls="tab-panel"
            tabIndex={tab === id ? 0 : -1}
            onClick={() => setTab(id)}
            onKeyDown={(event) => {
              const index = TABS.findIndex(([candidate]) => candidate === tab);
              const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
              if (!step) return;
              const next = TABS[(index + step + TABS.length) % TABS.length]![0];
              setTab(next);
              document.getElementById(`tab-${next}`)?.focus();
            }}
          >
            {label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id="tab-panel" aria-labelledby={`tab-${tab}`}>
        <fieldset class="plain" disabled={!canEdit}>
          {tab === 'rules' ? <RulesForm content={content} update={update} /> : null}
          {tab === 'pools' ? <PoolsForm content={content} update={update} repIds={repIds} /> : null}
          {tab === 'scoring' ? <ScoringForm content={content} update={update} /> : null}
          {tab === 'routing' ? <RoutingSettingsForm content={content} update={update} /> : null}
          {tab === 'playbooks' ? <PlaybooksForm content={content} update={update} /> : null}
          {tab === 'json' ? (
            <JsonForm
              content={content}
              replace={(next) => {
                setContent(next);
                setDirty(true);
              }}
            />
          ) : null}
        </fieldset>
      </div>
    </ProblemsContext.Provider>
  );
}
