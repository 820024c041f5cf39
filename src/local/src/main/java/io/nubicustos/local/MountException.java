package io.nubicustos.local;

/** A volume, or a path in one, that cannot be provided: the pod fails with {@code reason}. */
final class MountException extends RuntimeException {

    final String reason;

    MountException(String reason, String message) {
        super(message);
        this.reason = reason;
    }
}
