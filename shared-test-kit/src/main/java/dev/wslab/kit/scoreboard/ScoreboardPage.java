package dev.wslab.kit.scoreboard;

import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.List;

import dev.wslab.kit.catalog.Exercise;
import dev.wslab.kit.grading.GradedFailure;

/**
 * Renders the scoreboard page written next to {@code scoreboard.json}: a progress bar per
 * phase, then one card per exercise with its file, the hints already read and its
 * reference, and each failure folded under it as expectation, server exception and
 * transcript. It fits a 1280 px window without horizontal scrolling.
 */
final class ScoreboardPage {

	private ScoreboardPage() {
	}

	/**
	 * How far one phase is, for its progress bar.
	 *
	 * @param phase the phase module
	 * @param passed required exercises passed in its last run
	 * @param required its required exercises
	 * @param ran whether it has results at all
	 */
	record Progress(String phase, long passed, long required, boolean ran) {

		static Progress of(RunResults results) {
			long required = results.exercises().stream().filter((result) -> !result.exercise().stretch()).count();
			long passed = results.exercises()
				.stream()
				.filter((result) -> !result.exercise().stretch() && result.status() == ExerciseResult.Status.PASSED)
				.count();
			return new Progress(results.phase(), passed, required, true);
		}

	}

	/**
	 * Renders the page.
	 * @param results this phase's run
	 * @param phases every phase's progress, this one included, in catalog order
	 * @param track {@code exercises} or {@code solutions}
	 * @param hintsRead how many hints the learner has read of an exercise
	 * @return the HTML
	 */
	static String render(RunResults results, List<Progress> phases, String track,
			java.util.function.ToIntFunction<Exercise> hintsRead) {
		StringBuilder html = new StringBuilder();
		html.append("""
				<!doctype html>
				<html lang="en"><head><meta charset="utf-8">
				<meta name="viewport" content="width=device-width, initial-scale=1">
				<title>wslab · %s</title>
				<style>%s</style></head><body><main>
				<h1>wslab · %s <span class="track">%s track · run at %s</span></h1>
				""".formatted(escape(results.phase()), STYLE, escape(results.phase()), escape(track),
				LocalTime.now().truncatedTo(ChronoUnit.SECONDS)));
		html.append("<section class=\"phases\">\n");
		for (Progress phase : phases) {
			long percent = (phase.required() == 0) ? 0 : Math.round(100.0 * phase.passed() / phase.required());
			html.append("<div class=\"phase")
				.append(phase.phase().equals(results.phase()) ? " current" : "")
				.append("\"><span class=\"name\">")
				.append(escape(phase.phase()))
				.append("</span><span class=\"bar\" role=\"progressbar\" aria-valuenow=\"")
				.append(percent)
				.append("\" aria-valuemin=\"0\" aria-valuemax=\"100\"><span style=\"width:")
				.append(percent)
				.append("%\"></span></span><span class=\"count\">")
				.append(phase.ran() ? phase.passed() + " of " + phase.required() + " exercises" : "not run yet")
				.append("</span></div>\n");
		}
		html.append("</section>\n");
		ExerciseResult next = results.next();
		for (ExerciseResult result : results.exercises()) {
			exercise(html, result, result == next, track, hintsRead.applyAsInt(result.exercise()));
		}
		long otherFailed = results.others().stream().filter(TestOutcome::failed).count();
		if (!results.others().isEmpty()) {
			html.append("<article class=\"ex ")
				.append(otherFailed == 0 ? "passed" : "failed")
				.append("\"><div class=\"head\"><span class=\"mark\">")
				.append(otherFailed == 0 ? "✔" : "✘")
				.append("</span><span class=\"title\">Other tests (apps, kit, conformance)</span><span class=\"tests\">")
				.append(results.others().size() - otherFailed)
				.append('/')
				.append(results.others().size())
				.append(" tests</span></div>\n");
			results.others().stream().filter(TestOutcome::failed).forEach((failure) -> failure(html, failure, false));
			html.append("</article>\n");
		}
		html.append("</main></body></html>\n");
		return html.toString();
	}

