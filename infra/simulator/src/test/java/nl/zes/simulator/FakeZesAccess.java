package nl.zes.simulator;

/** Opens {@link FakeZes} to the benchmark smoke tests in another package. */
public final class FakeZesAccess implements AutoCloseable {

  public static final String ADMIN_KEY = FakeZes.ADMIN_KEY;
  private final FakeZes zes;

  private FakeZesAccess(FakeZes zes) {
    this.zes = zes;
  }

  public static FakeZesAccess start() throws Exception {
    FakeZes zes = new FakeZes();
    zes.refuseFirstPassageBatch.set(false);
    return new FakeZesAccess(zes);
  }

  public String baseUrl() {
    return zes.baseUrl();
  }

  public long passages() {
    return zes.passages();
  }

  public long importedLines() {
    return zes.importedLines.get();
  }

  @Override
  public void close() throws Exception {
    zes.close();
  }
}
