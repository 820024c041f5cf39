package io.nubicustos.scanner.parse;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The text the parsers' code itself holds (the string constants of the parse package's classes):
 * a refusal that repeats it repeats its own wording, not its input, even where a report's prose
 * says the same words ("expected a" is in many a check's description).
 */
final class Wording {

    /**
     * Those constants cut where a concatenation inserts a value (Java's concatenation recipes mark
     * it \u0001); shorter pieces than this would cover letters of any text.
     */
    private static final List<String> PIECES = pieces(load(), 4);

    private Wording() {
    }

    /** The stretches of {@code message} that none of the parsers' own words covers: what a value put there. */
    static List<String> uncovered(String message) {
        boolean[] covered = new boolean[message.length()];
        for (String piece : PIECES) {
            for (int at = message.indexOf(piece); at >= 0; at = message.indexOf(piece, at + 1)) {
                java.util.Arrays.fill(covered, at, at + piece.length(), true);
            }
        }
        List<String> stretches = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= message.length(); i++) {
            boolean free = i < message.length() && !covered[i];
            if (free && start < 0) {
                start = i;
            } else if (!free && start >= 0) {
                stretches.add(message.substring(start, i));
                start = -1;
            }
        }
        return stretches;
    }

    private static List<String> pieces(List<String> constants, int shortest) {
        Set<String> pieces = new HashSet<>();
        for (String constant : constants) {
            for (String piece : constant.split("[\u0001\u0002]")) {
                if (piece.length() >= shortest) {
                    pieces.add(piece);
                }
            }
        }
        return List.copyOf(pieces);
    }

    private static List<String> load() {
        try {
            Path dir = Path.of(ReportParser.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .resolve(ReportParser.class.getPackageName().replace('.', '/'));
            List<String> constants = new ArrayList<>();
            try (Stream<Path> classes = Files.list(dir)) {
                for (Path c : classes.filter(f -> f.toString().endsWith(".class")).toList()) {
                    try (InputStream in = Files.newInputStream(c)) {
                        constants.addAll(utf8Constants(new DataInputStream(in)));
                    }
                }
            }
            return constants;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The Utf8 entries of a class file's constant pool (JVMS 4.4), where string literals and concatenation recipes are. */
    private static List<String> utf8Constants(DataInputStream in) throws IOException {
        in.skipBytes(8); // magic, minor and major version
        int count = in.readUnsignedShort();
        List<String> strings = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> strings.add(in.readUTF());
                case 7, 8, 16, 19, 20 -> in.skipBytes(2);
                case 15 -> in.skipBytes(3);
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipBytes(4);
                case 5, 6 -> {
                    in.skipBytes(8);
                    i++; // a long or double takes two entries
                }
                default -> throw new IOException("constant pool tag " + tag);
            }
        }
        return strings;
    }
}
