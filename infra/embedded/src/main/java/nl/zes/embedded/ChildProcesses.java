package nl.zes.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Small helpers to run the servers' binaries: as another user when we are root, and to completion. */
final class ChildProcesses {

  private ChildProcesses() {
  }

  static boolean runningAsRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  /** Prefixes a command so that it runs as {@code user} when this JVM is root (PostgreSQL refuses root). */
  static List<String> asUser(String user, List<String> command) {
    if (!runningAsRoot()) {
      return command;
    }
    List<String> wrapped = new ArrayList<>(List.of("setpriv", "--reuid=" + user, "--regid=" + user, "--clear-groups", "--"));
    wrapped.addAll(command);
    return wrapped;
  }

  /** Runs a command to its end and returns its output; fails with that output if the exit code is not 0. */
  static String run(List<String> command, Duration timeout) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      process.getOutputStream().close();
      byte[] output = process.getInputStream().readAllBytes();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("timed out: " + String.join(" ", command));
      }
      String text = new String(output, StandardCharsets.UTF_8);
      if (process.exitValue() != 0) {
        throw new IllegalStateException("failed (" + process.exitValue() + "): " + String.join(" ", command) + "\n" + text);
      }
      return text;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command.get(0), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: " + command.get(0), e);
    }
  }

  static void chownRecursively(String user, Path path) {
    if (runningAsRoot()) {
      run(List.of("chown", "-R", user + ":", path.toString()), Duration.ofSeconds(30));
    }
  }

  /**
   * When root runs a server as another user, that user must be able to reach its data directory: adds the
   * search (x) bit for others to each ancestor that lacks it, nothing more (no read, no write).
   */
  static void letOthersTraverse(Path dir) {
    if (!runningAsRoot()) {
      return;
    }
    for (Path p = dir.toAbsolutePath(); p != null; p = p.getParent()) {
      try {
        var perms = java.nio.file.Files.getPosixFilePermissions(p);
        if (perms.add(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE)) {
          java.nio.file.Files.setPosixFilePermissions(p, perms);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot open " + p + " to the server's user", e);
      }
    }
  }

  /**
   * In a session of its own ({@code setsid}), so that a Ctrl-C meant for the owner does not reach the child
   * before the owner has stopped what uses it; the owner stops it in order.
   */
  static List<String> detached(List<String> command) {
    List<String> wrapped = new ArrayList<>(List.of("setsid"));
    wrapped.addAll(command);
    return wrapped;
  }

  /**
   * Runs a server that has no parent watch of its own so that closing our end of its standard input (or our
   * death) sends it SIGINT; the wrapper exits when the server does.
   */
  static List<String> stoppedByClosingStdin(List<String> command) {
    List<String> wrapped = new ArrayList<>(List.of("setsid", "sh", "-c",
        "exec 3<&0; \"$@\" </dev/null & pid=$!; (cat <&3 >/dev/null; kill -INT $pid 2>/dev/null) & wait $pid", "sh"));
    wrapped.addAll(command);
    return wrapped;
  }

  /** Closes the child's standard input (its signal to stop) and waits; kills it if it overstays. */
  static void stop(Process process, Duration grace) {
    if (process == null || !process.isAlive()) {
      return;
    }
    try {
      process.getOutputStream().close();
    } catch (IOException ignored) {
      // the child is gone already
    }
    try {
      if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
