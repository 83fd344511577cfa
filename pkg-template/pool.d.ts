// `cnid-verify/pool` (Node only): verifyDumps on every core, over worker_threads. README, "All cores".
import type { CnidErrorCode, DumpReport, TrustStore, VerifyOptions } from 'cnid-verify';

export interface VerifierPoolOptions {
  /** Worker threads, 1 to 256 (default: os.availableParallelism()). */
  threads?: number;
}

/** The pool's own error codes, besides the library's. */
export type PoolErrorCode = CnidErrorCode | "POOL_CLOSED";
export interface PoolError extends Error { code: PoolErrorCode; }

/**
 * Worker threads with the same trust. The trust calls have the TrustStore's signatures and results
 * (they run on the pool's reference store first, synchronously, then on every worker); verification
 * is asynchronous, with the reports in input order.
 */
export interface VerifierPool {
  readonly threads: number;
  readonly keyCount: number;
  readonly anchorCount: number;
  addJwks(...args: Parameters<TrustStore["addJwks"]>): ReturnType<TrustStore["addJwks"]>;
  addCertificate(...args: Parameters<TrustStore["addCertificate"]>): ReturnType<TrustStore["addCertificate"]>;
  revokeKid(...args: Parameters<TrustStore["revokeKid"]>): ReturnType<TrustStore["revokeKid"]>;
  revokeSerial(...args: Parameters<TrustStore["revokeSerial"]>): ReturnType<TrustStore["revokeSerial"]>;
  revokeSerialAnyIssuer(...args: Parameters<TrustStore["revokeSerialAnyIssuer"]>): ReturnType<TrustStore["revokeSerialAnyIssuer"]>;
  revokeCertificate(...args: Parameters<TrustStore["revokeCertificate"]>): ReturnType<TrustStore["revokeCertificate"]>;
  kids(): ReturnType<TrustStore["kids"]>;
  anchors(): ReturnType<TrustStore["anchors"]>;
  revokedKids(): ReturnType<TrustStore["revokedKids"]>;
  revokedSerials(): ReturnType<TrustStore["revokedSerials"]>;
  revokedKeys(): ReturnType<TrustStore["revokedKeys"]>;
  /** verifyDumps on the workers; rejects as verifyDumps throws (the first bad item's error). */
  verifyDumps(list: readonly Uint8Array[], options?: VerifyOptions): Promise<DumpReport[]>;
  verifyDump(bytes: Uint8Array, options?: VerifyOptions): Promise<DumpReport>;
  /** Stops the workers; unfinished calls reject with POOL_CLOSED. Idempotent. */
  close(): Promise<void>;
}

export function createVerifierPool(options?: VerifierPoolOptions): VerifierPool;
