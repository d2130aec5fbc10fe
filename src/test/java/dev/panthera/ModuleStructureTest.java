package dev.panthera;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;

/** DESIGN.md §1: modules talk through each other's top-level package only, with no cycles. */
class ModuleStructureTest {

    /** Production code only: tests may wire fields and reach into internals. */
    private static final DescribedPredicate<JavaClass> TEST_CLASSES = DescribedPredicate.describe(
            "test classes",
            type -> type.getSource()
                    .map(source -> source.getUri().toString().contains("test-classes"))
                    .orElse(false));

    private final ApplicationModules modules = ApplicationModules.of(PantheraApplication.class, TEST_CLASSES);

    @Test
    void modulesRespectTheirBoundaries() {
        modules.verify();
    }

    @Test
    void sharedDependsOnNoOtherModule() {
        ApplicationModule shared = modules.getModuleByName("shared").orElseThrow();
        assertThat(shared.getDirectDependencies(modules).isEmpty())
                .as("shared must depend on no other module")
                .isTrue();
    }

    @Test
    void nothingDependsOnPlatformInternals() {
        ApplicationModule platform = modules.getModuleByName("platform").orElseThrow();
        modules.stream()
                .filter(m -> !m.equals(platform))
                .forEach(m -> assertThat(m.getDirectDependencies(modules).contains(platform))
                        .as("%s must reach the platform through shared interfaces", m.getDisplayName())
                        .isFalse());
    }
}
