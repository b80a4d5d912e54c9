package dev.wslab.spring.chat.room;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * The newest messages of each room, in memory. Phase 3 moves this to Redis so that every
 * instance sees the same history.
 */
@Component
public class RoomHistory {

	/** How many messages a room keeps. */
	public static final int SIZE = 50;

	private final Map<String, Deque<ChatMessage>> rooms = new ConcurrentHashMap<>();

	/**
	 * Records a message.
	 * @param roomId the room
	 * @param message the message
	 */
	public void add(String roomId, ChatMessage message) {
		Deque<ChatMessage> room = this.rooms.computeIfAbsent(roomId, (id) -> new ArrayDeque<>());
		synchronized (room) {
			room.addLast(message);
			while (room.size() > SIZE) {
				room.removeFirst();
			}
		}
	}

	/**
	 * Returns a room's kept messages, oldest first.
	 * @param roomId the room
	 * @return the messages
	 */
	public List<ChatMessage> recent(String roomId) {
		Deque<ChatMessage> room = this.rooms.get(roomId);
		if (room == null) {
			return List.of();
		}
		synchronized (room) {
			return List.copyOf(room);
		}
	}

}
