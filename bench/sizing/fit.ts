/** Fitting the model's constants from measurements: plain least squares, no dependencies. */

/** Least-squares line y = intercept + slope·x. */
export function fitLine(points: ReadonlyArray<readonly [number, number]>): { intercept: number; slope: number } {
  const n = points.length;
  if (n < 2) throw new RangeError(`a line needs at least 2 points, got ${n}`);
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  const sxx = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  const sxy = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0);
  if (sxx === 0) throw new RangeError("a line needs at least two distinct x values");
  const slope = sxy / sxx;
  return { intercept: my - slope * mx, slope };
}

/** Least-squares ratio through the origin: y = k·x. */
export function fitRatio(points: ReadonlyArray<readonly [number, number]>): number {
  const sxy = points.reduce((s, [x, y]) => s + x * y, 0);
  const sxx = points.reduce((s, [x]) => s + x * x, 0);
  if (sxx === 0) throw new RangeError("a ratio needs a non-zero x");
  return sxy / sxx;
}

/** Signed relative error of a prediction, in percent of the measured value. */
export const errorPercent = (predicted: number, measured: number) => ((predicted - measured) / measured) * 100;
