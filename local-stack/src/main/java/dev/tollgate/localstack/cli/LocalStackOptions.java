package dev.tollgate.localstack.cli;

import dev.tollgate.localstack.services.TollgateService;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the user asked the launcher for. Parsing is strict: an unknown or repeated option, a
 * missing value or a malformed address fails with a message that names the option.
 *
 * @param dataDir where broker, PostgreSQL, logs and stack.json live (absolute)
 * @param clean delete the data dir's contents before starting
 * @param autoPorts take free ports instead of the fixed defaults
 * @param infraOnly start broker, registry and PostgreSQL only
 * @param home repository root holding {@code <module>/target/<module>-exec.jar} (absolute)
 * @param exitWithParent stop when the process that started the launcher dies
 * @param kafkaBootstrap external Kafka instead of the embedded broker, or null
 * @param registryUrl external schema registry instead of the embedded one, or null
 * @param postgres external PostgreSQL instead of the embedded one, or null
 * @param serviceJvmOpts extra JVM options for the service JVMs
 * @param simulator run the serving-platform simulator (acknowledges traffic commands, emits health samples)
 * @param simSampleInterval how often the simulator emits a health sample per serving version
 * @param testClock approval-service runs on a clock tests can move ({@code POST /dev/clock/advance});
 *     for end-to-end tests of expiry only, never in a real deployment
 * @param rolloutInstances how many rollout-service instances to run (one Kafka Streams application;
 *     each owns some models' partitions and forwards the other models' state queries)
 * @param policies a YAML file approval-service reads after its shipped configuration (policies per
 *     environment, key by key over the shipped ones; absolute), or null
 * @param services which services to start (all three by default): a benchmark of one service runs
 *     it without the others consuming the same topics on the same cores
 * @param help print usage and exit
 */
