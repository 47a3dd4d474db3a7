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
import type { FromRunner, FromWorker, ToRunner } from "../protocol.ts";

const workerScript = new URL("worker.js", document.baseURI).href;
const bootstrap = URL.createObjectURL(
  new Blob([`importScripts(${JSON.stringify(workerScript)});`], { type: "text/javascript" }),
);

const toPage = (m: FromRunner) => window.parent.postMessage(m, "*");
const workers = new Map<number, Worker>();
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
