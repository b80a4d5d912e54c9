package dev.wslab.kit.scoreboard;

import dev.wslab.kit.catalog.Exercise;

/** Renders the small HTML scoreboard page written next to {@code scoreboard.json}. */
final class ScoreboardPage {

	private ScoreboardPage() {
	}

	static String render(RunResults results, String track) {
		StringBuilder rows = new StringBuilder();
		for (ExerciseResult result : results.exercises()) {
			Exercise exercise = result.exercise();
			TestOutcome failure = result.firstFailure();
			rows.append("<tr class=\"")
				.append(result.status().name().toLowerCase())
				.append("\"><td>")
				.append(escape(exercise.id()))
				.append("</td><td>")
				.append(escape(exercise.title()))
				.append("</td><td>")
				.append(result.status())
				.append("</td><td>")
				.append(result.passedCount())
				.append('/')
				.append(result.outcomes().size())
				.append("</td><td><a href=\"")
				.append(escape(exercise.reference().url()))
				.append("\">")
				.append(escape(exercise.reference().title()))
				.append("</a></td><td><pre>")
				.append(failure == null ? "" : escape(failure.name() + "\n" + failure.failure()))
				.append("</pre></td></tr>\n");
		}
		return """
				<!doctype html>
				<html lang="en"><head><meta charset="utf-8"><title>wslab scoreboard · %s</title>
				<style>
				body{font-family:system-ui,sans-serif;margin:2rem}table{border-collapse:collapse}
				td,th{border:1px solid #ccc;padding:.3rem .6rem;vertical-align:top;text-align:left}
				tr.passed td:nth-child(3){color:#17803d}tr.failed td:nth-child(3){color:#b42318}
				pre{margin:0;max-width:50rem;white-space:pre-wrap;font-size:.8rem}
				</style></head><body>
				<h1>%s · %s track</h1>
				<table><tr><th>Id</th><th>Exercise</th><th>Status</th><th>Tests</th><th>Reference</th><th>First failure</th></tr>
				%s</table></body></html>
				"""
			.formatted(escape(results.phase()), escape(results.phase()), escape(track), rows);
	}

	static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}

}
