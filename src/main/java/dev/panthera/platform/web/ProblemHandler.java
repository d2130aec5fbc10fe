package dev.panthera.platform.web;

import dev.panthera.shared.PantheraException;
import dev.panthera.shared.ProblemCode;
import dev.panthera.shared.Problems;
import jakarta.validation.ConstraintViolationException;
import java.time.Duration;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every error leaves as RFC 9457 problem+json with a stable {@code code}. Bad input is a 4xx that
 * says what is wrong; anything unexpected is a 500 {@code INTERNAL} that reveals nothing.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);
    private final UnexpectedErrorLog unexpected = new UnexpectedErrorLog(log, Duration.ofSeconds(10));

    @ExceptionHandler(PantheraException.class)
    ResponseEntity<ProblemDetail> panthera(PantheraException e) {
        HttpHeaders headers = new HttpHeaders();
        e.headers().forEach(headers::set);
        return problem(Problems.of(e), headers);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ProblemDetail> constraint(ConstraintViolationException e) {
        String detail = e.getConstraintViolations().stream()
                .map(v -> field(v.getPropertyPath().toString()) + " " + v.getMessage())
                .sorted()
                .collect(Collectors.joining("; "));
        return problem(Problems.of(ProblemCode.VALIDATION_FAILED, detail), new HttpHeaders());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        this.unexpected.log(e);
        return problem(Problems.of(ProblemCode.INTERNAL, "Internal error"), new HttpHeaders());
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String detail = e.getBindingResult().getFieldErrors().stream()
                .map(f -> snake(f.getField()) + " " + f.getDefaultMessage())
                .sorted()
                .collect(Collectors.joining("; "));
        return cast(problem(Problems.of(ProblemCode.VALIDATION_FAILED, detail), new HttpHeaders()));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return cast(problem(
                Problems.of(
                        ProblemCode.VALIDATION_FAILED,
                        "Request body is missing or is not valid JSON of the expected shape"),
                new HttpHeaders()));
    }

    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(
            NoResourceFoundException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return cast(problem(Problems.of(ProblemCode.NOT_FOUND, "No such route"), new HttpHeaders()));
    }

    /** Spring's own 4xx (405, 415, …) keep their status but gain a code. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception e, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(e, body, headers, status, request);
        if (response != null && response.getBody() instanceof ProblemDetail problem) {
            problem.setProperty(
                    "code",
                    status.is4xxClientError() ? ProblemCode.VALIDATION_FAILED.name() : ProblemCode.INTERNAL.name());
        }
        return response;
    }

    private static ResponseEntity<ProblemDetail> problem(ProblemDetail problem, HttpHeaders headers) {
        return ResponseEntity.status(problem.getStatus())
                .headers(headers)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static ResponseEntity<Object> cast(ResponseEntity<ProblemDetail> response) {
        return (ResponseEntity) response;
    }

    private static String field(String path) {
        int dot = path.lastIndexOf('.');
        return snake(dot < 0 ? path : path.substring(dot + 1));
    }

    private static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }
}
