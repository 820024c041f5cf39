package io.nubicustos.scanner.parse;

import java.util.List;
import java.util.Optional;

/** The parsers the scanner has, by format. */
public final class ReportParsers {

    private static final List<ReportParser> ALL = List.of(new ProwlerOcsfParser(), new TrivyParser(), new KubeBenchParser(),
            new CheckovParser(), new KubescapeParser(), new ScoutSuiteParser(), new SarifParser(), new ProwlerJsonParser(),
            new AsffParser(), new ProwlerV2JsonParser(), new ProwlerCsvParser());

    private ReportParsers() {
    }

    public static Optional<ReportParser> forFormat(ReportFormat format) {
        return ALL.stream().filter(p -> p.format() == format).findFirst();
    }
}
