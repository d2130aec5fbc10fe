package dev.panthera.chat.web;

import dev.panthera.shared.PantheraException;
import dev.panthera.shared.ProblemCode;
import dev.panthera.shared.Problems;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Errors of the OpenAI-compatible routes: Panthera's problem+json (with its stable {@code code}),
 * plus an OpenAI-style {@code error} object ({@code message}, {@code type}, {@code code}) that
 * OpenAI clients read. Anything else falls through to the platform's handler.
 */
@RestControllerAdvice(assignableTypes = OpenAiController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class OpenAiErrors {

    @ExceptionHandler(PantheraException.class)
    ResponseEntity<ProblemDetail> panthera(PantheraException e) {
        HttpHeaders headers = new HttpHeaders();
        e.headers().forEach(headers::set);
        ProblemDetail problem = Problems.of(e);
        problem.setProperty("error", error(e));
        return ResponseEntity.status(problem.getStatus())
                .headers(headers)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
        return panthera(PantheraException.validation("Request body is missing or is not valid JSON"));
    }

    /** The OpenAI-style error object for this exception. */
    static Map<String, Object> error(PantheraException e) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", e.getMessage());
        error.put("type", type(e.code()));
        error.put("code", e.code().name());
        return error;
    }

    private static String type(ProblemCode code) {
        int status = code.status();
        if (status == 400) {
            return "invalid_request_error";
        }
        if (status == 401) {
            return "authentication_error";
        }
        if (status == 403) {
            return "permission_error";
        }
        if (status == 404) {
            return "not_found_error";
        }
        if (status == 429) {
            return "rate_limit_error";
        }
        return status >= 500 ? "api_error" : "invalid_request_error";
    }
}
