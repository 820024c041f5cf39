package io.nubicustos.findings.export;

import java.io.IOException;

import io.nubicustos.findings.finding.FindingView;

/** Writes findings one at a time to a stream in one export format; holds nothing but the current row. */
interface FindingWriter {

    void begin() throws IOException;

    void write(FindingView finding) throws IOException;

    void end() throws IOException;
}