public record LocalStackOptions(
    Path dataDir,
    boolean clean,
    boolean autoPorts,
    boolean infraOnly,
    Path home,
    boolean exitWithParent,
    String kafkaBootstrap,
    String registryUrl,
    HostPort postgres,
    List<String> serviceJvmOpts,
    boolean simulator,
    Duration simSampleInterval,
    boolean testClock,
    int rolloutInstances,
    Path policies,
    Set<TollgateService> services,
    boolean help) {

  public static final String DEFAULT_DATA_DIR = ".tollgate";
  public static final Duration DEFAULT_SIM_SAMPLE_INTERVAL = Duration.ofMillis(500);
  static final Duration MIN_SIM_SAMPLE_INTERVAL = Duration.ofMillis(10);
  /** More than the lifecycle topics' 3 partitions would leave instances idle. */
  static final int MAX_ROLLOUT_INSTANCES = 3;

  public LocalStackOptions {
    dataDir = dataDir.toAbsolutePath().normalize();
    home = home.toAbsolutePath().normalize();
    serviceJvmOpts = List.copyOf(serviceJvmOpts);
    policies = policies == null ? null : policies.toAbsolutePath().normalize();
  }

  /** Defaults only: fixed ports, everything embedded, data in {@code ./.tollgate}. */
  public static LocalStackOptions defaults() {
    return parse();
  }

  public boolean externalKafka() {
    return kafkaBootstrap != null;
  }

  public boolean externalRegistry() {
    return registryUrl != null;
  }

  public boolean externalPostgres() {
    return postgres != null;
  }

  /** Parses the command line; throws {@link InvalidOptionsException} with a message for the user. */
  public static LocalStackOptions parse(String... args) {
    Path dataDir = Path.of(DEFAULT_DATA_DIR);
    Path home = Path.of("");
    boolean clean = false;
    boolean autoPorts = false;
    boolean infraOnly = false;
    boolean exitWithParent = false;
    boolean help = false;
    String kafka = null;
    String registry = null;
    HostPort postgres = null;
    List<String> jvmOpts = List.of();
    boolean simulator = true;
    Duration sampleInterval = DEFAULT_SIM_SAMPLE_INTERVAL;
    boolean testClock = false;
    int rolloutInstances = 1;
    Path policies = null;
    Set<TollgateService> services = EnumSet.allOf(TollgateService.class);

    Set<String> seen = new HashSet<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String name = arg;
      String inlineValue = null;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        name = arg.substring(0, eq);
        inlineValue = arg.substring(eq + 1);
      }
      if (!seen.add(name)) {
        throw new InvalidOptionsException(name + " given more than once");
      }
      boolean takesValue = switch (name) {
        case "--data-dir", "--ports", "--home", "--kafka-bootstrap", "--registry-url", "--postgres-url",
            "--service-jvm-opts", "--sim-sample-interval", "--rollout-instances", "--policies",
            "--services" -> true;
        case "--clean", "--infra-only", "--exit-with-parent", "--no-simulator", "--test-clock", "--help", "-h" -> false;
        default -> throw new InvalidOptionsException("unknown option '" + arg + "'");
      };
      String value = null;
      if (takesValue) {
        if (inlineValue != null) {
          value = inlineValue;
        } else if (i + 1 < args.length) {
          value = args[++i];
        } else {
          throw new InvalidOptionsException(name + " needs a value");
        }
        if (value.isBlank() && !name.equals("--service-jvm-opts")) {
          throw new InvalidOptionsException(name + " needs a non-empty value");
        }
      } else if (inlineValue != null) {
        throw new InvalidOptionsException(name + " takes no value");
      }
      switch (name) {
        case "--data-dir" -> dataDir = Path.of(value);
        case "--home" -> home = Path.of(value);
        case "--ports" -> autoPorts = switch (value.toLowerCase(Locale.ROOT)) {
          case "auto" -> true;
          case "fixed" -> false;
          default -> throw new InvalidOptionsException("--ports must be 'auto' or 'fixed', not '" + value + "'");
        };
        case "--kafka-bootstrap" -> kafka = bootstrapServers(value);
        case "--registry-url" -> registry = registryUrl(value);
        case "--postgres-url" -> postgres = postgresUrl(value);
        case "--service-jvm-opts" -> jvmOpts = splitJvmOpts(value);
        case "--clean" -> clean = true;
        case "--infra-only" -> infraOnly = true;
        case "--exit-with-parent" -> exitWithParent = true;
        case "--no-simulator" -> simulator = false;
        case "--test-clock" -> testClock = true;
        case "--sim-sample-interval" -> sampleInterval = interval(value, "--sim-sample-interval");
        case "--rollout-instances" -> rolloutInstances = instances(value, "--rollout-instances");
        case "--policies" -> policies = yamlFile(value, "--policies");
        case "--services" -> services = services(value);
        default -> help = true;
      }
    }
    return new LocalStackOptions(dataDir, clean, autoPorts, infraOnly, home, exitWithParent, kafka, registry,
        postgres, jvmOpts, simulator, sampleInterval, testClock, rolloutInstances, policies, Set.copyOf(services), help);
  }

  /**
   * A readable {@code .yml} or {@code .yaml} file. Checked here, not when approval-service starts:
   * Spring would skip a missing optional location silently, and the stack would run the shipped
   * policies while the user believes theirs apply.
   */
  static Path yamlFile(String value, String option) {
    Path file = Path.of(value.trim());
    String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (!name.endsWith(".yml") && !name.endsWith(".yaml")) {
      throw new InvalidOptionsException(option + " must name a .yml or .yaml file, not '" + value + "'");
    }
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new InvalidOptionsException(option + ": no readable file at " + file.toAbsolutePath().normalize());
    }
    return file;
  }

  /** A whole number from 1 to {@link #MAX_ROLLOUT_INSTANCES}. */
  static int instances(String value, String option) {
    int instances;
    try {
      instances = Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new InvalidOptionsException(option + " must be a number, not '" + value + "'");
    }
    if (instances < 1 || instances > MAX_ROLLOUT_INSTANCES) {
      throw new InvalidOptionsException(option + " must be between 1 and " + MAX_ROLLOUT_INSTANCES
          + " (the lifecycle topics have 3 partitions), not " + instances);
    }
    return instances;
  }

  /** {@code 500ms}, {@code 2s} or plain milliseconds; at least 10 ms. */
  static Duration interval(String value, String option) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    Duration interval;
    try {
      if (v.endsWith("ms")) {
        interval = Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2).trim()));
      } else if (v.endsWith("s")) {
        interval = Duration.ofMillis(Math.round(Double.parseDouble(v.substring(0, v.length() - 1).trim()) * 1000));
      } else {
        interval = Duration.ofMillis(Long.parseLong(v));
      }
    } catch (NumberFormatException e) {
      throw new InvalidOptionsException(option + " must look like 500ms, 2s or 500, not '" + value + "'");
    }
    if (interval.compareTo(MIN_SIM_SAMPLE_INTERVAL) < 0) {
      throw new InvalidOptionsException(option + " must be at least " + MIN_SIM_SAMPLE_INTERVAL.toMillis()
          + " ms, not '" + value + "'");
    }
    return interval;
  }

  /** HOST:PORT, or several separated by commas. */
  static String bootstrapServers(String value) {
    List<String> servers = new ArrayList<>();
    for (String server : value.split(",")) {
      servers.add(HostPort.parse(server.trim(), "--kafka-bootstrap", -1).toString());
    }
    return String.join(",", servers);
  }

  /** http(s)://host[:port][/path], without a trailing slash so paths can be appended. */
  static String registryUrl(String value) {
    URI uri;
    try {
      uri = new URI(value.trim());
    } catch (URISyntaxException e) {
      throw new InvalidOptionsException("--registry-url '" + value + "' is not a URL: " + e.getReason());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
      throw new InvalidOptionsException("--registry-url must look like http://HOST:PORT, not '" + value + "'");
    }
    String url = uri.toString();
    while (url.endsWith("/")) {
      url = url.substring(0, url.length() - 1);
    }
    return url;
  }

  /** jdbc:postgresql://host[:port][/]; databases are ours to choose, so no database path. */
  static HostPort postgresUrl(String value) {
    String prefix = "jdbc:postgresql://";
    String trimmed = value.trim();
    if (!trimmed.startsWith(prefix)) {
      throw new InvalidOptionsException("--postgres-url must look like jdbc:postgresql://HOST:PORT, not '" + value + "'");
    }
    String rest = trimmed.substring(prefix.length());
    if (rest.endsWith("/")) {
      rest = rest.substring(0, rest.length() - 1);
    }
    if (rest.contains("/") || rest.contains("?")) {
      throw new InvalidOptionsException("--postgres-url takes no database or parameters (the stack uses the"
          + " databases 'approval' and 'audit'): '" + value + "'");
    }
    return HostPort.parse(rest, "--postgres-url", 5432);
  }

  /** Splits on whitespace; single or double quotes keep a value with spaces together. */
  static List<String> splitJvmOpts(String value) {
    List<String> opts = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    char quote = 0;
    boolean inToken = false;
    for (char c : value.toCharArray()) {
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          current.append(c);
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
        inToken = true;
      } else if (Character.isWhitespace(c)) {
        if (inToken) {
          opts.add(current.toString());
          current.setLength(0);
          inToken = false;
        }
      } else {
        current.append(c);
        inToken = true;
      }
    }
    if (quote != 0) {
      throw new InvalidOptionsException("--service-jvm-opts has an unclosed quote: " + value);
    }
    if (inToken) {
      opts.add(current.toString());
    }
    for (String opt : opts) {
      if (!opt.startsWith("-")) {
        throw new InvalidOptionsException("--service-jvm-opts takes JVM options (each starting with '-'), not '" + opt + "'");
      }
    }
    return opts;
  }

  private static Set<TollgateService> services(String value) {
    Set<TollgateService> services = EnumSet.noneOf(TollgateService.class);
    for (String name : value.split(",")) {
      String module = name.trim();
      TollgateService service = TollgateService.ofModule(module).orElseThrow(() -> new InvalidOptionsException(
          "--services takes a comma-separated list of " + Arrays.stream(TollgateService.values())
              .map(TollgateService::module).collect(Collectors.joining(", ")) + "; '" + module + "' is not one of them"));
      if (!services.add(service)) {
        throw new InvalidOptionsException("--services names " + module + " twice");
      }
    }
    return services;
  }

  public static String usage() {
    return """
        Usage: java -jar local-stack/target/tollgate-local-stack.jar [options]

        Starts a Kafka broker (KRaft), a schema registry, PostgreSQL and the Tollgate services on
        127.0.0.1, and stops them all on Ctrl-C.

          --data-dir DIR            data, logs and stack.json (default ./.tollgate); survives restarts
          --clean                   delete the data dir's contents first
          --ports auto|fixed        auto: free ports for everything; fixed (default): kafka 19092
                                    (controller 19093), registry 18081, postgres 15432,
                                    approval 18181, rollout 18182, audit 18183,
                                    serving simulator 18184
          --infra-only              broker, registry and PostgreSQL only
          --home DIR                repository root with <module>/target/<module>-exec.jar (default .)
          --exit-with-parent        stop when the parent process dies (for tests)
          --kafka-bootstrap H:P     use this Kafka instead of starting one
          --registry-url URL        use this schema registry instead of starting one
          --postgres-url jdbc:postgresql://H:P
                                    use this PostgreSQL (user/password postgres) instead of starting one
          --service-jvm-opts "..."  extra JVM options for the service JVMs
          --no-simulator            no serving-platform simulator: nothing acknowledges traffic
                                    commands or emits health samples (bring your own adapter)
          --sim-sample-interval T   the simulator's health sample interval per serving version,
                                    e.g. 500ms (default), 2s
          --test-clock              approval-service on a clock tests move (POST /dev/clock/advance,
                                    role admin) to exercise approval and request expiry; tests only
          --rollout-instances N     run N rollout-service instances (1 to 3, default 1); any of
                                    them answers every state query. With fixed ports the second
                                    listens on 18192, the third on 18193
          --policies FILE.yml       approval-service reads FILE after its shipped configuration:
                                    your policies per environment (tollgate.policies.<env>),
                                    key by key over the shipped ones
          --services A,B            start only these of approval-service, rollout-service and
                                    audit-service (default all three), e.g. to benchmark one
                                    without the others consuming the same topics
          --help                    this text
        """;
  }

  @Override
  public String toString() {
    return String.join(" ", Arrays.asList(
        "dataDir=" + dataDir, "clean=" + clean, "autoPorts=" + autoPorts, "infraOnly=" + infraOnly,
        "home=" + home, "exitWithParent=" + exitWithParent, "kafka=" + kafkaBootstrap, "registry=" + registryUrl,
        "postgres=" + postgres, "serviceJvmOpts=" + serviceJvmOpts, "simulator=" + simulator,
        "simSampleInterval=" + simSampleInterval, "testClock=" + testClock, "rolloutInstances=" + rolloutInstances, "policies=" + policies,
        "services=" + services));
  }
}
