package nl.zes.kafkabroker;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Entry point of the child JVM that runs a single-node KRaft broker.
 *
 * <p>Arguments: {@code <server.properties> <cluster-id>}. Formats the log directory on first use, then runs
 * {@code kafka.Kafka}. It watches its standard input: when the parent process goes away (stdin reaches end
 * of file), it exits, and Kafka's shutdown hook stops the broker cleanly, so no orphan broker survives its
 * parent. Kafka classes are reached by reflection because this class is compiled without them and must run
 * against whatever broker version the classpath brings.
 */
public final class KafkaBrokerMain {

  private KafkaBrokerMain() {
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      System.err.println("usage: KafkaBrokerMain <server.properties> <cluster-id> <log-dir>");
      System.exit(2);
    }
    String config = args[0];
    String clusterId = args[1];
    Path logDir = Path.of(args[2]);
    watchParent();
    if (!Files.exists(logDir.resolve("meta.properties"))) {
      format(config, clusterId);
    }
    Class.forName("kafka.Kafka").getMethod("main", String[].class).invoke(null, (Object) new String[] {config});
  }

  private static void format(String config, String clusterId) throws Exception {
    Method execute = Class.forName("kafka.tools.StorageTool").getMethod("execute", String[].class, PrintStream.class);
    Object rc = execute.invoke(null, new String[] {"format", "-t", clusterId, "-c", config}, System.out);
    if (rc instanceof Integer code && code != 0) {
      throw new IllegalStateException("kafka storage format failed with code " + code);
    }
  }

  private static void watchParent() {
    Thread watcher = new Thread(() -> {
      try {
        while (System.in.read() >= 0) {
          // the parent writes nothing; we only wait for end of file
        }
      } catch (IOException ignored) {
        // the pipe broke: the parent is gone
      }
      System.exit(0);
    }, "parent-watch");
    watcher.setDaemon(true);
    watcher.start();
  }
}
