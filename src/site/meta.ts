/** Names used in <title>, the header and the web app manifest. */
export const siteTitle = "The life of an asyncio Task";
export const siteDescription =
  "An interactive tutorial on the life-cycle of a Python asyncio Task — created, scheduled, running, done — with examples you can run and edit in the page, each checked against CPython 3.13.";
