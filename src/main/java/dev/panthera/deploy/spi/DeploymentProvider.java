package dev.panthera.deploy.spi;

/**
 * One place agents can run. Every call is idempotent and may be repeated after a crash: {@link
 * #deploy} with the same {@link DeploymentSpec#deploymentId()} re-applies rather than duplicates,
 * {@link #stop} of something already gone succeeds. Calls block for at most the provider's timeout
 * and throw {@link ProviderException} (retryable or not) on failure; they never log secrets.
 */
public interface DeploymentProvider {

    /** The provider's id in requests and the database: local | kubernetes | docker | akash | secret_vm. */
    String name();

    /** Creates (or re-applies) the agent's workload; returns at once with what the provider assigned. */
    ProviderDeployment deploy(DeploymentSpec spec);

    /** Where the workload is now: still starting, ready, failed, or gone. */
    ProviderStatus status(ProviderDeployment deployment);

    /** One health probe of a ready workload (seed 000 AgentHealth). */
    HealthReport health(ProviderDeployment deployment);

    /** Stops and removes the workload; succeeds when it is already gone. */
    void stop(ProviderDeployment deployment);
}
