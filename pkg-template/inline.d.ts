// `cnid-verify/inline`: the API of `cnid-verify/web`, initialised from the .wasm carried inline.
export * from './web/cnid_verify.js';
/** Instantiates the inlined .wasm asynchronously; idempotent; call (and await) before the first call. */
export function init(): Promise<void>;
/** Instantiates the inlined .wasm synchronously; idempotent. */
export function initSync(): void;
export default init;
