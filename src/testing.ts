/**
 * `gongwen/testing`: data to try gongwen with and to measure it by. `syntheticDataset(n)` is a
 * made-up approval dataset of n units (names, amounts and indicators are invented, shaped like
 * the seed's), for batches of any size in tests and benchmarks.
 */
export { syntheticDataset } from './batch/synthetic.js';
