package io.nubicustos.operator.cloudcredential;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;

/**
 * Whether a PKCS#8 private key belongs to a public key: it signs a fixed message that the public
 * key verifies. This works alike for RSA and EC keys, without comparing their parameters by hand.
 */
final class KeyPairs {

    private static final byte[] CHALLENGE = "nubicustos: does this key belong to this certificate?".getBytes(StandardCharsets.UTF_8);

    private KeyPairs() {
    }

    static boolean match(PublicKey publicKey, byte[] pkcs8) {
        String algorithm = publicKey.getAlgorithm();
        String signature = switch (algorithm) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> null;
        };
        if (signature == null) {
            return false;
        }
        try {
            PrivateKey privateKey = KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            Signature signer = Signature.getInstance(signature);
            signer.initSign(privateKey);
            signer.update(CHALLENGE);
            byte[] signed = signer.sign();
            Signature verifier = Signature.getInstance(signature);
            verifier.initVerify(publicKey);
            verifier.update(CHALLENGE);
            return verifier.verify(signed);
        } catch (GeneralSecurityException | RuntimeException e) {
            // A key of another algorithm than the certificate's, or one that does not parse, does not match.
            return false;
        }
    }
}
