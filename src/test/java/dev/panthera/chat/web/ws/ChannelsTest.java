package dev.panthera.chat.web.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.panthera.chat.ChannelKind;
import dev.panthera.identity.AuthLevel;
import dev.panthera.identity.ChainFamily;
import dev.panthera.identity.WalletPrincipal;
import dev.panthera.shared.MessageBus;
import dev.panthera.shared.PantheraException;
import dev.panthera.shared.ProblemCode;
import dev.panthera.support.FakeMessageBus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class ChannelsTest {

    static final WalletPrincipal ALICE =
            new WalletPrincipal("0xA11ce", ChainFamily.EVM, UUID.randomUUID(), null, null, AuthLevel.USER, Instant.MAX);

    /** A kind another module might add: rooms open to ids starting "open", spelled in lowercase. */
    static final ChannelKind ROOMS = new ChannelKind() {
        @Override
        public String name() {
            return "room";
        }

        @Override
        public String authorize(WalletPrincipal caller, String id) {
            if (!canonical(id).startsWith("open")) {
                throw PantheraException.notFound("No room " + id);
            }
            return canonical(id);
        }

        @Override
        public String canonical(String id) {
            return id.toLowerCase(Locale.ROOT);
        }
    };

    final FakeMessageBus network = new FakeMessageBus();
    final FakeMessageBus.Node bus = network.node();
    final Channels channels = new Channels(List.of(ROOMS), bus);

    /** A class, not a record: subscribers are told apart by identity, like connections. */
    static final class Inbox implements Channels.Subscriber {
        private final List<String> frames = new ArrayList<>();

        List<String> frames() {
            return frames;
        }

        @Override
        public void deliver(String frame) {
            frames.add(frame);
        }
    }

    @Test
    void aFrameGoesToEverySubscriberButItsSender() {
        Inbox sender = new Inbox();
        Inbox other = new Inbox();
        Inbox elsewhere = new Inbox();
        assertThat(channels.subscribe(ALICE, "room:OPEN-1", sender)).isEqualTo("room:open-1");
        channels.subscribe(ALICE, "room:open-1", other);
        channels.subscribe(ALICE, "room:open-2", elsewhere);

        channels.publish("room:open-1", "hello", sender);

        assertThat(other.frames()).containsExactly("hello");
        assertThat(sender.frames()).isEmpty();
        assertThat(elsewhere.frames()).isEmpty();
    }

    @Test
    void theKindDecidesWhoMaySubscribe() {
        Inbox inbox = new Inbox();
        assertThatThrownBy(() -> channels.subscribe(ALICE, "room:closed", inbox))
                .isInstanceOfSatisfying(
                        PantheraException.class, e -> assertThat(e.code()).isEqualTo(ProblemCode.NOT_FOUND));
        channels.publish("room:closed", "secret", null);
        assertThat(inbox.frames()).isEmpty();
    }

    @Test
    void unknownKindsAndMalformedNamesAreValidationErrors() {
        Inbox inbox = new Inbox();
        for (String bad : List.of("deployment:1", "room", "room:", ":x")) {
            assertThatThrownBy(() -> channels.subscribe(ALICE, bad, inbox))
                    .as(bad)
                    .isInstanceOfSatisfying(
                            PantheraException.class,
                            e -> assertThat(e.code()).isEqualTo(ProblemCode.VALIDATION_FAILED));
        }
        assertThatThrownBy(() -> channels.subscribe(ALICE, "deployment:1", inbox))
                .hasMessageContaining("[room]");
    }

    @Test
    void unsubscribingStopsDelivery() {
        Inbox inbox = new Inbox();
        channels.subscribe(ALICE, "room:open", inbox);
        assertThat(channels.unsubscribe("room:OPEN", inbox)).isEqualTo("room:open");
        channels.publish("room:open", "after", null);
        assertThat(inbox.frames()).isEmpty();
    }

    @Test
    void aUrlNamesAChannelByItsKindsPlural() {
        assertThat(channels.ofPath("rooms/OPEN-1")).isEqualTo("room:OPEN-1");
        for (String bad : List.of("rooms", "rooms/", "room/1", "planets/1", "rooms/1/2")) {
            assertThatThrownBy(() -> channels.ofPath(bad))
                    .as(bad)
                    .isInstanceOfSatisfying(
                            PantheraException.class, e -> assertThat(e.code()).isEqualTo(ProblemCode.NOT_FOUND));
        }
    }

    @Test
    void publishingForAnotherModuleReachesEverySubscriber() {
        Inbox inbox = new Inbox();
        channels.subscribe(ALICE, "room:open", inbox);
        channels.publish("room:open", "news");
        assertThat(inbox.frames()).containsExactly("news");
        assertThat(channels.current(ALICE, "room:open"))
                .as("a kind without state sends none")
                .isEmpty();
    }

    @Test
    void aFrameReachesTheChannelsSubscribersOnOtherNodesToo() {
        FakeMessageBus.Node otherBus = network.node();
        Channels otherNode = new Channels(List.of(ROOMS), otherBus);
        Inbox sender = new Inbox();
        Inbox here = new Inbox();
        Inbox there = new Inbox();
        Inbox thereElsewhere = new Inbox();
        channels.subscribe(ALICE, "room:open-1", sender);
        channels.subscribe(ALICE, "room:open-1", here);
        otherNode.subscribe(ALICE, "room:OPEN-1", there);
        otherNode.subscribe(ALICE, "room:open-2", thereElsewhere);

        channels.publish("room:open-1", "hello", sender);
        channels.publish("room:open-1", "again");

        assertThat(here.frames()).containsExactly("hello", "again");
        assertThat(there.frames())
                .as("once each, though node 2 has no sender to skip")
                .containsExactly("hello", "again");
        assertThat(sender.frames()).containsExactly("again");
        assertThat(thereElsewhere.frames()).isEmpty();
        assertThat(otherBus.published()).isEmpty();
    }

    @Test
    void aNodeFollowsAChannelsTopicOnlyWhileItHasSubscribers() {
        Inbox first = new Inbox();
        Inbox second = new Inbox();
        channels.subscribe(ALICE, "room:open-1", first);
        channels.subscribe(ALICE, "room:open-1", second);
        assertThat(bus.topics()).containsExactly(Channels.TOPIC_PREFIX + "room:open-1");

        channels.unsubscribe("room:open-1", first);
        assertThat(bus.topics()).as("one subscriber left").hasSize(1);
        channels.unsubscribe("room:open-1", second);
        assertThat(bus.topics()).isEmpty();

        FakeMessageBus.Node otherBus = network.node();
        otherBus.publish(Channels.TOPIC_PREFIX + "room:open-1", "late");
        assertThat(first.frames()).isEmpty();
        assertThat(second.frames()).isEmpty();
    }

    @Test
    void aBusThatCannotFollowTheChannelLeavesThisNodesSubscribersServed() {
        MessageBus failing = new MessageBus() {
            @Override
            public void publish(String topic, String message) {}

            @Override
            public Subscription subscribe(String topic, Consumer<String> listener) {
                return new Subscription() {
                    @Override
                    public CompletionStage<Void> ready() {
                        return CompletableFuture.failedFuture(new IllegalStateException("Redis is gone"));
                    }

                    @Override
                    public void close() {}
                };
            }
        };
        Channels alone = new Channels(List.of(ROOMS), failing);
        Inbox inbox = new Inbox();

        assertThat(alone.subscribe(ALICE, "room:open-1", inbox)).isEqualTo("room:open-1");
        alone.publish("room:open-1", "still here");

        assertThat(inbox.frames()).containsExactly("still here");
    }
}
