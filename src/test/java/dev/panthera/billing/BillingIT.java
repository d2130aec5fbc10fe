package dev.panthera.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.panthera.billing.BillingService.ModelCall;
import dev.panthera.billing.BillingService.UsageReport;
import dev.panthera.identity.ApiKeyGrant;
import dev.panthera.identity.AuthLevel;
import dev.panthera.identity.ChainFamily;
import dev.panthera.identity.DevWallet;
import dev.panthera.identity.WalletPrincipal;
import dev.panthera.shared.PantheraException;
import dev.panthera.shared.ProblemCode;
import dev.panthera.support.ApiClient.Response;
import dev.panthera.support.RunningServerTest;
import dev.panthera.support.TestEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.util.ReflectionTestUtils;
import tools.jackson.databind.JsonNode;

/**
 * Metering through the {@link BillingService} bean with small wallet limits (5 requests and 1000
 * tokens a minute, 3000 tokens a day) and keys with lower ones of their own; the ledger rows; usage
 * over HTTP; retention. Every test uses wallets and keys of its own (the database outlives runs).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BillingIT extends RunningServerTest {

    static final String RUN = Long.toString(System.nanoTime() % 1_000_000_000L, 36);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestEnvironment.register(registry);
        // after register, which sets billing limits high for other tests' traffic
        registry.add("panthera.billing.requests-per-minute", () -> 5);
        registry.add("panthera.billing.tokens-per-minute", () -> 1000);
        registry.add("panthera.billing.token-budget", () -> 3000);
        registry.add("panthera.billing.budget-period", () -> "day");
    }

    @Autowired
    BillingService billing;

    static String newWallet(String name) {
        return "0x" + name + "-" + RUN + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static WalletPrincipal session(String wallet) {
        return new WalletPrincipal(
                wallet,
                ChainFamily.EVM,
                UUID.randomUUID(),
                null,
                null,
                AuthLevel.USER,
                Instant.now().plusSeconds(3600));
    }

    static WalletPrincipal withKey(String wallet, ApiKeyGrant grant) {
        return new WalletPrincipal(
                wallet,
                ChainFamily.EVM,
                null,
                null,
                null,
                AuthLevel.USER,
                Instant.now().plusSeconds(3600),
                grant);
    }

    static ApiKeyGrant grant(Integer rpm, Long tpm, Long budget, String period) {
        return new ApiKeyGrant(
                UUID.randomUUID(),
                "ci-" + RUN,
                Set.of("c/1"),
                rpm,
                tpm,
                budget,
                period,
                Instant.now().plusSeconds(3600));
    }

    static ModelCall call(String wallet, UUID key, String agent, String model, int in, int out, Instant at) {
        return new ModelCall(wallet, key, agent, null, model, "chat", in, out, Duration.ofMillis(120), true, null, at);
    }

    static PantheraException refused(Runnable admit) {
        try {
            admit.run();
        } catch (PantheraException e) {
            return e;
        }
        throw new AssertionError("expected the call to be refused");
    }

    @Test
    void theSixthRequestInAMinuteIsRateLimited() {
        String wallet = newWallet("rpm");
        for (int i = 1; i <= 5; i++) {
            var admission = billing.admit(session(wallet));
            assertThat(admission.headers())
                    .containsEntry("X-RateLimit-Limit-Requests", "5")
                    .containsEntry("X-RateLimit-Remaining-Requests", Integer.toString(5 - i))
                    .containsEntry("X-RateLimit-Limit-Tokens", "1000")
                    .containsEntry("X-RateLimit-Remaining-Tokens", "1000")
                    .containsEntry("X-Budget-Limit", "3000")
                    .containsEntry("X-Budget-Remaining", "3000");
            assertThat(Long.parseLong(admission.headers().get("X-RateLimit-Reset-Requests")))
                    .isBetween(1L, 60L);
        }

        PantheraException e = refused(() -> billing.admit(session(wallet)));

        assertThat(e.code()).isEqualTo(ProblemCode.RATE_LIMITED);
        assertThat(e.getMessage())
                .contains("wallet " + wallet)
                .contains("5 per minute")
                .contains("retry in");
        assertThat(Long.parseLong(e.headers().get("Retry-After"))).isBetween(1L, 60L);
        assertThat(e.headers())
                .containsEntry("X-RateLimit-Remaining-Requests", "0")
                .containsKey("X-Budget-Reset");
    }

    @Test
    void aBigCallUsesUpTheTokensOfTheMinute() {
        String wallet = newWallet("tpm");
        billing.admit(session(wallet));
        billing.record(call(wallet, null, "c/1", "offline", 200, 1000, Instant.now()));

        PantheraException e = refused(() -> billing.admit(session(wallet)));

        assertThat(e.code()).isEqualTo(ProblemCode.RATE_LIMITED);
        assertThat(e.getMessage()).contains("1200 of 1000 tokens per minute");
        assertThat(e.headers())
                .containsEntry("X-RateLimit-Remaining-Tokens", "0")
                // the day's budget still has room
                .containsEntry("X-Budget-Remaining", "1800");
        assertThat(Long.parseLong(e.headers().get("Retry-After"))).isBetween(1L, 60L);
    }

    @Test
    void callsRecordedLaterCountAtOnceAndAllReachTheLedger() throws Exception {
        String wallet = newWallet("later");
        // 300 calls of 10 tokens from 6 threads: the day's budget (3000) is spent the moment they are queued
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(6)) {
            for (int i = 0; i < 300; i++) {
                pool.submit(() -> billing.recordLater(call(wallet, null, "c/1", "offline", 4, 6, Instant.now())));
            }
        }
        PantheraException e = refused(() -> billing.admit(session(wallet)));
        assertThat(e.code()).isEqualTo(ProblemCode.QUOTA_EXCEEDED);
        assertThat(e.getMessage()).contains("3000 of 3000 tokens per day");

        // and every call lands in the ledger, in far fewer transactions than calls
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        long rows;
        do {
            Thread.sleep(20);
            rows = jdbc.sql("select count(*) from agent_operations where wallet_address = ?")
                    .param(wallet)
                    .query(Long.class)
                    .single();
        } while (rows < 300 && System.nanoTime() < deadline);
        assertThat(rows).isEqualTo(300);
        assertThat(jdbc.sql("select count(*), sum(token_amount) from token_transactions where wallet_address = ?")
                        .param(wallet)
                        .query((rs, n) -> rs.getLong(1) + "/" + rs.getLong(2))
                        .single())
                .isEqualTo("300/3000");
        assertThat(jdbc.sql("select tokens from billing_budgets where subject = ? and period_start = ?")
                        .params("wallet:" + wallet, LocalDate.now(ZoneOffset.UTC))
                        .query(Long.class)
                        .single())
                .isEqualTo(3000);
        assertThat(refused(() -> billing.admit(session(wallet))).code()).isEqualTo(ProblemCode.QUOTA_EXCEEDED);
    }

    @Test
    void aSpentBudgetIsAQuotaThatLastsUntilTheDayEnds() {
        String wallet = newWallet("budget");
        billing.record(call(wallet, null, "c/1", "offline", 1000, 2000, Instant.now()));

        PantheraException e = refused(() -> billing.admit(session(wallet)));

        assertThat(e.code()).isEqualTo(ProblemCode.QUOTA_EXCEEDED);
        assertThat(e.getMessage()).contains("3000 of 3000 tokens per day").contains("resets in");
        long toMidnight = Duration.between(
                        Instant.now(),
                        LocalDate.now(ZoneOffset.UTC)
                                .plusDays(1)
                                .atStartOfDay(ZoneOffset.UTC)
                                .toInstant())
                .toSeconds();
        assertThat(Long.parseLong(e.headers().get("Retry-After"))).isBetween(toMidnight - 5, toMidnight + 5);
        assertThat(e.headers()).containsEntry("X-Budget-Remaining", "0");
        assertThat(e.headers().get("X-Budget-Reset")).isEqualTo(e.headers().get("Retry-After"));
        // the authoritative counters: the day's row and the lifetime row
        assertThat(jdbc.sql("select period_start, tokens from billing_budgets where subject = ? order by period_start")
                        .param("wallet:" + wallet)
                        .query((rs, n) -> rs.getObject(1, LocalDate.class) + "=" + rs.getLong(2))
                        .list())
                .containsExactly("1970-01-01=3000", LocalDate.now(ZoneOffset.UTC) + "=3000");
    }

    @Test
    void aKeysOwnLowerLimitsApplyWhileTheWalletIsStillUnder() {
        String wallet = newWallet("key");
        ApiKeyGrant tight = grant(2, 500L, null, null);
        billing.admit(withKey(wallet, tight));
        var second = billing.admit(withKey(wallet, tight));
        // the key's 2 a minute is tighter than the wallet's 5, its 500 tokens than the wallet's 1000
        assertThat(second.headers())
                .containsEntry("X-RateLimit-Limit-Requests", "2")
                .containsEntry("X-RateLimit-Remaining-Requests", "0")
                .containsEntry("X-RateLimit-Limit-Tokens", "500");

        PantheraException e = refused(() -> billing.admit(withKey(wallet, tight)));
        assertThat(e.code()).isEqualTo(ProblemCode.RATE_LIMITED);
        assertThat(e.getMessage()).contains("API key 'ci-" + RUN + "'").contains("2 per minute");
        // the wallet itself (a session) has used 4 of its 5
        assertThat(billing.admit(session(wallet)).headers()).containsEntry("X-RateLimit-Remaining-Requests", "1");

        // tokens: 600 through a key of 500 a minute stop the key, not the wallet (600 of 1000)
        String other = newWallet("keytpm");
        ApiKeyGrant tokens = grant(null, 500L, null, null);
        billing.record(call(other, tokens.id(), "c/1", "offline", 100, 500, Instant.now()));
        PantheraException byTokens = refused(() -> billing.admit(withKey(other, tokens)));
        assertThat(byTokens.code()).isEqualTo(ProblemCode.RATE_LIMITED);
        assertThat(byTokens.getMessage()).contains("API key").contains("600 of 500 tokens per minute");
        assertThat(billing.admit(session(other)).headers()).containsEntry("X-RateLimit-Remaining-Tokens", "400");
    }

    @Test
    void aKeysLifetimeBudgetNeverResets() {
        String wallet = newWallet("keybudget");
        ApiKeyGrant capped = grant(null, null, 100L, "total");
        assertThat(billing.admit(withKey(wallet, capped)).headers())
                .containsEntry("X-Budget-Limit", "100")
                .containsEntry("X-Budget-Remaining", "100")
                .doesNotContainKey("X-Budget-Reset");
        billing.record(call(wallet, capped.id(), "c/1", "offline", 50, 100, Instant.now()));

        PantheraException e = refused(() -> billing.admit(withKey(wallet, capped)));

        assertThat(e.code()).isEqualTo(ProblemCode.QUOTA_EXCEEDED);
        assertThat(e.getMessage()).contains("150 of 100 tokens in total").contains("does not reset");
        assertThat(e.headers()).doesNotContainKey("Retry-After");
        // the wallet's own day budget (3000) still has room
        assertThat(billing.admit(session(wallet)).headers()).containsEntry("X-Budget-Remaining", "2850");
    }

    @Test
    void everyCallLeavesOneRowInEachLedgerTable() {
        String wallet = newWallet("ledger");
        UUID key = UUID.randomUUID();
        UUID conversation = UUID.randomUUID();
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        billing.record(new ModelCall(
                wallet,
                key,
                "c/7",
                conversation,
                "deepseek-chat",
                "chat_stream",
                30,
                70,
                Duration.ofMillis(850),
                true,
                null,
                at));
        billing.record(new ModelCall(
                wallet,
                null,
                "c/7",
                null,
                "deepseek-chat",
                "completion",
                12,
                0,
                Duration.ofMillis(40),
                false,
                "UPSTREAM_UNAVAILABLE",
                at));
        // an error that is not a code is never stored as given
        billing.record(new ModelCall(
                wallet, null, "c/7", null, null, "chat", 0, 0, Duration.ofMillis(1), false, "my password is x", at));

        var transactions = jdbc.sql("select transaction_type, token_amount, agent_id, transaction_hash, status,"
                        + " api_key_id, conversation_id, model, tokens_in, tokens_out, created_at"
                        + " from token_transactions where wallet_address = ? order by id")
                .param(wallet)
                .query((rs, n) -> Map.ofEntries(
                        Map.entry("type", rs.getString("transaction_type")),
                        Map.entry("amount", rs.getLong("token_amount")),
                        Map.entry("agent", rs.getString("agent_id")),
                        Map.entry("hash", String.valueOf(rs.getString("transaction_hash"))),
                        Map.entry("status", rs.getString("status")),
                        Map.entry("key", String.valueOf(rs.getObject("api_key_id"))),
                        Map.entry("conversation", String.valueOf(rs.getObject("conversation_id"))),
                        Map.entry("model", String.valueOf(rs.getString("model"))),
                        Map.entry("in", rs.getInt("tokens_in")),
                        Map.entry("out", rs.getInt("tokens_out")),
                        Map.entry("at", rs.getTimestamp("created_at").toInstant())))
                .list();
        assertThat(transactions).hasSize(3);
        assertThat(transactions.get(0))
                .containsEntry("type", "chat_stream")
                .containsEntry("amount", 100L)
                .containsEntry("agent", "c/7")
                .containsEntry("hash", "null")
                .containsEntry("status", "completed")
                .containsEntry("key", key.toString())
                .containsEntry("conversation", conversation.toString())
                .containsEntry("model", "deepseek-chat")
                .containsEntry("in", 30)
                .containsEntry("out", 70)
                .containsEntry("at", at);
        assertThat(transactions.get(1))
                .containsEntry("status", "failed")
                .containsEntry("amount", 12L)
                .containsEntry("key", "null");

        var operations = jdbc.sql("select agent_id, operation_type, cost_tokens, execution_time, success,"
                        + " error_message, model, conversation_id, api_key_id from agent_operations"
                        + " where wallet_address = ? order by id")
                .param(wallet)
                .query((rs, n) -> rs.getString("agent_id") + "|" + rs.getString("operation_type") + "|"
                        + rs.getLong("cost_tokens") + "|" + rs.getInt("execution_time") + "|"
                        + rs.getBoolean("success") + "|" + rs.getString("error_message") + "|" + rs.getString("model")
                        + "|" + rs.getObject("conversation_id") + "|" + rs.getObject("api_key_id"))
                .list();
        assertThat(operations)
                .containsExactly(
                        "c/7|chat_stream|100|850|true|null|deepseek-chat|" + conversation + "|" + key,
                        "c/7|completion|12|40|false|UPSTREAM_UNAVAILABLE|deepseek-chat|null|null",
                        "c/7|chat|0|1|false|INTERNAL|null|null|null");
        // the key's tokens count on the key and on its wallet
        assertThat(jdbc.sql("select tokens from billing_budgets where subject = ? and period_start = ?")
                        .params("key:" + key, LocalDate.EPOCH)
                        .query(Long.class)
                        .single())
                .isEqualTo(100L);
        assertThat(jdbc.sql("select tokens from billing_budgets where subject = ? and period_start = ?")
                        .params("wallet:" + wallet, LocalDate.EPOCH)
                        .query(Long.class)
                        .single())
                .isEqualTo(112L);
    }

    @Test
    void usageOverHttpByAgentModelAndDay() {
        DevWallet dev = DevWallet.generate(ChainFamily.EVM, null);
        Response verified = api.signIn(dev, null);
        assertThat(verified.status()).as(verified.raw().body()).isEqualTo(200);
        String bearer = verified.text("access_token");
        String wallet = api.get("/v1/auth/me", bearer).text("wallet_address");
        Instant now = Instant.now();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Instant yesterday = today.minusDays(1).atTime(12, 0).toInstant(ZoneOffset.UTC);
        UUID key = UUID.randomUUID();
        billing.record(call(wallet, null, "c/1", "m1", 100, 50, now));
        billing.record(new ModelCall(
                wallet, null, "c/1", null, "m2", "chat", 10, 5, Duration.ofMillis(9), false, "INTERNAL", yesterday));
        billing.record(call(wallet, null, "c/2", "m1", 300, 200, now));
        billing.record(call(wallet, key, "c/2", "m1", 1, 1, now));
        // outside the default 30 days
        billing.record(call(wallet, null, "c/3", "m3", 1000, 1000, now.minus(Duration.ofDays(40))));

        Response usage = api.get("/v1/usage", bearer);

        assertThat(usage.status()).as(usage.raw().body()).isEqualTo(200);
        JsonNode body = usage.body();
        assertThat(body.get("wallet_address").asString()).isEqualTo(wallet);
        assertThat(body.has("api_key_id")).isFalse();
        assertThat(body.get("from").asString()).isEqualTo(today.minusDays(29).toString());
        assertThat(body.get("to").asString()).isEqualTo(today.toString());
        assertThat(totals(body.get("total"))).isEqualTo("4/1/411/256/667");
        assertThat(rows(body.get("by_agent"), "agent_id")).containsExactly("c/2=2/0/301/201/502", "c/1=2/1/110/55/165");
        assertThat(rows(body.get("by_model"), "model")).containsExactly("m1=3/0/401/251/652", "m2=1/1/10/5/15");
        assertThat(rows(body.get("by_day"), "day"))
                .containsExactly(today + "=3/0/401/251/652", today.minusDays(1) + "=1/1/10/5/15");

        Response oneDay = api.get("/v1/usage?from=" + today.minusDays(1) + "&to=" + today.minusDays(1), bearer);
        assertThat(oneDay.status()).as(oneDay.raw().body()).isEqualTo(200);
        assertThat(totals(oneDay.body().get("total"))).isEqualTo("1/1/10/5/15");
        Response longAgo = api.get("/v1/usage?from=" + today.minusDays(365) + "&to=" + today, bearer);
        assertThat(totals(longAgo.body().get("total"))).isEqualTo("5/1/1411/1256/2667");

        // a caller using a key sees that key's calls only
        UsageReport viaKey = billing.usage(withKey(wallet, keyGrant(key)), today.minusDays(1), today);
        assertThat(viaKey.total()).isEqualTo(new BillingService.Totals(1, 0, 1, 1));
        assertThat(viaKey.byAgent()).extracting(BillingService.Row::key).containsExactly("c/2");

        Response backwards = api.get("/v1/usage?from=" + today + "&to=" + today.minusDays(1), bearer);
        assertThat(backwards.status()).isEqualTo(400);
        assertThat(backwards.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(backwards.text("detail")).contains("must not be after");
        Response tooLong = api.get("/v1/usage?from=" + today.minusDays(366) + "&to=" + today, bearer);
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.text("detail")).contains("at most 366 days");
        Response notADay = api.get("/v1/usage?from=last-week", bearer);
        assertThat(notADay.status()).isEqualTo(400);
        assertThat(notADay.text("detail")).contains("YYYY-MM-DD");
        assertThat(api.get("/v1/usage", null).status()).isEqualTo(401);
        JsonNode docs = api.get("/v3/api-docs", null).body();
        assertThat(docs.get("paths")
                        .get("/v1/usage")
                        .get("get")
                        .get("parameters")
                        .findValuesAsString("name"))
                .contains("from", "to");
    }

    static ApiKeyGrant keyGrant(UUID id) {
        return new ApiKeyGrant(id, "usage", Set.of("c/2"), null, null, null, null, null);
    }

    @Test
    void retentionPurgesOldLedgerRowsOnly() {
        String wallet = newWallet("retention");
        billing.record(call(wallet, null, "c/1", "m", 1, 1, Instant.now().minus(Duration.ofDays(401))));
        billing.record(call(wallet, null, "c/1", "m", 2, 2, Instant.now()));

        Integer purged = ReflectionTestUtils.invokeMethod(context.getBean("billingRetention"), "purge");

        assertThat(purged).isGreaterThanOrEqualTo(2);
        assertThat(jdbc.sql("select token_amount from token_transactions where wallet_address = ?")
                        .param(wallet)
                        .query(Long.class)
                        .list())
                .containsExactly(4L);
        assertThat(jdbc.sql("select cost_tokens from agent_operations where wallet_address = ?")
                        .param(wallet)
                        .query(Long.class)
                        .list())
                .containsExactly(4L);
        // the old day's budget row went; today's and the lifetime row stay
        assertThat(jdbc.sql("select period_start from billing_budgets where subject = ? order by period_start")
                        .param("wallet:" + wallet)
                        .query(LocalDate.class)
                        .list())
                .containsExactly(LocalDate.EPOCH, LocalDate.now(ZoneOffset.UTC));
    }

    @Test
    void recordRefusesNegativeTokens() {
        assertThatThrownBy(() -> billing.record(call(newWallet("neg"), null, "c/1", "m", -1, 0, Instant.now())))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static String totals(JsonNode t) {
        return t.get("requests").asLong() + "/" + t.get("failures").asLong() + "/"
                + t.get("tokens_in").asLong() + "/" + t.get("tokens_out").asLong() + "/"
                + t.get("total_tokens").asLong();
    }

    static List<String> rows(JsonNode array, String keyField) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(r -> out.add(r.get(keyField).asString() + "=" + totals(r)));
        return out;
    }
}
