package dev.panthera.platform.web;

import org.apache.catalina.connector.Connector;
import org.apache.coyote.UpgradeProtocol;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.apache.coyote.http2.Http2Protocol;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Configuration;

/**
 * Tomcat sized for many long-lived chat streams (BENCHMARKS.md, "Chat gateway"): every open stream
 * keeps its connection's buffers for minutes, so their defaults — sized for throughput — are what
 * limits how many streams a node holds in its heap. Smaller socket buffers cost a few more read and
 * write calls on large bodies; request headers keep Tomcat's 8 KB ({@code
 * server.max-http-request-header-size}). With {@code server.http2.enabled} (h2c, as behind an HTTP/2
 * load balancer) one connection carries many streams, and each stream's receive window is also the
 * size of the two buffers Tomcat keeps for its request body, so the window is small; and Tomcat's
 * pool of finished streams' request objects is off, or a burst of streams would stay in the heap.
 */
@Configuration(proxyBeanMethods = false)
class TomcatStreamsConfig implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    /** Socket read and write buffers per connection (Tomcat: 8 KB each). */
    static final int SOCKET_BUFFER = 2048;

    /** Response headers per response (Tomcat: 8 KB); Panthera's are well under 2 KB. */
    static final int MAX_RESPONSE_HEADER = 4096;

    /** HTTP/2 streams one connection may carry at once (Tomcat: 100), and run at once (Tomcat: 20). */
    static final int H2_STREAMS_PER_CONNECTION = 1000;

    /**
     * HTTP/2 receive window per stream (Tomcat: 64 KB); Tomcat allocates two buffers of this size for
     * each stream with a body and keeps them while the stream is open. A chat request (≤ 4,000
     * characters) takes a few window updates; a body is read once, at the start of a stream.
     */
    static final int H2_STREAM_WINDOW = 2048;

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addConnectorCustomizers(TomcatStreamsConfig::customize);
    }

    static void customize(Connector connector) {
        connector.setProperty("socket.appReadBufSize", Integer.toString(SOCKET_BUFFER));
        connector.setProperty("socket.appWriteBufSize", Integer.toString(SOCKET_BUFFER));
        if (connector.getProtocolHandler() instanceof AbstractHttp11Protocol<?> http) {
            http.setMaxHttpResponseHeaderSize(MAX_RESPONSE_HEADER);
        }
        for (UpgradeProtocol upgrade : connector.findUpgradeProtocols()) {
            if (upgrade instanceof Http2Protocol h2) {
                h2.setMaxConcurrentStreams(H2_STREAMS_PER_CONNECTION);
                // a stream holds its thread only until its first event (servlet async after that)
                h2.setMaxConcurrentStreamExecution(H2_STREAMS_PER_CONNECTION);
                h2.setInitialWindowSize(H2_STREAM_WINDOW);
                // Tomcat pools a finished stream's request and response (≈ 50 KB with their buffers)
                // for the next stream, up to max-connections (20,000) of them, and never shrinks the
                // pool: after 10,000 streams ended the idle node kept 543 MB of them. A new stream
                // allocating its own costs far less than a request's upstream call.
                h2.setDiscardRequestsAndResponses(true);
            }
        }
    }
}
