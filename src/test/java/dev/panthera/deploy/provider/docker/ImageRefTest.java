package dev.panthera.deploy.provider.docker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ImageRefTest {

    @Test
    void splitsTagsDigestsAndRegistryPorts() {
        assertThat(ImageRef.parse("agent")).isEqualTo(new ImageRef("agent", "latest"));
        assertThat(ImageRef.parse("ghcr.io/panthera/agent:1.2"))
                .isEqualTo(new ImageRef("ghcr.io/panthera/agent", "1.2"));
        assertThat(ImageRef.parse("registry:5000/team/agent"))
                .isEqualTo(new ImageRef("registry:5000/team/agent", "latest"));
        assertThat(ImageRef.parse("registry:5000/team/agent:v3"))
                .isEqualTo(new ImageRef("registry:5000/team/agent", "v3"));
        assertThat(ImageRef.parse("agent@sha256:abcd")).isEqualTo(new ImageRef("agent", "sha256:abcd"));
    }
}
