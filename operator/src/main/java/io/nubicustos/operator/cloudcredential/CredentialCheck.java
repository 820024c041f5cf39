package io.nubicustos.operator.cloudcredential;

/**
 * The outcome of checking a credential: valid or not, with a reason and a message that names
 * keys, profiles and fields — never a value read from the Secret.
 */
public record CredentialCheck(boolean valid, String reason, String message) {

    public static CredentialCheck ok(String reason, String message) {
        return new CredentialCheck(true, reason, message);
    }

    public static CredentialCheck invalid(String reason, String message) {
        return new CredentialCheck(false, reason, message);
    }
}
