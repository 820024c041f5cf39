package io.nubicustos.operator.config;

import java.util.function.IntConsumer;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.ShutdownEvent;

/**
 * What ending leadership means. Lost while running (the Lease was taken over, renewals failed):
 * exit, so that the pod restarts and stands for election again instead of idling as a follower
 * that never reconciles. Released because the application is stopping (SIGTERM, a rollout, a
 * drain): nothing, since JOSDK's own exit would call System.exit inside Quarkus' shutdown hook,
 * which never returns and holds every termination until SIGKILL.
 */
@Singleton
public class LeadershipLoss {

    static final int EXIT_CODE = 1;
    private static final Logger LOG = Logger.getLogger(LeadershipLoss.class);

    private final IntConsumer exit;
    private volatile boolean stopping;

    public LeadershipLoss() {
        // Asynchronous: the orderly Quarkus shutdown runs on its own thread, never on the elector's.
        this(Quarkus::asyncExit);
    }

    LeadershipLoss(IntConsumer exit) {
        this.exit = exit;
    }

    /** Before the operator extension stops the operator (and with it the leader elector). */
    void onShutdown(@Observes @Priority(1) ShutdownEvent event) {
        stopping = true;
    }

    /** Called by the leader elector whenever this replica stops leading. */
    public void stoppedLeading() {
        if (stopping) {
            LOG.info("Leadership released: the operator is stopping");
            return;
        }
        LOG.error("Leadership lost while running: exiting so that this replica restarts and stands for election again");
        exit.accept(EXIT_CODE);
    }
}
