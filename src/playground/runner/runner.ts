/**
 * The sandbox runner: the script of /runner/index.html, which the page loads in an
 * `<iframe sandbox="allow-scripts">` (opaque origin, its own CSP with connect-src 'none').
 * It owns one worker per run and relays messages between the page and those workers.
 *
 * Only the embedding page may command it (`e.source === parent`). Workers are classic blob
 * workers that importScripts() the real worker script, because a module worker from blob:
 * fails in an opaque-origin iframe (tech-notes §3). A spare worker is kept loaded so that a
 * Run does not wait for the worker script.
 */
import { HEARTBEAT_MS, HUNG_AFTER_MS, type FromRunner, type FromWorker, type ToRunner } from "../protocol.ts";

const workerScript = new URL("worker.js", document.baseURI).href;
const bootstrap = URL.createObjectURL(
  new Blob([`importScripts(${JSON.stringify(workerScript)});`], { type: "text/javascript" }),
);

const toPage = (m: FromRunner) => window.parent.postMessage(m, "*");
const workers = new Map<number, Worker>();
/**
 * When each running worker last said anything (this thread's clock), from its first message
 * on: a worker still loading its script is not the program's doing.
 */
const lastSign = new Map<number, number>();

/**
 * The watchdog lives here, next to the workers, not in the page: a page busy with something
 * else (loading the editor, say) would see the heartbeats late and could take a slow page
 * for a hung program. A check that itself comes late means this thread was held up, and
 * silence is then counted from the check.
 */
let lastCheck = performance.now();
setInterval(() => {
  const now = performance.now();
  const late = now - lastCheck > 2 * HEARTBEAT_MS;
  lastCheck = now;
  for (const [runId, at] of lastSign) {
    if (late) lastSign.set(runId, Math.max(at, now - HEARTBEAT_MS));
    else if (now - at > HUNG_AFTER_MS) {
      end(runId);
      toPage({ type: "hung", runId, silentMs: Math.round(now - at) });
      keepSpare();
    }
  }
}, HEARTBEAT_MS / 2);
let spare: Worker | null = null;

function freshWorker(): Worker {
  const w = spare ?? new Worker(bootstrap);
  spare = null;
  return w;
}

function keepSpare(): void {
  if (spare === null) spare = new Worker(bootstrap);
}

function end(runId: number): void {
  lastSign.delete(runId);
  const w = workers.get(runId);
  if (w === undefined) return;
  w.terminate();
  workers.delete(runId);
}

window.addEventListener("message", (e: MessageEvent<ToRunner>) => {
  if (e.source !== window.parent) return;
  const m = e.data;
  if (m.type === "run") {
    end(m.runId);
    const w = freshWorker();
    workers.set(m.runId, w);
    w.onmessage = (we: MessageEvent<FromWorker>) => {
      const data = we.data;
      if (workers.get(m.runId) !== w) return;
      lastSign.set(m.runId, performance.now());
      toPage({ ...data, runId: m.runId });
      if (data.type === "exit") {
        end(m.runId);
        keepSpare();
      }
    };
    w.onerror = (we) => {
      // Only errors outside the program's own reporting arrive here (e.g. the worker
      // script failed to load); say so instead of hanging until the watchdog fires.
      we.preventDefault();
      toPage({ type: "batch", runId: m.runId, items: [{ k: "err", t: `${we.message}\n` }] });
      toPage({ type: "exit", runId: m.runId, status: 1 });
      end(m.runId);
    };
    w.postMessage(m);
  } else if (m.type === "stop") {
    end(m.runId);
    toPage({ type: "stopped", runId: m.runId });
    keepSpare();
  }
});

keepSpare();
toPage({ type: "ready" });
