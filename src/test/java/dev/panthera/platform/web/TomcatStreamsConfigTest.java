package dev.panthera.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.catalina.connector.Connector;
import org.apache.coyote.http11.Http11NioProtocol;
import org.apache.coyote.http2.Http2Protocol;
import org.junit.jupiter.api.Test;

class TomcatStreamsConfigTest {

    @Test
    void anHttp1ConnectorGetsSmallBuffersAndResponseHeaders() {
        Connector connector = new Connector(Http11NioProtocol.class.getName());

        TomcatStreamsConfig.customize(connector);

        Http11NioProtocol http = (Http11NioProtocol) connector.getProtocolHandler();
        assertThat(String.valueOf(connector.getProperty("socket.appReadBufSize")))
                .isEqualTo(Integer.toString(TomcatStreamsConfig.SOCKET_BUFFER));
        assertThat(String.valueOf(connector.getProperty("socket.appWriteBufSize")))
                .isEqualTo(Integer.toString(TomcatStreamsConfig.SOCKET_BUFFER));
        assertThat(http.getMaxHttpResponseHeaderSize()).isEqualTo(TomcatStreamsConfig.MAX_RESPONSE_HEADER);
        assertThat(connector.findUpgradeProtocols()).isEmpty();
    }

    @Test
    void h2cCarriesManySmallStreamsAndPoolsNoFinishedRequests() {
        Connector connector = new Connector(Http11NioProtocol.class.getName());
        Http2Protocol h2 = new Http2Protocol();
        connector.addUpgradeProtocol(h2);
        assertThat(h2.getDiscardRequestsAndResponses()).isFalse(); // Tomcat's default: pool them

        TomcatStreamsConfig.customize(connector);

        assertThat(h2.getMaxConcurrentStreams()).isEqualTo(TomcatStreamsConfig.H2_STREAMS_PER_CONNECTION);
        assertThat(h2.getMaxConcurrentStreamExecution()).isEqualTo(TomcatStreamsConfig.H2_STREAMS_PER_CONNECTION);
        assertThat(h2.getInitialWindowSize()).isEqualTo(TomcatStreamsConfig.H2_STREAM_WINDOW);
        assertThat(h2.getDiscardRequestsAndResponses()).isTrue();
    }
}
