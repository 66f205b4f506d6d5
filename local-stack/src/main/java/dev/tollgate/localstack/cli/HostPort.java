package dev.tollgate.localstack.cli;

/** A host and a TCP port, as given on the command line. */
public record HostPort(String host, int port) {

  public HostPort {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("host is required");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be 1-65535: " + port);
    }
  }

  /** Parses HOST:PORT (or [IPv6]:PORT); {@code defaultPort} below 1 makes the port required. */
  static HostPort parse(String value, String option, int defaultPort) {
    String host = value;
    String port = null;
    int colon = value.lastIndexOf(':');
    if (colon >= 0 && value.indexOf(']', colon) < 0) {
      host = value.substring(0, colon);
      port = value.substring(colon + 1);
    }
    if (host.isBlank()) {
      throw new InvalidOptionsException(option + " needs a host in '" + value + "'");
    }
    int number;
    if (port == null) {
      if (defaultPort < 1) {
        throw new InvalidOptionsException(option + " needs HOST:PORT, not '" + value + "'");
      }
      number = defaultPort;
    } else {
      try {
        number = Integer.parseInt(port);
      } catch (NumberFormatException e) {
        number = -1;
      }
      if (number < 1 || number > 65535) {
        throw new InvalidOptionsException(option + " has an invalid port '" + port + "' in '" + value + "' (1-65535)");
      }
    }
    return new HostPort(host, number);
  }

  @Override
  public String toString() {
    return host + ":" + port;
  }
}
