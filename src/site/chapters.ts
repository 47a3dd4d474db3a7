import { getCollection, type CollectionEntry } from "astro:content";

export type Chapter = CollectionEntry<"chapters">;

/** All chapters in reading order (frontmatter `order`, then slug for ties). */
export async function getChapters(): Promise<Chapter[]> {
  const all = await getCollection("chapters");
  return all.sort((a, b) => a.data.order - b.data.order || a.id.localeCompare(b.id));
}

/** What the sidebar and the previous/next links need to know about a chapter. */
export interface ChapterLink {
  slug: string;
  title: string;
  label: string;
  step?: string;
}

export function toLink(chapter: Chapter): ChapterLink {
  return {
    slug: chapter.id,
    title: chapter.data.title,
    label: chapter.data.sidebarLabel ?? chapter.data.title,
    step: chapter.data.step,
  };
}
