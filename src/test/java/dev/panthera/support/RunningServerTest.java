package dev.panthera.support;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What a {@code @SpringBootTest(webEnvironment = RANDOM_PORT)} test of the running server starts
 * from: its port, an {@link ApiClient} on it (new for each test), the database and the context.
 * The subclass keeps its own annotations and properties, so its cached context stays its own.
 */
public abstract class RunningServerTest {

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    protected ApplicationContext context;

    protected ApiClient api;

    /** A fresh client on the server's port, before the subclass's own {@code @BeforeEach}. */
    @BeforeEach
    protected final void openApiClient() {
        api = new ApiClient(port);
    }
}
