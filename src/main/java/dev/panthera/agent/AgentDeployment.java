package dev.panthera.agent;

import java.math.BigDecimal;

/**
 * Where and with what an agent runs (seed 000 EncryptedMetadata {@code deployment}). Resources are
 * kept in canonical Kubernetes-style strings within seed 000's limits: cpu in cores ("0.5" to "4"),
 * memory and disk in GiB ("1Gi" to "8Gi", "1Gi" to "10Gi"), gpu 0 or 1 units. A null image means
 * the deployment provider's default agent image.
 */
public record AgentDeployment(String image, Resources resources) {

    public record Resources(String cpu, String memory, int gpu, String disk) {

        public BigDecimal cpuCores() {
            return new BigDecimal(cpu);
        }

        public BigDecimal memoryGib() {
            return gib(memory);
        }

        public BigDecimal diskGib() {
            return gib(disk);
        }

        private static BigDecimal gib(String quantity) {
            return new BigDecimal(quantity.substring(0, quantity.length() - 2));
        }
    }
}
