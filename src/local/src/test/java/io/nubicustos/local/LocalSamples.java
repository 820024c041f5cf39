package io.nubicustos.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/** The manifests of config/local/samples, as `make run` applies them. */
final class LocalSamples {

    static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    record Document(Path file, HasMetadata object) {
        String kind() {
            return object.getKind();
        }

        String name() {
            return object.getMetadata().getName();
        }

        @Override
        public String toString() {
            return file.getFileName() + " (" + kind() + " " + name() + ")";
        }
    }

    private LocalSamples() {
    }

    static Path root() {
        Path root = Path.of(System.getProperty("nubicustos.root", "../..")).toAbsolutePath().normalize();
        if (!Files.isDirectory(root.resolve("crds"))) {
            throw new IllegalStateException("cannot find the repository root (crds/) from " + root);
        }
        return root;
    }

    static Path folder() {
        return root().resolve("config/local/samples");
    }

    static List<Path> files() {
        try (Stream<Path> files = Files.list(folder())) {
            return files.filter(f -> f.toString().endsWith(".yml") || f.toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every document of every file, in the order `kubectl apply -f` takes them (files by name). */
    static List<Document> documents() {
        List<Document> documents = new ArrayList<>();
        for (Path file : files()) {
            documents.addAll(parse(file));
        }
        return documents;
    }

    static List<Document> parse(Path file) {
        Object parsed;
        try {
            parsed = SERIALIZATION.unmarshal(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<?> items = parsed instanceof KubernetesList list ? list.getItems() : parsed instanceof List<?> list ? list : List.of(parsed);
        return items.stream().map(o -> new Document(file, (HasMetadata) o)).toList();
    }
}
