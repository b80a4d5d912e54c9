package dev.wslab.spring.chat.errors;

/**
 * What the sender of a refused message receives on {@code /user/queue/errors}.
 *
 * @param code a short machine-readable code, such as {@code unknown-recipient}
 * @param message what a person should read
 */
public record ChatError(String code, String message) {
}
