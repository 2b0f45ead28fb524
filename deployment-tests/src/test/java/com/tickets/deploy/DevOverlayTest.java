package com.tickets.deploy;

/** Every check of {@link KubernetesManifestsTest} on k8s/overlays/dev, as kubectl apply -k would send it. */
class DevOverlayTest extends KubernetesManifestsTest {

    DevOverlayTest() {
        super("dev");
    }
}
