package nl.zes.passage;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import java.util.function.Function;

/**
 * The evaluator on an event loop of its own: its batch work (parsing, deciding, encoding thousands of records)
 * then never queues ingestion requests behind it, and the two use both cores. Deployed by {@link PassageVerticle},
 * so it is undeployed (and drains) with it.
 */
final class EvaluatorVerticle extends VerticleBase {

  private final Function<Vertx, PassageEvaluator> evaluatorOnThisLoop;
  private PassageEvaluator evaluator;

  EvaluatorVerticle(Function<Vertx, PassageEvaluator> evaluatorOnThisLoop) {
    this.evaluatorOnThisLoop = evaluatorOnThisLoop;
  }

  @Override
  public Future<?> start() {
    evaluator = evaluatorOnThisLoop.apply(vertx);
    return evaluator.start();
  }

  @Override
  public Future<?> stop() {
    return evaluator.stop();
  }
}