	private static void exercise(StringBuilder html, ExerciseResult result, boolean next, String track, int hintsRead) {
		Exercise exercise = result.exercise();
		String status = result.status().name().toLowerCase();
		html.append("<article class=\"ex ")
			.append(status)
			.append(next ? " next" : "")
			.append("\" id=\"ex-")
			.append(escape(exercise.id()))
			.append("\"><div class=\"head\"><span class=\"mark\">")
			.append(switch (result.status()) {
				case PASSED -> "✔";
				case FAILED -> "✘";
				case NOT_RUN -> "·";
			})
			.append("</span><span class=\"id\">")
			.append(escape(exercise.id()))
			.append("</span><span class=\"title\">")
			.append(escape(exercise.title()))
			.append(exercise.stretch() ? " <em>(stretch)</em>" : "")
			.append(next ? " <strong class=\"badge\">next</strong>" : "")
			.append("</span><span class=\"tests\">")
			.append(result.status() == ExerciseResult.Status.NOT_RUN ? "not run"
					: result.passedCount() + "/" + result.outcomes().size() + " tests")
			.append("</span></div>\n<div class=\"concept\">")
			.append(escape(exercise.concept()))
			.append("</div>\n<dl>");
		html.append("<dt>edit</dt><dd>");
		exercise.files().forEach((file) -> html.append("<code>").append(escape(track + "/" + file)).append("</code> "));
		html.append("</dd><dt>hints</dt><dd>");
		if (hintsRead == 0) {
			html.append("none read yet: <code>./learn hint ").append(escape(exercise.id())).append("</code>");
		}
		else {
			html.append("<ol>");
			exercise.hints()
				.subList(0, Math.min(hintsRead, exercise.hints().size()))
				.forEach((hint) -> html.append("<li>").append(escape(hint)).append("</li>"));
			html.append("</ol>");
			if (hintsRead < exercise.hints().size()) {
				html.append("<span class=\"more\">")
					.append(exercise.hints().size() - hintsRead)
					.append(" more: <code>./learn hint ")
					.append(escape(exercise.id()))
					.append("</code></span>");
			}
		}
		html.append("</dd><dt>reference</dt><dd><a href=\"")
			.append(escape(exercise.reference().url()))
			.append("\">")
			.append(escape(exercise.reference().title()))
			.append("</a></dd></dl>\n");
		boolean first = true;
		for (TestOutcome outcome : result.outcomes()) {
			if (outcome.failed()) {
				failure(html, outcome, next && first);
				first = false;
			}
		}
		html.append("</article>\n");
	}

	private static void failure(StringBuilder html, TestOutcome failure, boolean open) {
		TestOutcome.Lesson lesson = failure.lesson();
		html.append("<details class=\"failure\"")
			.append(open ? " open" : "")
			.append("><summary><span class=\"test\">")
			.append(escape(Scoreboard.simpleName(failure.testClass()) + " › " + failure.name()))
			.append("</span> ")
			.append(escape(firstLine((lesson != null) ? lesson.expected() : failure.failure())))
			.append("</summary>\n");
		if (lesson == null) {
			html.append("<h4>failure</h4><pre>").append(escape(String.valueOf(failure.failure()))).append("</pre>\n");
		}
		else {
			html.append("<h4>expected</h4><pre>").append(escape(lesson.expected())).append("</pre>\n");
			if (lesson.server() != null) {
				html.append("<h4>inside the server</h4><pre class=\"server\">")
					.append(escape(lesson.server()))
					.append("</pre>\n");
			}
			for (GradedFailure.ClientLog client : lesson.clients()) {
				html.append("<h4>transcript of ")
					.append(escape(client.name()))
					.append("</h4><pre class=\"transcript\">")
					.append(escape(client.lines().isEmpty() ? "(nothing crossed the wire)"
							: String.join("\n", client.lines())))
					.append("</pre>\n");
			}
			if (lesson.hint() != null) {
				html.append("<h4>next hint</h4><p class=\"hint\">").append(escape(lesson.hint())).append("</p>\n");
			}
		}
		html.append("</details>\n");
	}

