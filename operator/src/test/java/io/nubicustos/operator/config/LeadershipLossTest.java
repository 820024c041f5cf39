package io.nubicustos.operator.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.ShutdownEvent;

class LeadershipLossTest {

    private final List<Integer> exits = new ArrayList<>();
    private final LeadershipLoss loss = new LeadershipLoss(exits::add);

    @Test
    void aLeaseLostWhileRunningEndsTheProcessWithAFailureSoThePodRestarts() {
        loss.stoppedLeading();

        assertThat(exits).containsExactly(LeadershipLoss.EXIT_CODE);
        assertThat(LeadershipLoss.EXIT_CODE).isNotZero();
    }

    @Test
    void aLeaseReleasedBecauseTheOperatorStopsLeavesTheShutdownToQuarkus() {
        loss.onShutdown(new ShutdownEvent());
        loss.stoppedLeading();

        assertThat(exits).isEmpty();
    }

    @Test
    void theDeployedLeaderElectionNeverCallsSystemExitItself() {
        var config = OperatorBeans.leaderElection("nubicustos-system", loss);

        assertThat(config.isExitOnStopLeading()).as("JOSDK's System.exit inside a shutdown hook never returns").isFalse();
        assertThat(config.getLeaseName()).isEqualTo(OperatorBeans.LEASE_NAME);
        assertThat(config.getLeaseNamespace()).contains("nubicustos-system");
        config.getLeaderCallbacks().orElseThrow().onStopLeading();
        assertThat(exits).as("the callbacks JOSDK calls reach LeadershipLoss").containsExactly(LeadershipLoss.EXIT_CODE);
    }
}
