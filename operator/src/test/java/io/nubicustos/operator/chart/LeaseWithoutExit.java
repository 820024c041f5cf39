package io.nubicustos.operator.chart;

import java.lang.reflect.Method;

import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.nubicustos.operator.config.OperatorBeans;
import io.nubicustos.operator.config.ScanSettings;

/**
 * The operator's own leader election (its Lease name, namespace and timings, taken from
 * {@link OperatorBeans}), except that losing the Lease when the test application stops does not
 * end the test JVM with System.exit. Selected only by {@link OperatorRbacIT}'s profile.
 */
@Alternative
public class LeaseWithoutExit {

    @Produces
    @Singleton
    LeaderElectionConfiguration leaderElection(ScanSettings settings) {
        LeaderElectionConfiguration deployed = deployed(settings);
        return new LeaderElectionConfiguration(deployed.getLeaseName(), deployed.getLeaseNamespace().orElseThrow(),
                deployed.getLeaseDuration(), deployed.getRenewDeadline(), deployed.getRetryPeriod(), null, null, false);
    }

    /** What the operator produces in production (a package-private producer method). */
    static LeaderElectionConfiguration deployed(ScanSettings settings) {
        try {
            Method producer = OperatorBeans.class.getDeclaredMethod("leaderElection", ScanSettings.class);
            producer.setAccessible(true);
            return (LeaderElectionConfiguration) producer.invoke(new OperatorBeans(), settings);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("OperatorBeans.leaderElection(ScanSettings) changed", e);
        }
    }
}
