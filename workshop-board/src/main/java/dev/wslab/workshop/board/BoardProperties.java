package dev.wslab.workshop.board;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The board's settings, under {@code wslab.board}.
 *
 * @param exchange the topic exchange participants publish to
 * @param stream the stream the board declares, binds and replays from its first event
 * @param bindingKey which routing keys the stream keeps: {@code #} for every workshop,
 * {@code room1.*} for one
 * @param retention how long the stream keeps events ({@code x-max-age})
 * @param stuckAfter how long an exercise may fail before its cell turns red
 * @param maxEventBytes the largest event accepted; larger ones are dropped. At least
 * {@code ProgressEvent.MAX_BYTES}: a Phase 1 run's event (18 exercises) took 4,748 bytes
 * when this was 4096, and the board dropped it
 * @param catalog the workspace's {@code catalog.json}, for the grid's columns
 */
@ConfigurationProperties("wslab.board")
record BoardProperties(@DefaultValue("wslab.workshop") String exchange,
		@DefaultValue("wslab.workshop.board") String stream, @DefaultValue("#") String bindingKey,
		@DefaultValue("7D") String retention, @DefaultValue("10m") Duration stuckAfter,
		@DefaultValue("32768") int maxEventBytes, @DefaultValue("../catalog.json") Path catalog) {

}
