// `cnid-verify/numbers/inline`: the numbers entry's API (numbers.d.ts), initialised from the .wasm
// carried inline.
export * from '../numbers.js';
/** Instantiates the inlined (gzip-compressed) .wasm; idempotent; call and await it before the first check. */
export function init(): Promise<void>;
export default init;
