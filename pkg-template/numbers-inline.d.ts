// `cnid-verify/numbers/inline`: the API of `cnid-verify/numbers/web`, initialised from the .wasm
// carried inline.
export * from './numbers/web/cnid_verify_numbers.js';
/** Instantiates the inlined .wasm asynchronously; idempotent; call (and await) before the first check. */
export function init(): Promise<void>;
/** Instantiates the inlined .wasm synchronously; idempotent. */
export function initSync(): void;
export default init;
