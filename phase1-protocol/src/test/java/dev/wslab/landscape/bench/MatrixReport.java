package dev.wslab.landscape.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

/** Writes the trade-off matrix as Markdown and as a small SVG bar chart. */
final class MatrixReport {

	private MatrixReport() {
	}

	static String markdown(List<TransportMatrix.Row> rows, LocalDate date, int events, int rate) {
		StringBuilder text = new StringBuilder("# One feed, four transports: the measured trade-off matrix\n\n");
		TransportMatrix.Row any = rows.get(0);
		text.append("Measured ")
			.append(date)
			.append(" on ")
			.append(Runtime.getRuntime().availableProcessors())
			.append(" cores, Java ")
			.append(Runtime.version().feature())
			.append(", ")
			.append(any.clients())
			.append(" clients, ")
			.append(events)
			.append(" events at ")
			.append(rate)
			.append(" per second.\n\n")
			.append("| Transport | Route | Bytes up / event | Bytes down / event | p50 (ms) | p99 (ms) | Connections | Requests | Not delivered | Repeated | Server CPU (ms) | Server heap after GC (MB) |\n")
			.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
		for (TransportMatrix.Row row : rows) {
			text.append(String.format("| %s | %s | %.1f | %.1f | %.1f | %.1f | %d | %d | %d | %d | %.0f | %.1f |%n",
					name(row.kind()), row.route().label, row.upPerEvent(), row.downPerEvent(), row.p50Ms(), row.p99Ms(),
					row.connections(), row.requests(), row.lost(), row.duplicated(), row.cpuMs(),
					row.heapBytes() / 1024.0 / 1024.0));
		}
		try (InputStream notes = MatrixReport.class.getResourceAsStream("/landscape/matrix-notes.md")) {
			text.append(new String(notes.readAllBytes(), StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return text.toString();
	}

	static String svg(List<TransportMatrix.Row> rows) {
		int barHeight = 18;
		int gap = 8;
		int labelWidth = 330;
		int chartWidth = 380;
		double maxLatency = rows.stream().mapToDouble(TransportMatrix.Row::p50Ms).max().orElse(1);
		double maxBytes = rows.stream().mapToDouble(TransportMatrix.Row::downPerEvent).max().orElse(1);
		int height = 60 + rows.size() * (barHeight + gap);
		StringBuilder svg = new StringBuilder();
		svg.append(String.format(
				"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">%n",
				labelWidth + 2 * chartWidth + 110, height));
		svg.append(String.format("<text x=\"%d\" y=\"20\" font-weight=\"bold\">p50 latency (ms, log scale)</text>%n",
				labelWidth));
		svg.append(String.format("<text x=\"%d\" y=\"20\" font-weight=\"bold\">bytes down per event</text>%n",
				labelWidth + chartWidth + 40));
		int y = 40;
		for (TransportMatrix.Row row : rows) {
			String label = name(row.kind()) + ", " + row.route().label;
			double latencyWidth = chartWidth * Math.log10(1 + Math.max(0, row.p50Ms())) / Math.log10(1 + maxLatency);
			double bytesWidth = chartWidth * row.downPerEvent() / maxBytes;
			svg.append(String.format("<text x=\"0\" y=\"%d\">%s</text>%n", y + 13, escape(label)));
			svg.append(String.format("<rect x=\"%d\" y=\"%d\" width=\"%.0f\" height=\"%d\" fill=\"#3b82f6\"/>%n",
					labelWidth, y, Math.max(1, latencyWidth), barHeight));
			svg.append(String.format("<text x=\"%.0f\" y=\"%d\">%.1f</text>%n", labelWidth + latencyWidth + 4, y + 13,
					row.p50Ms()));
			svg.append(String.format("<rect x=\"%d\" y=\"%d\" width=\"%.0f\" height=\"%d\" fill=\"#f59e0b\"/>%n",
					labelWidth + chartWidth + 40, y, Math.max(1, bytesWidth), barHeight));
			svg.append(String.format("<text x=\"%.0f\" y=\"%d\">%.0f</text>%n",
					labelWidth + chartWidth + 44 + bytesWidth, y + 13, row.downPerEvent()));
			y += barHeight + gap;
		}
		return svg.append("</svg>\n").toString();
	}

	private static String name(TransportMatrix.Kind kind) {
		return switch (kind) {
			case SSE -> "SSE";
			case WEBSOCKET -> "WebSocket";
			case LONG_POLLING -> "Long polling";
			case SHORT_POLLING -> "Short polling (500 ms)";
		};
	}

	private static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
	}

}
