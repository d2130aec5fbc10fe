package dev.panthera;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The Panthera server: one Spring Boot application, one module per capability (see DESIGN.md §1). */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class PantheraApplication {

    public static void main(String[] args) {
        SpringApplication.run(PantheraApplication.class, args);
    }
}
