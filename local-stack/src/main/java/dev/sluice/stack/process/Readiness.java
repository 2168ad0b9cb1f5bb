package dev.sluice.stack.process;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A check that a started process is ready to serve. */
@FunctionalInterface
public interface Readiness {

  HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  boolean isReady() throws Exception;

  /** Ready when the URL answers 200. */
  static Readiness http(String url) {
    return () -> {
      HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).GET().build();
      try {
        return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
      } catch (IOException e) {
        return false;
      }
    };
  }

  /** Ready when something accepts TCP connections on the port. */
  static Readiness tcp(String host, int port) {
    return () -> {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(host, port), 1_000);
        return true;
      } catch (IOException e) {
        return false;
      }
    };
  }
}
