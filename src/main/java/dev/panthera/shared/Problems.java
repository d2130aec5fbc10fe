package dev.panthera.shared;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * RFC 9457 problem details with Panthera's stable {@code code}. Controllers return
 * {@link #of(PantheraException)}; servlet filters, which run before Spring MVC, use {@link #write}.
 */
public final class Problems {

    public static final String MEDIA_TYPE = "application/problem+json";

    private Problems() {}

    public static ProblemDetail of(PantheraException e) {
        return of(e.code(), e.getMessage());
    }

    public static ProblemDetail of(ProblemCode code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(code.status()), detail);
        problem.setTitle(HttpStatus.valueOf(code.status()).getReasonPhrase());
        problem.setProperty("code", code.name());
        return problem;
    }

    /** Writes the problem as the whole response, with the exception's extra headers. */
    public static void write(HttpServletResponse response, PantheraException e) throws IOException {
        response.setStatus(e.code().status());
        for (Map.Entry<String, String> header : e.headers().entrySet()) {
            response.setHeader(header.getKey(), header.getValue());
        }
        response.setContentType(MEDIA_TYPE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        HttpStatus status = HttpStatus.valueOf(e.code().status());
        response.getWriter()
                .write("{\"type\":\"about:blank\",\"title\":" + quote(status.getReasonPhrase()) + ",\"status\":"
                        + status.value() + ",\"detail\":" + quote(e.getMessage()) + ",\"code\":"
                        + quote(e.code().name()) + "}");
    }

    private static String quote(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
