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

    /** What the JDK HTTP client reads into per connection; its default is 16 KB. */
    static final String HTTP_CLIENT_BUFSIZE = "2048";

    /**
     * Idle keep-alive connections one JDK HTTP client keeps; its default is unbounded. The client
     * reuses its oldest idle connection and finds it by walking a linked list of all idle ones, so
     * after a burst (or 10,000 released streams) every request paid a scan of thousands of entries:
     * 12 % of a completion's CPU at 150 requests/s. Beyond this many, a returned connection closes.
     */
    static final String HTTP_CLIENT_POOL_SIZE = "64";

    public static void main(String[] args) {
        run(args);
    }

    /** Starts the server, after the JVM-wide settings that must precede any class reading them. */
    public static void run(String[] args) {
        httpClientDefaults();
        SpringApplication.run(PantheraApplication.class, args);
    }

    /**
     * Each open model stream holds one upstream connection and the JDK client keeps its read buffer
     * for the connection's life; SSE chunks are a few hundred bytes, so 2 KB reads cost nothing but
     * save 14 KB a stream. The client reads these once, when its classes load: set before anything
     * builds a client; a value given on the command line ({@code -Djdk.httpclient...}) wins.
     */
    static void httpClientDefaults() {
        setUnlessGiven("jdk.httpclient.bufsize", HTTP_CLIENT_BUFSIZE);
        setUnlessGiven("jdk.httpclient.connectionPoolSize", HTTP_CLIENT_POOL_SIZE);
    }

    private static void setUnlessGiven(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }
}
