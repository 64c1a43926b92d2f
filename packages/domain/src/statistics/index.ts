export { HISTOGRAM_BUCKETS, markBucket, markHistogram } from './mark-histogram.ts';
export { type PassRate, passRate } from './pass-rate.ts';
