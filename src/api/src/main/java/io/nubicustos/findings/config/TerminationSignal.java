package io.nubicustos.findings.config;

import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;
import sun.misc.Signal;

/**
 * SIGTERM is how Kubernetes asks a pod to stop: Quarkus' orderly stop (in-flight requests
 * finish, then the pools close), ending with status 0 as a clean shutdown should, not 143.
 */
public class TerminationSignal {

    void onStart(@Observes StartupEvent event) {
        Signal.handle(new Signal("TERM"), signal -> Quarkus.asyncExit(0));
    }
}
