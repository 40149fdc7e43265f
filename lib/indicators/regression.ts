export interface Regression {
  slope: number;
  intercept: number;
  /** Coefficient of determination, 0..1 (1 when all y are equal and the fit is exact). */
  r2: number;
}

/** Ordinary least squares of y on x = 0, 1, 2, …; undefined with fewer than two points. */
export function linearRegression(y: readonly number[]): Regression | undefined {
  return linearRegressionXY(
    y.map((_, i) => i),
    y,
  );
}

/** Ordinary least squares of y on x; undefined with fewer than two points or all x equal. */
export function linearRegressionXY(x: readonly number[], y: readonly number[]): Regression | undefined {
  const n = Math.min(x.length, y.length);
  if (n < 2) return undefined;
  let meanX = 0;
  let meanY = 0;
  for (let i = 0; i < n; i++) {
    meanX += x[i]!;
    meanY += y[i]!;
  }
  meanX /= n;
  meanY /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i]! - meanX;
    const dy = y[i]! - meanY;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0) return undefined;
  const slope = sxy / sxx;
  const intercept = meanY - slope * meanX;
  const r2 = syy === 0 ? 1 : (sxy * sxy) / (sxx * syy);
  return { slope, intercept, r2 };
}
