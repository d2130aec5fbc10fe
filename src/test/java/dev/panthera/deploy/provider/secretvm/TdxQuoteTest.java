package dev.panthera.deploy.provider.secretvm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.panthera.deploy.provider.replay.ReplayServer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class TdxQuoteTest {

    private final String fixture = ReplayServer.fixture("deploy/secretvm/cpu-quote.txt");

    @Test
    void readsTheMeasurementsAndReportDataOfAHexTdxV4Quote() {
        TdxQuote quote = TdxQuote.parse(fixture).orElseThrow();

        assertThat(TdxQuote.hex(quote.mrTd())).isEqualTo("11".repeat(48));
        assertThat(TdxQuote.hex(quote.rtmr()[0])).isEqualTo("20".repeat(48));
        assertThat(TdxQuote.hex(quote.rtmr()[3])).isEqualTo("23".repeat(48));
        assertThat(TdxQuote.hex(quote.reportData())).isEqualTo("ab".repeat(32) + "cd".repeat(32));
    }

    @Test
    void theTlsBindingMatchesOnlyTheCertificateWhoseHashIsInReportData() throws Exception {
        byte[] cert = "a DER certificate".getBytes(StandardCharsets.UTF_8);
        byte[] q = HexFormat.of().parseHex(fixture.strip());
        System.arraycopy(MessageDigest.getInstance("SHA-256").digest(cert), 0, q, 48 + 520, 32);
        TdxQuote quote = TdxQuote.parse(HexFormat.of().formatHex(q)).orElseThrow();

        assertThat(quote.boundTo(cert)).isTrue();
        assertThat(quote.boundTo("another certificate".getBytes(StandardCharsets.UTF_8)))
                .isFalse();
    }

    @Test
    void anythingElseIsNotATdxQuote() {
        assertThat(TdxQuote.parse("<html><body>quote</body></html>")).isEmpty();
        assertThat(TdxQuote.parse("AgAAAAIAAAAfAAMAAAAAAAEAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="))
                .isEmpty();
        String sgx = "0300" + fixture.strip().substring(4);
        assertThat(TdxQuote.parse(sgx)).isEmpty();
        assertThat(TdxQuote.parse(fixture.strip().substring(0, 600))).isEmpty();
    }
}
