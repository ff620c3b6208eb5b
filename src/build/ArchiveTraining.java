import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The build's class-data-sharing training run (pom.xml, package phase). It runs a command in a child
 * JVM, which writes the archive when it exits ({@code -XX:ArchiveClassesAtExit} among the command's
 * options), while this process serves one file as the S3 object {@code s3://driftwatch-training/NAME}
 * (NAME: the file's name) at a loopback endpoint given to the child in {@code AWS_ENDPOINT_URL_S3}.
 * A training check that reads one batch from that URL puts the S3 client's classes (about 1,500,
 * loaded by the first request) in the archive, so the {@code ./driftwatch} launcher maps them for a
 * check from S3 instead of loading and verifying them again.
 *
 * <p>The endpoint answers only what a download asks of S3: GET (and HEAD) of that one object,
 * path-style, with the headers S3 sends; any other request gets S3's NoSuchKey error. It does not
 * check signatures and lives only for this run. Run with the JDK's source launcher:
 * {@code java src/build/ArchiveTraining.java FILE -- java -XX:ArchiveClassesAtExit=… -jar … check …}.
 * Exits with the child's exit code.
 */
public final class ArchiveTraining {
    private static final String BUCKET = "driftwatch-training";

    private ArchiveTraining() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        int separator = Arrays.asList(args).indexOf("--");
        if (separator != 1 || args.length < 3) {
            System.err.println("usage: java src/build/ArchiveTraining.java FILE -- COMMAND…");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        byte[] object = Files.readAllBytes(file);
        String path = "/" + BUCKET + "/" + file.getFileName();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> answer(exchange, path, object));
        server.start();
        try {
            List<String> command = Arrays.asList(args).subList(2, args.length);
            ProcessBuilder child = new ProcessBuilder(command).inheritIO();
            child.environment().put("AWS_ENDPOINT_URL_S3", "http://127.0.0.1:" + server.getAddress().getPort());
            child.environment().put("AWS_ACCESS_KEY_ID", "training");
            child.environment().put("AWS_SECRET_ACCESS_KEY", "training");
            child.environment().put("AWS_REGION", "us-east-1");
            child.environment().remove("AWS_ENDPOINT_URL");
            child.environment().remove("AWS_SESSION_TOKEN");
            System.exit(child.start().waitFor());
        } finally {
            server.stop(0);
        }
    }

    private static void answer(HttpExchange exchange, String path, byte[] object) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            boolean head = method.equals("HEAD");
            if (!exchange.getRequestURI().getPath().equals(path) || !(head || method.equals("GET"))) {
                byte[] error = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>NoSuchKey</Code>"
                        + "<Message>The specified key does not exist.</Message></Error>")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/xml");
                exchange.sendResponseHeaders(404, error.length);
                exchange.getResponseBody().write(error);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "text/csv");
            exchange.getResponseHeaders().set("ETag", "\"" + Integer.toHexString(Arrays.hashCode(object)) + "\"");
            exchange.getResponseHeaders().set("Last-Modified", "Thu, 01 Jan 2026 00:00:00 GMT");
            exchange.getResponseHeaders().set("Accept-Ranges", "bytes");
            if (head) {
                exchange.getResponseHeaders().set("Content-Length", Integer.toString(object.length));
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            exchange.sendResponseHeaders(200, object.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(object);
            }
        }
    }
}
