package nl.zes.gateway;

import nl.zes.common.bus.BusHeaders;

/** A registered key as the gateway knows it: never the key itself, only who holds it and what it may do. */
public record ApiKey(String id, Role role, String municipality, String name) {

  public BusHeaders.Caller caller(String correlationId) {
    return new BusHeaders.Caller(role.wire(), municipality, correlationId);
  }
}
