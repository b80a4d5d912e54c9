package dev.wslab.production.bench;

import java.util.List;

/**
 * The fan-out benchmark's chart, an SVG drawn as plain text: one row per scenario, its
 * delivery latency percentiles as bars on a logarithmic axis in milliseconds (p50 dark,
 * p99 light, the maximum as a tick), and the p99 target as a red mark where the
 * scenario has one.
 */
final class FanOutChart {

	private static final int LEFT = 330;

	private static final int WIDTH = 900;

	private static final int ROW = 34;

	private static final int TOP = 40;

	/** The axis runs from 10^MIN_DECADE to 10^MAX_DECADE milliseconds. */
	private static final int MIN_DECADE = 0;

	private static final int MAX_DECADE = 4;

	private FanOutChart() {
	}

	static String svg(List<FanOutResult> results) {
		List<FanOutResult> measured = results.stream().filter((result) -> result.failure() == null).toList();
		int height = TOP + measured.size() * ROW + 60;
		StringBuilder svg = new StringBuilder();
		svg.append("""
				<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" \
				font-family="sans-serif" font-size="12">
				<rect width="100%%" height="100%%" fill="white"/>
				<text x="%d" y="20" font-size="13">Fan-out delivery latency, ms (log scale): p50 dark, p99 light, \
				max as a tick, target in red</text>
				""".formatted(WIDTH, height, WIDTH, height, 10));
		int bottom = TOP + measured.size() * ROW;
		for (int decade = MIN_DECADE; decade <= MAX_DECADE; decade++) {
			int x = x(Math.pow(10, decade));
			svg.append("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#ddd\"/>%n".formatted(x, TOP - 5, x,
					bottom));
			svg.append("<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n".formatted(x, bottom + 16,
					String.format("%,d", (long) Math.pow(10, decade))));
		}
		for (int i = 0; i < measured.size(); i++) {
			FanOutResult result = measured.get(i);
			int y = TOP + i * ROW;
			svg.append("<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n".formatted(LEFT - 8, y + 17,
					result.scenario().label()));
			bar(svg, y + 4, result.millis(99), "#9ecae1");
			bar(svg, y + 8, result.millis(50), "#3182bd");
			int max = x(result.latencies().getMaxValue() / 1000.0);
			svg.append("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\" stroke-width=\"2\"/>%n"
				.formatted(max, y + 2, max, y + 26));
			if (result.scenario().targetP99Millis() > 0) {
				int target = x(result.scenario().targetP99Millis());
				svg.append("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#d62728\" stroke-width=\"3\"/>%n"
					.formatted(target, y, target, y + 28));
			}
		}
		svg.append("<text x=\"%d\" y=\"%d\">milliseconds from SEND to each subscriber's MESSAGE</text>%n"
			.formatted(LEFT, bottom + 36));
		svg.append("</svg>\n");
		return svg.toString();
	}

	private static void bar(StringBuilder svg, int y, double millis, String colour) {
		int end = x(millis);
		svg.append("<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>%n".formatted(LEFT, y,
				Math.max(1, end - LEFT), (colour.equals("#3182bd")) ? 12 : 20, colour));
	}

	private static int x(double millis) {
		double decades = Math.log10(Math.max(millis, Math.pow(10, MIN_DECADE))) - MIN_DECADE;
		double share = Math.min(1, decades / (MAX_DECADE - MIN_DECADE));
		return LEFT + (int) Math.round(share * (WIDTH - LEFT - 30));
	}

}
