/**
 * The life-cycle steps as chapters name them (frontmatter `step`, "Step 1 · Created"): the
 * home page's step links, and the kicker above a chapter's title.
 */

export interface StepChapter {
  slug: string;
  step?: string;
}

/** One link per step number (3 and 3d are one step), to its first chapter, labelled by its name. */
export function lifecycleSteps(chapters: readonly StepChapter[]): { label: string; slug: string }[] {
  const seen = new Set<string>();
  const steps: { label: string; slug: string }[] = [];
  for (const c of chapters) {
    if (!c.step) continue;
    const [label, name] = c.step.split("·").map((s) => s.trim());
    // "Step 3d" is part of step 3: the link goes to the first chapter of each step.
    const number = /\d+/.exec(label ?? "")?.[0];
    if (!number || seen.has(number)) continue;
    seen.add(number);
    steps.push({ label: name || label!, slug: c.slug });
  }
  return steps;
}

/**
 * The step label to show above a chapter's title, or undefined when the title already says
 * it ("Step 1 · Created" above "Step 1: Created" says the same thing twice).
 */
export function stepKicker(step: string | undefined, title: string): string | undefined {
  if (!step) return undefined;
  const number = step.split("·")[0]!.trim();
  return title.toLowerCase().includes(number.toLowerCase()) ? undefined : step;
}
