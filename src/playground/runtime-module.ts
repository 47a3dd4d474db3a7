/**
 * The runtime module (`runtime/asyncio.js`), shared by every program the page runs (issue
 * 12): prebuilt bundles and bundles compiled in the page both import it from a placeholder
 * that the worker points at its copy of this text. Fetched once per page (in idle time with
 * the sandbox, or at the first Run or compile), cached by the browser for the other pages,
 * and one string for all: the sandbox offers it to the runner once and then sends runs
 * without it when a run's runtime is that same text.
 */
const base = import.meta.env.BASE_URL.replace(/\/?$/, "/");

let runtimeModule: Promise<string> | null = null;

export function loadRuntimeModule(): Promise<string> {
  return (runtimeModule ??= fetch(`${base}runtime/asyncio.js`)
    .then((r) => {
      if (!r.ok) throw new Error(`the asyncio runtime could not be loaded (${r.status})`);
      return r.text();
    })
    .catch((error: unknown) => {
      runtimeModule = null;
      throw error;
    }));
}
