package dev.wslab.kit.mutation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import dev.wslab.kit.catalog.Exercise;

/**
 * The Markdown table of one phase's mutation run: per exercise the mutants, how many its
 * graders killed, the score and its floor, then every survivor.
 */
final class StrengthReport {

	private final String phase;

	private final List<ExerciseStrength> results;

	private final Floors floors;

	private final Duration took;

	private final PitRun.Settings settings;

	private final String pitVersion;

	private List<Exercise> notMeasured = List.of();

	private List<Exercise> withoutMutants = List.of();

	StrengthReport(String phase, List<ExerciseStrength> results, Floors floors, Duration took, PitRun.Settings settings,
			String pitVersion) {
		this.phase = phase;
		this.results = results;
		this.floors = floors;
		this.took = took;
		this.settings = settings;
		this.pitVersion = pitVersion;
	}

	/**
	 * Names the exercises left out because they have no Java file for PIT to mutate.
	 * @param exercises those exercises
	 * @return this report
	 */
	StrengthReport notMeasured(List<Exercise> exercises) {
		this.notMeasured = List.copyOf(exercises);
		return this;
	}

	/**
	 * Names the exercises PIT made no mutant of, as not measured.
	 * @param exercises the exercises
	 * @return this report
	 */
	StrengthReport withoutMutants(List<Exercise> exercises) {
		this.withoutMutants = List.copyOf(exercises);
		return this;
	}

	String render() {
		StringBuilder md = new StringBuilder();
		int mutants = this.results.stream().mapToInt(ExerciseStrength::mutants).sum();
		int killed = this.results.stream().mapToInt(ExerciseStrength::killed).sum();
		md.append("### ").append(this.phase).append("\n\n");
		md.append("Measured on ")
			.append(LocalDate.now(ZoneOffset.UTC))
			.append(" with `./mvnw -q verify -Pmutation -pl ")
			.append(this.phase)
			.append(" -am -Dwslab.mutation.mode=record`: PIT ")
			.append(this.pitVersion)
			.append(", its default mutators, a timeout constant of ")
			.append(this.settings.timeoutConst())
			.append(" ms, ")
			.append(this.settings.threads())
			.append(" threads")
			.append((this.settings.unitSize() == 1) ? ", a fresh JVM (and Spring context) per mutant. " : ". ")
			.append(killed)
			.append(" of ")
			.append(mutants)
			.append(" mutants killed (")
			.append((mutants == 0) ? 100 : killed * 100 / mutants)
			.append("%); ")
			.append(this.results.stream().mapToInt((result) -> result.equivalents().size()).sum())
			.append(" survivors are equivalent (listed above); in ")
			.append(this.took.toMinutes())
			.append(" min ")
			.append(this.took.toSecondsPart())
			.append(" s.\n\n");
		md.append("| Id | Exercise | Mutants | Killed | Equivalent | Survived | Score | Floor | Time |\n");
		md.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
		for (ExerciseStrength result : this.results) {
			Integer floor = this.floors.of(result.exercise().id());
			String score = result.score() + "%" + ((result.score() < GraderStrength.TARGET) ? " ✘" : "");
			md.append("| %s | %s | %d | %d | %d | %d | %s | %s | %d s |\n".formatted(result.exercise().id(),
					result.exercise().title(), result.mutants(), result.killed(), result.equivalents().size(),
					result.survivors().size(), score, (floor != null) ? floor + "%" : "none", result.seconds()));
		}
		for (Exercise exercise : this.notMeasured) {
			md.append("\nNot measured: %s %s, no Java file for PIT to mutate (%s).\n".formatted(exercise.id(),
					exercise.title(), String.join(", ", exercise.files())));
		}
		for (Exercise exercise : this.withoutMutants) {
			md.append(("\nNot measured: %s %s, PIT's default mutators make no mutant of it (%s): they remove only "
					+ "calls that return nothing, and the calls of a fluent configuration all return its builder.\n")
				.formatted(exercise.id(), exercise.title(), String.join(", ", exercise.files())));
		}
		md.append("\nSurvivors, other than the equivalent mutants listed above:\n\n");
		boolean none = true;
		for (ExerciseStrength result : this.results) {
			for (ExerciseStrength.Mutant mutant : result.survivors()) {
				md.append("- ").append(result.exercise().id()).append(' ').append(mutant).append('\n');
				none = false;
			}
		}
		if (none) {
			md.append("- none\n");
		}
		return md.toString();
	}

	void write(Path file) {
		try {
			Files.createDirectories(file.getParent());
			Files.writeString(file, render());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Replaces this phase's section of the committed report, between its begin and end
	 * markers, or appends one.
	 */
	void replaceSectionIn(Path doc) {
		String begin = "<!-- mutation:" + this.phase + ":begin -->\n";
		String end = "<!-- mutation:" + this.phase + ":end -->\n";
		try {
			String text = Files.exists(doc) ? Files.readString(doc) : "";
			String section = begin + render() + end;
			int from = text.indexOf(begin);
			int to = text.indexOf(end);
			if (from >= 0 && to > from) {
				text = text.substring(0, from) + section + text.substring(to + end.length());
			}
			else {
				text = text + (text.isEmpty() || text.endsWith("\n\n") ? "" : "\n") + section;
			}
			Files.writeString(doc, text);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
