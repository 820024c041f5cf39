package io.nubicustos.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

class LocalRunTest {

    @Test
    void theAdminKeyIsPrintedExactlyOnce() {
        StringWriter console = new StringWriter();
        String key = "nck_planted-admin-key-7Q2Z";
        LocalRun run = new LocalRun(new PrintWriter(console, true));
        new CommandLine(run).parseArgs();
        run.printWhere(new LocalRun.Endpoints("http://127.0.0.1:8080/api", key, Path.of("kubeconfig"), "http://127.0.0.1:6443"));

        String printed = console.toString();
        assertThat(printed.indexOf(key)).isNotNegative().isEqualTo(printed.lastIndexOf(key));
        assertThat(printed).contains("/findings/summary");
    }
}
