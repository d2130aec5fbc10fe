package dev.panthera.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A light HTTP/1.1 client for {@link ChatLoad}: one selector thread, per target a pool of keep-alive
 * connections (one request in flight on each, no pipelining), a fixed prebuilt request. The
 * generator thread {@link #submit}s each request when it is due; the selector thread sends it on an
 * idle connection, else on a new one (up to {@link #MAX_CONNECTIONS} a target), else queues it. A
 * request's latency runs from its due time whatever happens after, and it fails after
 * {@link #TIMEOUT}. Costs a few tens of microseconds of CPU a request, where the JDK client takes
 * over a millisecond.
 */
final class NioLoad implements AutoCloseable {

    static final int MAX_CONNECTIONS = 4000;
    static final long TIMEOUT = TimeUnit.SECONDS.toNanos(30);
    private static final int BUFFER = 16 * 1024;
    private static final long TICK = TimeUnit.MILLISECONDS.toNanos(100);

    /** One request: when it was due and where it is recorded (null during the warm-up). */
    static final class Request {
        final Pool pool;
        final long due;
        final ChatLoad.Samples samples;
        boolean retried;

        Request(Pool pool, long due, ChatLoad.Samples samples) {
            this.pool = pool;
            this.due = due;
            this.samples = samples;
        }
    }

    /** One target's connections and the requests waiting for one. */
    static final class Pool {
        final InetSocketAddress address;
        final ByteBuffer request;
        final ArrayDeque<NioConnection> idle = new ArrayDeque<>();
        final ArrayDeque<Request> waiting = new ArrayDeque<>();
        final List<NioConnection> open = new ArrayList<>();
        /** Connections opened so far (read by tests after the run). */
        volatile int opened;

        Pool(ChatLoad.Target target) {
            address = new InetSocketAddress(target.host(), target.port());
            ByteBuffer direct = ByteBuffer.allocateDirect(target.request().length);
            direct.put(target.request()).flip();
            request = direct.asReadOnlyBuffer();
        }
    }

    private final List<Pool> pools = new ArrayList<>();
    private final boolean stream;
    private final Selector selector;
    private final Thread thread;
    private final ConcurrentLinkedQueue<Request> submitted = new ConcurrentLinkedQueue<>();
    private final AtomicInteger outstanding = new AtomicInteger();
    private final ArrayDeque<ByteBuffer> buffers = new ArrayDeque<>();
    private final ByteBuffer scratch = ByteBuffer.allocate(512);
    private volatile boolean running = true;

    NioLoad(List<ChatLoad.Target> targets, boolean stream) throws IOException {
        targets.forEach(t -> pools.add(new Pool(t)));
        this.stream = stream;
        selector = Selector.open();
        thread = new Thread(this::loop, "nio-load");
        thread.setDaemon(true);
        thread.start();
    }

    /** Hands a due request for target {@code k} to the selector thread. */
    void submit(int k, long due, ChatLoad.Samples samples) {
        outstanding.incrementAndGet();
        submitted.add(new Request(pools.get(k), due, samples));
        selector.wakeup();
    }

    /** Waits until every submitted request is answered or failed; false if some still run at the deadline. */
    boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (outstanding.get() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    /** Connections opened to target {@code k} so far. */
    int opened(int k) {
        return pools.get(k).opened;
    }

    /** CPU time the selector thread has used so far (ns). */
    long cpuNanos() {
        return ManagementFactory.getThreadMXBean().getThreadCpuTime(thread.threadId());
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        selector.wakeup();
        thread.join(TimeUnit.SECONDS.toMillis(10));
        for (Pool pool : pools) {
            for (NioConnection c : pool.open) {
                quietly(c.channel);
            }
        }
        try {
            selector.close();
        } catch (IOException e) {
            // nothing left to do with it
        }
    }

    private void loop() {
        long nextTick = System.nanoTime() + TICK;
        while (running) {
            try {
                for (Request r; (r = submitted.poll()) != null; ) {
                    r.pool.waiting.add(r);
                    dispatch(r.pool);
                }
                selector.select(this::ready, TimeUnit.NANOSECONDS.toMillis(TICK));
                long now = System.nanoTime();
                if (now - nextTick >= 0) {
                    timeouts(now);
                    nextTick = now + TICK;
                }
            } catch (IOException | RuntimeException e) {
                System.err.println("   nio-load: " + e);
            }
        }
    }

    /** Sends waiting requests on idle connections, then on new ones while under the cap. */
    private void dispatch(Pool pool) {
        while (!pool.waiting.isEmpty()) {
            NioConnection c = pool.idle.pollLast(); // the most recently used: the least likely closed by the server
            if (c != null) {
                c.start(pool.waiting.poll(), buffer());
                send(c);
            } else if (pool.open.size() < MAX_CONNECTIONS) {
                connect(pool, pool.waiting.poll());
            } else {
                return;
            }
        }
    }

    private void connect(Pool pool, Request request) {
        SocketChannel channel = null;
        try {
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            boolean connected = channel.connect(pool.address);
            SelectionKey key = channel.register(selector, connected ? 0 : SelectionKey.OP_CONNECT);
            NioConnection c = new NioConnection(pool, channel, key, stream);
            key.attach(c);
            pool.open.add(c);
            pool.opened++;
            c.start(request, buffer());
            if (connected) {
                send(c);
            }
        } catch (IOException e) {
            quietly(channel);
            finish(request, "connect: " + e, 0);
        }
    }

    private void send(NioConnection c) {
        try {
            c.channel.write(c.out);
            c.key.interestOps(c.out.hasRemaining() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
        } catch (IOException e) {
            fail(c, "write: " + e, true);
        }
    }

    private void ready(SelectionKey key) {
        NioConnection c = (NioConnection) key.attachment();
        try {
            if (key.isConnectable()) {
                c.channel.finishConnect();
                send(c);
            } else if (key.isWritable()) {
                send(c);
            } else if (key.isReadable()) {
                read(c);
            }
        } catch (IOException e) {
            fail(c, (c.served == 0 && c.request != null && !c.gotBytes ? "connect/read: " : "read: ") + e, true);
        }
    }

    private void read(NioConnection c) throws IOException {
        if (c.request == null) { // idle: the server closed it (or sent something unasked)
            scratch.clear();
            if (c.channel.read(scratch) != 0) {
                close(c);
            }
            return;
        }
        int n = c.channel.read(c.in);
        if (n == 0) {
            return;
        }
        long now = System.nanoTime();
        if (n < 0) {
            if (c.endOfStream()) {
                complete(c, now, true);
            } else {
                fail(c, "EOF mid-response", true);
            }
            return;
        }
        c.in.flip();
        if (c.parse(now)) {
            complete(c, now, c.in.hasRemaining());
        } else {
            c.in.compact();
        }
    }

    private void complete(NioConnection c, long now, boolean mustClose) {
        Request r = c.request;
        String error = c.verdict();
        finish(r, error, (stream ? c.firstAt : now) - r.due);
        if (error != null || c.close || mustClose) {
            close(c);
        } else {
            c.request = null;
            c.served++;
            release(c);
            c.pool.idle.add(c);
        }
        dispatch(c.pool);
    }

    /**
     * Closes a connection that failed and fails its request, but sends it once more if it went out
     * on a reused connection and got nothing back: the server closed the idle connection as it
     * was taken (the latency still runs from the due time).
     */
    private void fail(NioConnection c, String why, boolean retry) {
        Request r = c.request;
        boolean again = retry && r != null && !r.retried && c.served > 0 && !c.gotBytes;
        close(c);
        if (r != null) {
            if (again) {
                r.retried = true;
                c.pool.waiting.addFirst(r);
            } else {
                finish(r, why, 0);
            }
        }
        dispatch(c.pool);
    }

    private void close(NioConnection c) {
        c.key.cancel();
        quietly(c.channel);
        c.pool.open.remove(c);
        if (c.request == null) {
            c.pool.idle.remove(c);
        }
        c.request = null;
        release(c);
    }

    private void timeouts(long now) {
        for (Pool pool : pools) {
            for (int i = pool.open.size() - 1; i >= 0; i--) {
                NioConnection c = pool.open.get(i);
                if (c.request != null && now - c.request.due > TIMEOUT) {
                    fail(c, "timeout: no complete answer 30 s after it was due", false);
                }
            }
            while (!pool.waiting.isEmpty() && now - pool.waiting.peek().due > TIMEOUT) {
                finish(pool.waiting.poll(), "timeout: waited 30 s for a connection", 0);
            }
        }
    }

    private void finish(Request r, String error, long latency) {
        ChatLoad.Samples s = r.samples;
        if (s != null) {
            if (error != null) {
                s.error(error);
            } else {
                s.add(r.due, latency);
            }
        }
        outstanding.decrementAndGet(); // after recording, so that a waiter sees the sample
    }

    private ByteBuffer buffer() {
        ByteBuffer b = buffers.poll();
        return b != null ? b : ByteBuffer.allocate(BUFFER);
    }

    private void release(NioConnection c) {
        if (c.in != null) {
            c.in.clear();
            buffers.push(c.in);
            c.in = null;
        }
    }

    private static void quietly(SocketChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}
