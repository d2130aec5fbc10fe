package dev.panthera.platform.jobs;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A node that dies mid-job, for {@code JobClusterIT}: run in its own JVM, it enqueues one job of the
 * given kind, claims it under a short lease, prints {@code CLAIMED <id> <node>} and hangs until
 * killed. Arguments: jdbc url, kind, lease in milliseconds; password (if any) in
 * {@code HANGING_NODE_DB_PASSWORD}.
 */
final class HangingNode {

    private HangingNode() {}

    public static void main(String[] args) throws InterruptedException {
        var dataSource = new PGSimpleDataSource();
        dataSource.setUrl(args[0]);
        String password = System.getenv("HANGING_NODE_DB_PASSWORD");
        if (password != null && !password.isEmpty()) {
            dataSource.setPassword(password);
        }
        String user = System.getenv("HANGING_NODE_DB_USER");
        if (user != null && !user.isEmpty()) {
            dataSource.setUser(user);
        }
        var store = new JobStore(JdbcClient.create(dataSource));
        String kind = args[1];
        Duration lease = Duration.ofMillis(Long.parseLong(args[2]));
        store.insert(kind, "hang", null, null, 5).orElseThrow();
        String node = "hanging:" + ProcessHandle.current().pid();
        List<ClaimedJob> claimed = store.claim(node, lease, Set.of(kind), 1);
        if (claimed.size() != 1) {
            System.out.println("NOTHING");
            System.exit(2);
        }
        System.out.println("CLAIMED " + claimed.getFirst().id() + " " + node);
        System.out.flush();
        Thread.sleep(Duration.ofMinutes(10));
    }
}
