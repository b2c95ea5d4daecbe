/**
 * One benchmark figure, printed beside a baseline measured in the same run.
 */
export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  baseline?: { name: string; value: number };
  /** value / baseline.value */
  ratio?: number;
}
