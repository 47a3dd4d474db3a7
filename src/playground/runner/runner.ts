/**
 * The sandbox runner: the script of the runner's document (document.ts), which the page
 * loads as the srcdoc of an `<iframe sandbox="allow-scripts">`: an opaque origin, under the
 * page's CSP and its own (no network, no script but its own and blob:).
 * It owns one worker per run and relays messages between the page and those workers.
 *
 * It is the trust boundary (protocol.ts): only the embedding page may command it
 * (`e.source === parent`), and everything a worker says goes through the run's RunRelay,
 * which checks its shape, counts it against the run's budgets and merges it into bounded
 * batches for the page. A run that breaks a budget, or stays silent, is ended here: its
 * worker is terminated and whatever it still sends is dropped.
 *
 * Workers are classic workers started from a blob: URL of the worker's script, which is
 * part of this script (__WORKER_SOURCE__, document.ts): nothing is fetched, so Run works
 * offline, and a program cannot load anything from the site. A spare worker is kept
 * started so that a Run does not wait for the worker's script to be parsed, and, once the
 * page has offered the runtime module (RuntimeOffer), with that module already evaluated.
 */
import { HEARTBEAT_MS, type FromRunner, type RunRequest } from "../protocol.ts";
import { readRunnerCommand } from "../validate.ts";
import { WorkerPool } from "./pool.ts";
import { RunRelay, type Verdict } from "./relay.ts";

/** The worker's script, put here as a string literal at build time (document.ts). */
declare const __WORKER_SOURCE__: string;

interface TrustedTypesLike {
  createPolicy(name: string, rules: { createScriptURL(url: string): string }): { createScriptURL(url: string): unknown };
}

/**
 * The page requires Trusted Types for script URLs, and the srcdoc inherits that: the one
 * script URL this document hands a sink is the worker's own blob.
 */
const workerUrl = URL.createObjectURL(new Blob([__WORKER_SOURCE__], { type: "text/javascript" }));
const trusted = (globalThis as { trustedTypes?: TrustedTypesLike }).trustedTypes;
const workerScript = (trusted?.createPolicy("asyncio-runner", {
  createScriptURL(url) {
    if (url !== workerUrl) throw new TypeError("the runner starts no worker but its own");
    return url;
  },
}).createScriptURL(workerUrl) ?? workerUrl) as string;

const toPage = (m: FromRunner) => window.parent.postMessage(m, "*");

interface Run {
  worker: Worker;
  relay: RunRelay;
}

const runs = new Map<number, Run>();

const relayHost = {
  send: toPage,
  later: (flush: () => void, ms: number) => void setTimeout(flush, ms),
  now: () => performance.now(),
};

/**
 * The watchdog lives here, next to the workers, not in the page: a page busy with something
 * else (loading the editor, say) would see the heartbeats late and could take a slow page
 * for a hung program. A check that itself comes late means this thread was held up, and
 * silence is then counted from the check. Each check also tells the page that the runner
 * itself is alive.
 */
let lastCheck = performance.now();
setInterval(() => {
  const now = performance.now();
  const late = now - lastCheck > 2 * HEARTBEAT_MS;
  lastCheck = now;
  for (const [runId, run] of runs) {
    if (run.relay.check(late).end !== "none") end(runId);
  }
  beat();
}, HEARTBEAT_MS / 2);

/**
 * Tells the page, at most once per HEARTBEAT_MS, that the runner is alive and its runs go
 * on. Also called after each worker message: a flood of large messages can keep this thread
 * busy reading them for seconds (timers wait), and the page must not take that for a dead
 * runner while the flood is being counted against its budgets.
 */
let lastBeat = 0;
function beat(): void {
  const now = performance.now();
  if (now - lastBeat < HEARTBEAT_MS) return;
  lastBeat = now;
  for (const runId of runs.keys()) toPage({ type: "beat", runId });
}

const pool = new WorkerPool(() => new Worker(workerScript));

function end(runId: number): void {
  const run = runs.get(runId);
  if (run === undefined) return;
  runs.delete(runId);
  run.worker.onmessage = null;
  run.worker.onerror = null;
  run.worker.terminate();
  pool.keepSpare();
}

function start(runId: number, request: RunRequest): void {
  end(runId);
  const { worker, message } = pool.take(request);
  const relay = new RunRelay(runId, relayHost);
  const run: Run = { worker, relay };
  runs.set(runId, run);
  worker.onmessage = (we: MessageEvent) => {
    if (runs.get(runId) !== run) return;
    const verdict: Verdict = relay.receive(() => we.data);
    if (verdict.end !== "none") end(runId);
    beat();
  };
  worker.onerror = (we) => {
    // Only errors outside the program's own reporting arrive here (e.g. the worker script
    // failed to load); say so instead of hanging until the watchdog fires.
    we.preventDefault();
    if (runs.get(runId) !== run) return;
    relay.fail(`${we.message}\n`);
    end(runId);
  };
  worker.postMessage(message);
}

window.addEventListener("message", (e: MessageEvent) => {
  if (e.source !== window.parent) return;
  const m = readRunnerCommand(e.data);
  if (m === null) return;
  if (m.type === "runtime") pool.offerRuntime(m.text);
  else if (m.type === "run") start(m.runId, m);
  else {
    runs.get(m.runId)?.relay.stop();
    end(m.runId);
    toPage({ type: "stopped", runId: m.runId });
  }
});

pool.keepSpare();
toPage({ type: "ready" });
