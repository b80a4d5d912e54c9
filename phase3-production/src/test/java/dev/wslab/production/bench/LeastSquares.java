package dev.wslab.production.bench;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * A straight line fitted by least squares: the cost per connection is its slope.
 *
 * @param slope the change in y per unit of x
 * @param intercept y at x = 0
 * @param r2 the coefficient of determination (1 is a perfect line)
 */
record LeastSquares(double slope, double intercept, double r2) {

	/**
	 * Fits y against x over the points.
	 * @param <T> the point type
	 * @param points at least two points with different x
	 * @param x the abscissa
	 * @param y the ordinate
	 * @return the fit
	 */
	static <T> LeastSquares fit(List<T> points, ToDoubleFunction<T> x, ToDoubleFunction<T> y) {
		int n = points.size();
		double meanX = points.stream().mapToDouble(x).average().orElse(0);
		double meanY = points.stream().mapToDouble(y).average().orElse(0);
		double sxy = 0;
		double sxx = 0;
		double syy = 0;
		for (T point : points) {
			double dx = x.applyAsDouble(point) - meanX;
			double dy = y.applyAsDouble(point) - meanY;
			sxy += dx * dy;
			sxx += dx * dx;
			syy += dy * dy;
		}
		if (n < 2 || sxx == 0) {
			return new LeastSquares(Double.NaN, Double.NaN, Double.NaN);
		}
		double slope = sxy / sxx;
		double r2 = (syy == 0) ? 1 : (sxy * sxy) / (sxx * syy);
		return new LeastSquares(slope, meanY - slope * meanX, r2);
	}

}
