package dev.wslab.kit.infra;

/**
 * Thrown when a grader needs a piece of infrastructure that no provider can supply.
 *
 * <p>
 * The message always names what is missing and the exact command that installs it, so a
 * grader fails loudly instead of skipping.
 */
public class InfrastructureUnavailableException extends IllegalStateException {

	/**
	 * Creates the exception.
	 * @param message what is missing and how to install it
	 */
	public InfrastructureUnavailableException(String message) {
		super(message);
	}

	/**
	 * Creates the exception with the failure that revealed the problem.
	 * @param message what is missing and how to install it
	 * @param cause the underlying failure
	 */
	public InfrastructureUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
