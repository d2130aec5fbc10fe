package dev.panthera.deploy.provider.kubernetes;

import dev.panthera.deploy.spi.ProviderDeployment;
import dev.panthera.deploy.spi.ProviderException;

/** The namespace and name of an agent's objects, from what {@code deploy} returned. */
record Target(String namespace, String name) {

    static Target of(ProviderDeployment deployment, String defaultNamespace) {
        String name = deployment.details().get("name");
        String namespace = deployment.details().get("namespace");
        String id = deployment.providerId();
        if (name == null && id != null) {
            int slash = id.indexOf('/');
            name = slash < 0 ? id : id.substring(slash + 1);
            namespace = slash < 0 ? null : id.substring(0, slash);
        }
        if (name == null || name.isBlank()) {
            throw new ProviderException("kubernetes: deployment " + id + " names no workload", false);
        }
        return new Target(namespace == null || namespace.isBlank() ? defaultNamespace : namespace, name);
    }

    @Override
    public String toString() {
        return namespace + "/" + name;
    }
}
