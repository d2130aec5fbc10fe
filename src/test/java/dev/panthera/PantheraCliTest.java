package dev.panthera;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class PantheraCliTest {

    @Test
    void noCommandOrSpringOptionsMeanServe() {
        assertThat(PantheraCli.startsServer(new String[0])).isTrue();
        assertThat(PantheraCli.startsServer(new String[] {"--server.port=9090"}))
                .isTrue();
        assertThat(PantheraCli.startsServer(new String[] {"wallet", "new"})).isFalse();
        assertThat(PantheraCli.startsServer(new String[] {"--help"})).isFalse();
        assertThat(PantheraCli.startsServer(new String[] {"--version"})).isFalse();
    }

    @Test
    void helpListsServeAndWallet() {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new PantheraCli());
        cli.setOut(new PrintWriter(out, true));
        assertThat(cli.execute("--help")).isZero();
        assertThat(out.toString()).contains("serve").contains("wallet");
    }
}
