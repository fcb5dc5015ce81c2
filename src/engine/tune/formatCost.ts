/** A cost for reports and plots: three significant digits, whole numbers from 100 up. */
export function formatCost(cost: number): string {
  return Math.abs(cost) >= 100 ? cost.toFixed(0) : cost.toPrecision(3);
}
