package dev.panthera.chat.web.ws;

import dev.panthera.chat.ChatService.ChatListener;
import dev.panthera.chat.ChatService.ChatReply;
import dev.panthera.chat.ChatService.ChatStream;
import dev.panthera.shared.PantheraException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Relays one streamed reply to the connection that asked and to the other connections subscribed
 * to its conversation: typing on, deltas, typing off, then the whole reply or an error. The model
 * may call back before {@link #started} knows the conversation (a new one gets its id only when
 * the stream is accepted), so early events wait in order and are replayed then. The lock keeps
 * the frames of one reply in order; it is never held while the model is cancelled.
 */
final class ReplyRelay implements ChatListener {

    private final Connection connection;
    private final Channels channels;
    private final ServerFrames frames;
    private final String requestId;
    private final String content;
    private final List<Runnable> early = new ArrayList<>();
    private UUID conversationId;
    private String channel;
    private ChatStream stream;
    private boolean ended;

    ReplyRelay(Connection connection, Channels channels, ServerFrames frames, String requestId, String content) {
        this.connection = connection;
        this.channels = channels;
        this.frames = frames;
        this.requestId = requestId;
        this.content = content;
    }

    /** The chat service accepted the message: the reply runs in this conversation. */
    void started(ChatStream accepted, boolean subscribe) {
        synchronized (this) {
            stream = accepted;
            conversationId = accepted.conversationId();
            channel = Channels.conversation(conversationId);
            if (connection.register(conversationId, this)) {
                if (subscribe) {
                    // the sender follows the conversation it writes to, e.g. one it just started
                    channels.subscribe(channel, connection);
                    connection.subscribed(channel);
                }
                channels.publish(channel, frames.userMessage(conversationId, requestId, content), connection);
                emit(frames.typing(conversationId, requestId, true));
                List<Runnable> replay = List.copyOf(early);
                early.clear();
                replay.forEach(Runnable::run);
                return;
            }
            ended = true; // the connection closed while the message was being accepted
        }
        accepted.cancel();
    }

    @Override
    public synchronized void onToken(String token) {
        if (ended) {
            return;
        }
        if (conversationId == null) {
            early.add(() -> onToken(token));
            return;
        }
        emit(frames.delta(conversationId, requestId, token));
    }

    @Override
    public synchronized void onComplete(ChatReply reply) {
        if (ended) {
            return;
        }
        if (conversationId == null) {
            early.add(() -> onComplete(reply));
            return;
        }
        ended = true;
        connection.ended(conversationId, this);
        emit(frames.typing(conversationId, requestId, false));
        emit(frames.reply(requestId, reply));
    }

    @Override
    public synchronized void onError(PantheraException error) {
        if (ended) {
            return;
        }
        if (conversationId == null) {
            early.add(() -> onError(error));
            return;
        }
        ended = true;
        connection.ended(conversationId, this);
        String typingOff = frames.typing(conversationId, requestId, false);
        emit(typingOff);
        connection.send(frames.error(error, conversationId, requestId));
    }

    /** The client's cancel: the model stops, nothing is stored, and typing goes off everywhere. */
    void cancel() {
        if (!end()) {
            return;
        }
        stream.cancel();
        synchronized (this) {
            emit(frames.typing(conversationId, requestId, false));
        }
    }

    /** The connection closed: the model stops and nothing is stored. */
    void abort() {
        if (end()) {
            stream.cancel();
        }
    }

    private synchronized boolean end() {
        if (ended || stream == null) {
            return false;
        }
        ended = true;
        connection.ended(conversationId, this);
        return true;
    }

    private void emit(String frame) {
        connection.send(frame);
        channels.publish(channel, frame, connection);
    }
}
