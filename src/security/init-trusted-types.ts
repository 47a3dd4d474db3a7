/**
 * The first script of every page (BaseLayout's <head>): the Trusted Types default policy
 * exists before any other code can hand a sink a string (trusted-types.ts).
 */
import { installDefaultPolicy } from "./trusted-types.ts";

installDefaultPolicy();