	private static String firstLine(String text) {
		String line = (text == null) ? "" : text.strip().lines().findFirst().orElse("");
		return (line.length() <= 140) ? line : line.substring(0, 139) + "…";
	}

	static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}

	private static final String STYLE = """
			*{box-sizing:border-box}
			body{margin:0;background:#f6f7f9;color:#1f2328;font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif}
			main{max-width:72rem;margin:0 auto;padding:1.2rem 1.5rem 3rem}
			h1{font-size:1.4rem;margin:.2rem 0 1rem}
			h1 .track{font-size:.9rem;font-weight:normal;color:#57606a;margin-left:.5rem}
			.phases{background:#fff;border:1px solid #d0d7de;border-radius:.5rem;padding:.6rem .9rem;margin-bottom:1rem}
			.phase{display:grid;grid-template-columns:11rem 1fr 9rem;gap:.8rem;align-items:center;padding:.2rem 0}
			.phase.current .name{font-weight:600}
			.bar{display:block;height:.7rem;background:#e4e7eb;border-radius:.35rem;overflow:hidden}
			.bar span{display:block;height:100%;background:#1a7f37}
			.count{font-size:.85rem;color:#57606a}
			.ex{background:#fff;border:1px solid #d0d7de;border-left:.35rem solid #8c959f;border-radius:.5rem;
			margin:.5rem 0;padding:.55rem .9rem}
			.ex.passed{border-left-color:#1a7f37}.ex.failed{border-left-color:#cf222e}
			.ex.next{box-shadow:0 0 0 2px #0969da33}
			.head{display:flex;gap:.7rem;align-items:baseline;flex-wrap:wrap}
			.mark{width:1.1rem}.passed .mark{color:#1a7f37}.failed .mark{color:#cf222e}
			.id{font-weight:600;min-width:2.6rem}.title{flex:1;font-weight:600}
			.tests{font-size:.85rem;color:#57606a}
			.badge{font-size:.7rem;background:#0969da;color:#fff;border-radius:.6rem;padding:.05rem .45rem;margin-left:.3rem}
			.concept{color:#57606a;font-size:.9rem;margin:.1rem 0 .3rem 1.8rem}
			dl{display:grid;grid-template-columns:5.5rem 1fr;gap:.15rem .6rem;margin:.3rem 0 .2rem 1.8rem;font-size:.9rem}
			dt{color:#57606a}dd{margin:0;min-width:0}
			dd ol{margin:0;padding-left:1.2rem}.more{color:#57606a;font-size:.85rem}
			code{font:.82rem ui-monospace,SFMono-Regular,Menlo,monospace;overflow-wrap:anywhere}
			details.failure{margin:.4rem 0 .2rem 1.8rem;border-top:1px solid #eaeef2;padding-top:.35rem;min-width:0}
			summary{cursor:pointer;overflow-wrap:anywhere;font-size:.9rem}
			summary .test{font-weight:600}
			h4{margin:.5rem 0 .15rem;font-size:.75rem;text-transform:uppercase;letter-spacing:.04em;color:#57606a}
			pre{margin:0;padding:.45rem .6rem;background:#f6f8fa;border-radius:.3rem;white-space:pre-wrap;
			overflow-wrap:anywhere;font:.78rem/1.4 ui-monospace,SFMono-Regular,Menlo,monospace;max-height:28rem;overflow-y:auto}
			pre.server{background:#fff1f0}
			.hint{margin:0;padding:.4rem .6rem;background:#fff8c5;border-radius:.3rem;font-size:.9rem}
			a{color:#0969da}
			""";

}
