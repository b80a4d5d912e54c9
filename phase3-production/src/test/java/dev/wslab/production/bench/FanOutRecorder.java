package dev.wslab.production.bench;

import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.BitSet;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;

/**
 * The subscriber side of the fan-out benchmark in one client JVM: every MESSAGE of the
 * room carries its number and the time it was sent, and each delivery's latency goes into
 * one histogram, in microseconds. Sender and subscribers are processes on the same
 * machine, so they read the same wall clock ({@link Instant#now()}, microseconds on
 * Linux). Each subscription remembers the numbers it saw, so that a message delivered
 * twice is counted as a duplicate, not as a second delivery.
 */
final class FanOutRecorder {

	static final String ROOM = "/topic/fanout";

	private final ConcurrentHistogram latencies = new ConcurrentHistogram(3);

	private final AtomicLong delivered = new AtomicLong();

	private final AtomicLong duplicated = new AtomicLong();

	static byte[] body(long number) {
		return (number + " " + nowMicros()).getBytes(StandardCharsets.US_ASCII);
	}

	static long nowMicros() {
		Instant now = Instant.now();
		return now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
	}

	/**
	 * A handler for one subscription to the room.
	 * @return a handler that times each delivery
	 */
	StompFrameHandler subscriber() {
		BitSet seen = new BitSet();
		return new StompFrameHandler() {

			@Override
			public Type getPayloadType(StompHeaders headers) {
				return byte[].class;
			}

			@Override
			public void handleFrame(StompHeaders headers, Object payload) {
				long now = nowMicros();
				String[] parts = new String((byte[]) payload, StandardCharsets.US_ASCII).split(" ");
				int number = Integer.parseInt(parts[0]);
				boolean again;
				synchronized (seen) {
					again = seen.get(number);
					seen.set(number);
				}
				if (again) {
					FanOutRecorder.this.duplicated.incrementAndGet();
					return;
				}
				FanOutRecorder.this.latencies.recordValue(Math.max(0, now - Long.parseLong(parts[1])));
				FanOutRecorder.this.delivered.incrementAndGet();
			}

		};
	}

	String reset() {
		this.latencies.reset();
		this.delivered.set(0);
		this.duplicated.set(0);
		return "RESET";
	}

	String report() {
		Histogram copy = this.latencies.copy();
		ByteBuffer buffer = ByteBuffer.allocate(copy.getNeededByteBufferCapacity());
		int length = copy.encodeIntoCompressedByteBuffer(buffer);
		return "LATENCY " + this.delivered.get() + " " + this.duplicated.get() + " "
				+ Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buffer.array(), length));
	}

	static Histogram decode(String base64) throws java.util.zip.DataFormatException {
		return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(base64)), 0);
	}

}
