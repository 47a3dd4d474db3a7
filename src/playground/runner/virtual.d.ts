/** The sandbox runner's document (runner/document.ts), built at build time. */
declare module "virtual:asyncio-runner" {
  const html: string;
  export default html;
}
