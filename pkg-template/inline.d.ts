// `cnid-verify/inline`: the root entry's API (index.d.ts), initialised from the .wasm carried inline.
export * from './index.js';
/** Instantiates the inlined (gzip-compressed) .wasm; idempotent; call and await it before the first call. */
export function init(): Promise<void>;
export default init;
