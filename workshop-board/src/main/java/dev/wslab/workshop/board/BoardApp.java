package dev.wslab.workshop.board;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The instructor's board in workshop mode: it replays the room's progress events from a
 * RabbitMQ stream, keeps who stands where, and pushes the room to its page over SSE.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class BoardApp {

	/**
	 * Starts the board; {@code --port=N} picks the HTTP port (8090 by default).
	 * @param args Spring Boot arguments
	 */
	public static void main(String[] args) {
		SpringApplication.run(BoardApp.class, args);
	}

}
