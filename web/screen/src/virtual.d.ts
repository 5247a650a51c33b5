/** The screen's listed operations (vite.config.mts builds this module from schema/operations.json). */
declare module 'virtual:screen-operations' {
  const operations: Record<
    keyof import('./generated/operations').ListedOperations,
    { id: string; body: string }
  >;
  export default operations;
}
