package io.nubicustos.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Writes the volumes a container mounts into its pod's private directory, as the kubelet would
 * mount them: Secret and projected Secret volumes as files, emptyDir volumes as empty directories.
 * Other volume types, or a Secret that is missing and not optional, fail the pod.
 */
final class VolumeMaterializer {

    /** Volume names are DNS labels; anything else gets a neutral directory name. */
    private static final String DNS_LABEL = "[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?";

    private final KubernetesClient client;

    VolumeMaterializer(KubernetesClient client) {
        this.client = client;
    }

    /** Writes the container's volumes under {@code dir}, their values into {@code secrets}; returns the {@link ContainerPaths} mounts. */
    Map<String, Path> materialize(Pod pod, Container container, PrivateDirectory dir, SecretValues secrets) throws IOException {
        Map<String, Path> mounts = ContainerPaths.mounts();
        Map<String, Path> written = new HashMap<>();
        Path volumes = dir.createDirectory(dir.path().resolve("volumes"));
        String namespace = pod.getMetadata().getNamespace();
        for (VolumeMount mount : container.getVolumeMounts() == null ? List.<VolumeMount>of() : container.getVolumeMounts()) {
            Volume volume = pod.getSpec().getVolumes().stream().filter(v -> v.getName().equals(mount.getName())).findFirst()
                    .orElseThrow(() -> new MountException(LocalPodRunner.CANNOT_RUN, "volume " + mount.getName() + " is mounted but not defined"));
            Path target = written.get(volume.getName());
            if (target == null) {
                String local = volume.getName().matches(DNS_LABEL) ? volume.getName() : "_volume-" + written.size();
                target = dir.createDirectory(volumes.resolve(local));
                written.put(volume.getName(), target);
                writeVolume(namespace, volume, target, dir, secrets);
            }
            Path local = mount.getSubPath() == null || mount.getSubPath().isEmpty() ? target
                    : target.resolve(ContainerPaths.insideVolume(mount.getSubPath()));
            String path = mount.getMountPath().length() > 1 && mount.getMountPath().endsWith("/")
                    ? mount.getMountPath().substring(0, mount.getMountPath().length() - 1) : mount.getMountPath();
            mounts.put(path, local);
        }
        return mounts;
    }

    private void writeVolume(String namespace, Volume volume, Path target, PrivateDirectory dir, SecretValues secrets) throws IOException {
        if (volume.getEmptyDir() != null) {
            // nothing to write
        } else if (volume.getSecret() != null) {
            var s = volume.getSecret();
            writeSecret(namespace, s.getSecretName(), s.getItems(), Boolean.TRUE.equals(s.getOptional()), target, dir, secrets);
        } else if (volume.getProjected() != null) {
            for (VolumeProjection source : volume.getProjected().getSources()) {
                if (source.getSecret() == null) {
                    throw new MountException(LocalPodRunner.CANNOT_RUN, "volume " + volume.getName() + " projects something other than a Secret");
                }
                var s = source.getSecret();
                writeSecret(namespace, s.getName(), s.getItems(), Boolean.TRUE.equals(s.getOptional()), target, dir, secrets);
            }
        } else {
            throw new MountException(LocalPodRunner.CANNOT_RUN, "volume " + volume.getName() + " is of a type the local pod runner does not provide");
        }
    }

    private void writeSecret(String namespace, String name, List<KeyToPath> items, boolean optional, Path target, PrivateDirectory dir,
            SecretValues secrets) throws IOException {
        Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
        if (secret == null) {
            if (optional) {
                return;
            }
            throw new MountException(LocalPodRunner.FAILED_MOUNT, "secret " + namespace + "/" + name + " not found");
        }
        Map<String, byte[]> data = new LinkedHashMap<>();
        if (secret.getData() != null) {
            secret.getData().forEach((k, v) -> data.put(k, Base64.getDecoder().decode(v)));
        }
        if (secret.getStringData() != null) {
            // The mock API server keeps stringData as it was written; a real one merges it into data.
            secret.getStringData().forEach((k, v) -> data.put(k, v.getBytes(StandardCharsets.UTF_8)));
        }
        List<KeyToPath> wanted = items == null || items.isEmpty()
                ? data.keySet().stream().map(k -> new KeyToPath(k, null, k)).toList() : items;
        for (KeyToPath item : wanted) {
            byte[] value = data.get(item.getKey());
            if (value == null) {
                if (optional) {
                    continue;
                }
                throw new MountException(LocalPodRunner.FAILED_MOUNT, "secret " + namespace + "/" + name + " has no key " + item.getKey());
            }
            secrets.add(new String(value, StandardCharsets.UTF_8));
            dir.writeFile(target.resolve(ContainerPaths.insideVolume(item.getPath())), value);
        }
    }
}
