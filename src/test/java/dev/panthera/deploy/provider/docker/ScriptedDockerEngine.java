package dev.panthera.deploy.provider.docker;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A scripted Docker Engine API on 127.0.0.1: the documented paths (with or without a /v1.NN
 * prefix) and JSON shapes for ping, version, image inspect/pull, container create, start, inspect,
 * stats, stop and delete, over an in-memory container map so a flow is stateful. Every request is
 * recorded; {@link #failNext} scripts one error answer.
 */
final class ScriptedDockerEngine implements AutoCloseable {

    /** One request: {@code path} without the version prefix, {@code rawPath} as sent. */
    record Request(String method, String path, Map<String, String> query, String body, String rawPath) {}

    /** A container's engine-side state; tests change it to play what a real engine would do. */
    static final class Container {
        final String id;
        final String name;
        final String image;
        final JsonNode createBody;
        volatile String status = "created";
        volatile boolean oomKilled;
        volatile long exitCode;
        volatile String health;
        volatile int failingStreak;
        volatile Integer hostPort;

        Container(String id, String name, String image, JsonNode createBody) {
            this.id = id;
            this.name = name;
            this.image = image;
            this.createBody = createBody;
        }
    }

    private record Failure(String method, String pathPrefix, int status, String message) {}

    private static final Pattern VERSION_PREFIX = Pattern.compile("^/v1\\.\\d+(/.*)$");
    private static final Pattern CONTAINER_PATH = Pattern.compile("^/containers/([^/]+)(/[a-z]+)?$");
    private static final Pattern IMAGE_JSON = Pattern.compile("^/images/(.+)/json$");

    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<Failure> failures = new CopyOnWriteArrayList<>();
    private final Map<String, Container> containers = new ConcurrentHashMap<>();
    private final Set<String> localImages = ConcurrentHashMap.newKeySet();
    private final Set<String> registryImages = ConcurrentHashMap.newKeySet();
    private final AtomicInteger nextHostPort = new AtomicInteger(32768);
    private volatile String stats = "{}";

    private ScriptedDockerEngine() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    static ScriptedDockerEngine start() throws IOException {
        return new ScriptedDockerEngine();
    }

    /** {@code tcp://127.0.0.1:<port>}, what {@code panthera.deploy.docker.host} is set to. */
    String host() {
        return "tcp://127.0.0.1:" + server.getAddress().getPort();
    }

    /** An image the registry has, so a pull of it succeeds (as {@code name:tag}). */
    void inRegistry(String image) {
        registryImages.add(image);
    }

    /** An image already present on the engine. */
    void local(String image) {
        localImages.add(image);
    }

    boolean hasLocal(String image) {
        return localImages.contains(image);
    }

    /** The JSON the next {@code stats?stream=false} returns. */
    void stats(String payload) {
        this.stats = payload;
    }

    /** The next request whose method matches and whose path starts with {@code pathPrefix} fails. */
    void failNext(String method, String pathPrefix, int status, String message) {
        failures.add(new Failure(method, pathPrefix, status, message));
    }

    List<Request> requests(String method, String pathPrefix) {
        return requests.stream()
                .filter(r -> r.method().equals(method) && r.path().startsWith(pathPrefix))
                .toList();
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    Container container(String idOrName) {
        Container byId = containers.get(idOrName);
        if (byId != null) {
            return byId;
        }
        String name = idOrName.startsWith("/") ? idOrName.substring(1) : idOrName;
        return containers.values().stream()
                .filter(c -> c.name.equals(name))
                .findFirst()
                .orElse(null);
    }

    int containerCount() {
        return containers.size();
    }

    /** Removes a container behind Panthera's back, as {@code docker rm -f} would. */
    void removeExternally(String id) {
        containers.remove(id);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String rawPath = exchange.getRequestURI().getRawPath();
            String path = rawPath;
            Matcher versioned = VERSION_PREFIX.matcher(path);
            if (versioned.matches()) {
                path = versioned.group(1);
            }
            path = URLDecoder.decode(path, StandardCharsets.UTF_8);
            String method = exchange.getRequestMethod();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            requests.add(new Request(method, path, query, body, rawPath));
            for (Failure f : failures) {
                if (f.method().equals(method) && path.startsWith(f.pathPrefix()) && failures.remove(f)) {
                    error(exchange, f.status(), f.message());
                    return;
                }
            }
            route(exchange, method, path, query, body);
        }
    }

    private void route(HttpExchange exchange, String method, String path, Map<String, String> query, String body)
            throws IOException {
        if (path.equals("/_ping")) {
            send(exchange, 200, "text/plain", "OK");
            return;
        }
        if (path.equals("/version")) {
            sendJson(exchange, 200, Map.of("Version", "27.3.1", "ApiVersion", "1.47", "MinAPIVersion", "1.24"));
            return;
        }
        if (method.equals("POST") && path.equals("/images/create")) {
            pull(exchange, query.get("fromImage") + ":" + query.getOrDefault("tag", "latest"));
            return;
        }
        Matcher image = IMAGE_JSON.matcher(path);
        if (method.equals("GET") && image.matches()) {
            String name = image.group(1);
            if (localImages.contains(name)) {
                sendJson(exchange, 200, Map.of("Id", "sha256:" + hex(32), "RepoTags", List.of(name)));
            } else {
                error(exchange, 404, "No such image: " + name);
            }
            return;
        }
        if (method.equals("POST") && path.equals("/containers/create")) {
            create(exchange, query.get("name"), body);
            return;
        }
        Matcher c = CONTAINER_PATH.matcher(path);
        if (!c.matches()) {
            error(exchange, 404, "page not found");
            return;
        }
        Container container = container(c.group(1));
        if (container == null) {
            error(exchange, 404, "No such container: " + c.group(1));
            return;
        }
        String action = c.group(2) == null ? "" : c.group(2);
        switch (method + " " + action) {
            case "GET /json" -> sendJson(exchange, 200, inspect(container));
            case "POST /start" -> start(exchange, container);
            case "POST /stop" -> stop(exchange, container);
            case "GET /stats" -> send(exchange, 200, "application/json", stats);
            case "DELETE " -> delete(exchange, container, query);
            default -> error(exchange, 404, "page not found");
        }
    }

    private void pull(HttpExchange exchange, String image) throws IOException {
        if (!registryImages.contains(image)) {
            String repo = image.substring(0, image.lastIndexOf(':'));
            error(
                    exchange,
                    404,
                    "pull access denied for " + repo
                            + ", repository does not exist or may require 'docker login': denied: requested access to the resource is denied");
            return;
        }
        localImages.add(image);
        String tag = image.substring(image.lastIndexOf(':') + 1);
        String stream = "{\"status\":\"Pulling from " + image + "\",\"id\":\"" + tag + "\"}\r\n"
                + "{\"status\":\"Digest: sha256:" + hex(32) + "\"}\r\n"
                + "{\"status\":\"Status: Downloaded newer image for " + image + "\"}\r\n";
        send(exchange, 200, "application/json", stream);
    }

    private void create(HttpExchange exchange, String name, String body) throws IOException {
        JsonNode request = json.readTree(body);
        String image = request.path("Image").asString();
        Container existing = name == null ? null : container(name);
        if (existing != null) {
            error(
                    exchange,
                    409,
                    "Conflict. The container name \"/" + name + "\" is already in use by container \"" + existing.id
                            + "\". You have to remove (or rename) that container to be able to reuse that name.");
            return;
        }
        if (!localImages.contains(image)) {
            error(exchange, 404, "No such image: " + image);
            return;
        }
        String id = hex(32);
        containers.put(id, new Container(id, name == null ? id.substring(0, 12) : name, image, request));
        sendJson(exchange, 201, Map.of("Id", id, "Warnings", List.of()));
    }

    private void start(HttpExchange exchange, Container container) throws IOException {
        if (container.status.equals("running")) {
            send(exchange, 304, null, null);
            return;
        }
        container.status = "running";
        container.exitCode = 0;
        container.oomKilled = false;
        if (container.hostPort == null) {
            container.hostPort = nextHostPort.getAndIncrement();
        }
        send(exchange, 204, null, null);
    }

    private void stop(HttpExchange exchange, Container container) throws IOException {
        if (!container.status.equals("running")) {
            send(exchange, 304, null, null);
            return;
        }
        container.status = "exited";
        container.exitCode = 143;
        send(exchange, 204, null, null);
    }

    private void delete(HttpExchange exchange, Container container, Map<String, String> query) throws IOException {
        if (container.status.equals("running")
                && !"true".equals(query.get("force"))
                && !"1".equals(query.get("force"))) {
            error(
                    exchange,
                    409,
                    "You cannot remove a running container " + container.id
                            + ". Stop the container before attempting removal or force remove");
            return;
        }
        containers.remove(container.id);
        send(exchange, 204, null, null);
    }

    private Map<String, Object> inspect(Container c) {
        boolean running = c.status.equals("running");
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("Status", c.status);
        state.put("Running", running);
        state.put("Paused", c.status.equals("paused"));
        state.put("Restarting", c.status.equals("restarting"));
        state.put("OOMKilled", c.oomKilled);
        state.put("Dead", c.status.equals("dead"));
        state.put("Pid", running ? 4242 : 0);
        state.put("ExitCode", c.exitCode);
        state.put("Error", "");
        state.put("StartedAt", "2026-11-23T18:00:00.000000000Z");
        state.put("FinishedAt", "0001-01-01T00:00:00Z");
        if (c.health != null) {
            state.put("Health", Map.of("Status", c.health, "FailingStreak", c.failingStreak, "Log", List.of()));
        }
        Map<String, Object> ports = new HashMap<>();
        if (running && c.hostPort != null) {
            c.createBody
                    .path("ExposedPorts")
                    .propertyNames()
                    .forEach(p -> ports.put(
                            p, List.of(Map.of("HostIp", "127.0.0.1", "HostPort", Integer.toString(c.hostPort)))));
        }
        Map<String, Object> inspect = new LinkedHashMap<>();
        inspect.put("Id", c.id);
        inspect.put("Name", "/" + c.name);
        inspect.put("Created", "2026-11-23T18:00:00.000000000Z");
        inspect.put("State", state);
        inspect.put("Image", "sha256:" + hex(32));
        inspect.put(
                "Config",
                Map.of(
                        "Image", c.image,
                        "Labels", c.createBody.path("Labels"),
                        "Env", c.createBody.path("Env")));
        inspect.put("HostConfig", c.createBody.path("HostConfig"));
        inspect.put("NetworkSettings", Map.of("Ports", ports));
        return inspect;
    }

    private void error(HttpExchange exchange, int status, String message) throws IOException {
        sendJson(exchange, status, Map.of("message", message));
    }

    private void sendJson(HttpExchange exchange, int status, Object body) throws IOException {
        send(exchange, status, "application/json", json.writeValueAsString(body));
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        if (body == null) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Api-Version", "1.47");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.put(key, value);
        }
        return query;
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        java.util.concurrent.ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
