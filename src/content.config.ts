import { defineCollection } from "astro:content";
import { glob } from "astro/loaders";
import { z } from "astro/zod";

/**
 * The tutorial's chapters: MDX files in the top-level `content/chapters/` folder.
 * The file name (without extension) is the chapter's URL slug, e.g.
 * `content/chapters/03-created.mdx` → `/03-created/`.
 */
const chapters = defineCollection({
  // CHAPTERS_DIR lets the shell be built against a fixture (it must sit two levels below the
  // project root, like content/chapters, so the chapters' relative imports resolve).
  loader: glob({ pattern: "**/*.{md,mdx}", base: process.env.CHAPTERS_DIR ?? "./content/chapters" }),
  schema: z.object({
    title: z.string(),
    /** One sentence: shown on the home page, in search results and as the meta description. */
    description: z.string(),
    /** Position in the tutorial (sidebar, previous/next). */
    order: z.number(),
    /** Label of the life-cycle step, e.g. "Step 1 · Created"; absent for non-step chapters. */
    step: z.string().optional(),
    /** Shorter title for the sidebar; defaults to `title`. */
    sidebarLabel: z.string().optional(),
  }),
});

export const collections = { chapters };
