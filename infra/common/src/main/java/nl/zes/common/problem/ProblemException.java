package nl.zes.common.problem;

/** Carries a {@link Problem} through a failed Future to whoever answers the request. */
public final class ProblemException extends RuntimeException {

  private final Problem problem;

  public ProblemException(Problem problem) {
    super(problem.detail(), null, false, false);
    this.problem = problem;
  }

  public Problem problem() {
    return problem;
  }
}
