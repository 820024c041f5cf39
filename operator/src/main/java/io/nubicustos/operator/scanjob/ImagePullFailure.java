package io.nubicustos.operator.scanjob;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;

/**
 * A scan pod whose image cannot be pulled waits, without end, until the run's deadline. The
 * kubelet says so in the container's waiting reason; only reasons it reaches after retrying, or
 * that no retry can mend, count (ErrImagePull alone may be a passing registry error).
 */
final class ImagePullFailure {

    static final Set<String> TERMINAL = Set.of("ImagePullBackOff", "InvalidImageName", "ErrImageNeverPull");

    private ImagePullFailure() {
    }

    /** The first container of these pods that cannot start for its image, as the run's end. */
    static Optional<RunEnding> of(List<Pod> pods) {
        return pods.stream()
                .filter(p -> p.getStatus() != null)
                .flatMap(p -> Stream.concat(p.getStatus().getInitContainerStatuses().stream(), p.getStatus().getContainerStatuses().stream()))
                .filter(ImagePullFailure::cannotPull)
                .findFirst()
                .map(c -> RunEnding.imagePullFailed(c.getName(), c.getImage(), c.getState().getWaiting().getReason()));
    }

    private static boolean cannotPull(ContainerStatus status) {
        return status.getState() != null && status.getState().getWaiting() != null
                && TERMINAL.contains(status.getState().getWaiting().getReason());
    }
}
