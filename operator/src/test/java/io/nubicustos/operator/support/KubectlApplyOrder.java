package io.nubicustos.operator.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;

import io.nubicustos.operator.crd.RepositoryFiles;
import io.nubicustos.operator.crd.RepositoryFiles.Document;

/**
 * The documents {@code kubectl apply -R -f DIR} sends, in the order it sends them: every .json,
 * .yaml and .yml file under DIR, walked as Go's filepath.Walk walks (each directory's entries
 * sorted by name, a subdirectory's files before the next entry), each file's documents in turn.
 * kubectl does not reorder by kind: a Namespace must come before what lives in it.
 */
public final class KubectlApplyOrder {

    private KubectlApplyOrder() {
    }

    public static List<Document> documents(String folder) {
        List<Document> documents = new ArrayList<>();
        walk(RepositoryFiles.root().resolve(folder), documents);
        return documents;
    }

    private static void walk(Path dir, List<Document> documents) {
        List<Path> entries;
        try (Stream<Path> list = Files.list(dir)) {
            entries = list.sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Path entry : entries) {
            if (Files.isDirectory(entry)) {
                walk(entry, documents);
            } else if (entry.getFileName().toString().matches(".*\\.(json|yaml|yml)")) {
                read(entry, documents);
            }
        }
    }

    private static void read(Path file, List<Document> documents) {
        try (YAMLParser parser = new YAMLFactory().createParser(file.toFile())) {
            RepositoryFiles.YAML.readValues(parser, JsonNode.class).forEachRemaining(node -> {
                if (node != null && !node.isNull() && !node.isMissingNode()) {
                    documents.add(new Document(RepositoryFiles.root().relativize(file).toString(), node));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
