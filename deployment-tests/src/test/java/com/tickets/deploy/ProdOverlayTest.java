package com.tickets.deploy;

/** Every check of {@link KubernetesManifestsTest} on k8s/overlays/prod, as kubectl apply -k would send it. */
class ProdOverlayTest extends KubernetesManifestsTest {

    ProdOverlayTest() {
        super("prod");
    }
}
