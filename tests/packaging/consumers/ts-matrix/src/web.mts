// The explicit-init ESM entries: `cnid-verify/web` (default export and named init), `/inline`, and
// their numbers twins `/numbers/web`, `/numbers/inline`. Their .d.ts name the web target's init
// input types (RequestInfo, Response, BufferSource, WebAssembly.Module): the DOM lib is needed.
import initWeb, * as web from 'cnid-verify/web';
import * as inline from 'cnid-verify/inline';
import initNumbersWeb, * as numbersWeb from 'cnid-verify/numbers/web';
import * as numbersInline from 'cnid-verify/numbers/inline';

export async function explicitInit(wasm: Uint8Array, numbersWasm: Uint8Array): Promise<boolean[]> {
  await initWeb({ module_or_path: wasm });
  await web.init({ module_or_path: wasm });
  web.initSync({ module: wasm });
  await inline.init();
  // @ts-expect-error the inline entries have no initSync (their carrier decompresses asynchronously)
  inline.initSync();
  await initNumbersWeb({ module_or_path: numbersWasm });
  numbersWeb.initSync({ module: numbersWasm });
  await numbersInline.init();
  const store: web.TrustStore = new inline.TrustStore(); // one class: inline re-exports web
  const keys: number = store.keyCount;
  store.free();
  const dump: web.DumpReport = web.verifyDump(new Uint8Array(), new web.TrustStore(), { maxAgeSeconds: null });
  return [
    web.checkNumber('911124198108030024').ok,
    inline.isValidNumber('911124198108030024'),
    numbersWeb.checkNumbers(['911124198108030024']).every((r) => r.ok),
    numbersInline.checkNumber('911124198108030024').kind === 'fpr18',
    keys === 0,
    dump.checks.length > 0,
  ];
}

// @ts-expect-error unknown option (excess property)
numbersWeb.checkNumber('911124198108030024', { strictt: true });
// @ts-expect-error the numbers entries have no TrustStore
export const noStore = numbersInline.TrustStore;
// @ts-expect-error verifyDump needs a TrustStore
inline.verifyDump(new Uint8Array(), {});
// @ts-expect-error init takes no module input on the inline entries
export const bad: Promise<void> = inline.init(new Uint8Array());
