package dev.panthera.deploy.spi;

/**
 * Resource allocation within the seed 000 limits: CPU 0.5-4 cores, memory 1-8 GB, GPU 0-1,
 * disk 1-10 GB. Requests are validated before they reach a provider.
 */
public record Resources(double cpu, double memoryGb, int gpu, double diskGb) {

    public static final Resources DEFAULT = new Resources(0.5, 1, 0, 1);

    /** Kubernetes quantity strings, e.g. {@code 500m}, {@code 1Gi}. */
    public String cpuQuantity() {
        return Math.round(cpu * 1000) + "m";
    }

    public String memoryQuantity() {
        return Math.round(memoryGb * 1024) + "Mi";
    }

    public String diskQuantity() {
        return Math.round(diskGb * 1024) + "Mi";
    }

    public long memoryBytes() {
        return Math.round(memoryGb * 1024 * 1024 * 1024);
    }
}
