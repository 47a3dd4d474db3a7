import { fileURLToPath } from "node:url";
import type { AstroIntegration } from "astro";
import { postbuild } from "../../scripts/postbuild.ts";

/** Runs scripts/postbuild.ts (search index, service worker) at the end of `astro build`. */
export function siteIntegration(): AstroIntegration {
  let base = "/";
  return {
    name: "site-shell",
    hooks: {
      "astro:config:done": ({ config }) => {
        base = config.base.replace(/\/?$/, "/");
      },
      "astro:build:done": async ({ dir, logger }) => {
        await postbuild({ dist: fileURLToPath(dir), base, log: (m) => logger.info(m) });
      },
    },
  };
}
