package io.nubicustos.operator.config;

import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;
import sun.misc.Signal;

/**
 * SIGTERM is how Kubernetes asks a pod to stop (rollouts, drains, evictions): an orderly stop
 * that ends with status 0, as the kubelet expects of a clean shutdown, instead of the JVM's
 * 143. The stop itself is Quarkus' own, started off the signal thread.
 */
public class TerminationSignal {

    void onStart(@Observes StartupEvent event) {
        Signal.handle(new Signal("TERM"), signal -> Quarkus.asyncExit(0));
    }
}
