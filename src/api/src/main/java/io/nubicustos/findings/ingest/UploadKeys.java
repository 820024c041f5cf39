package io.nubicustos.findings.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.nubicustos.findings.config.ApiConfig;

/** The upload-token signing key shared with the operator; absent: ingest refuses every token. */
@ApplicationScoped
public class UploadKeys {

    private final Optional<byte[]> key;

    public UploadKeys(ApiConfig config) {
        ApiConfig.Ingest ingest = config.ingest();
        if (ingest.uploadKeyFile().isPresent()) {
            try {
                key = Optional.of(Files.readAllBytes(Path.of(ingest.uploadKeyFile().get())));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read nubicustos.api.ingest.upload-key-file", e);
            }
        } else {
            key = ingest.uploadKey().map(k -> Base64.getDecoder().decode(k.trim()));
        }
        key.ifPresent(k -> {
            if (k.length < 32) {
                throw new IllegalArgumentException("the upload signing key must have at least 32 bytes");
            }
        });
    }

    public Optional<byte[]> key() {
        return key;
    }
}
