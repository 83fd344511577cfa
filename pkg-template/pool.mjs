// `cnid-verify/pool` as an ES module: re-exports pool.cjs (one implementation, one module instance).
import pool from './pool.cjs';

export const { createVerifierPool } = pool;
