// TypeScript >= 5.2 only (explicit resource management): the TrustStore classes are Disposable, with
// no esnext `lib` setting of the consumer's (the package's .d.ts declares what it needs).
import { TrustStore } from 'cnid-verify';
import * as web from 'cnid-verify/web';

export function kids(jwks: string): string[] {
  using store = new TrustStore();
  store.addJwks(jwks);
  return store.kids();
}

export async function webKeyCount(jwks: string): Promise<number> {
  await web.init();
  using store = new web.TrustStore();
  return store.addJwks(jwks).added;
}

export const disposable: Disposable = new TrustStore();
