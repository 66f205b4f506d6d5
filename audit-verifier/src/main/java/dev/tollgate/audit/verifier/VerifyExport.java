package dev.tollgate.audit.verifier;

import dev.tollgate.audit.chain.TrustedKeys;
import dev.tollgate.audit.chain.VerifyingKey;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code java -jar tollgate-audit-verify.jar --public-key key.pem [--public-key older.pem] export.ndjson}
 *
 * <p>Exit 0 and {@code VERIFIED n links, m checkpoints} when the export verifies; 1 and
 * {@code FAILED line k: …} naming the first broken line; 2 for a usage or I/O error. Needs
 * nothing but a Java 17 runtime.
 */
public final class VerifyExport {

  static final int VERIFIED = 0;
  static final int FAILED = 1;
  static final int USAGE = 2;

  private static final String USAGE_TEXT = """
      usage: java -jar tollgate-audit-verify.jar --public-key <key.pem> [--public-key <key.pem> ...] <export.ndjson>
        --public-key  an Ed25519 public key (PEM, -----BEGIN PUBLIC KEY-----) trusted to have signed the export
                      and its checkpoints; get it out of band, or from GET /api/v1/keys of the audit service
      exit status: 0 verified, 1 the export does not verify, 2 usage or I/O error""";

  private VerifyExport() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    List<Path> keyFiles = new ArrayList<>();
    Path export = null;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--public-key") && i + 1 < args.length) {
        keyFiles.add(Path.of(args[++i]));
      } else if (arg.startsWith("--public-key=")) {
        keyFiles.add(Path.of(arg.substring("--public-key=".length())));
      } else if (arg.equals("-h") || arg.equals("--help")) {
        out.println(USAGE_TEXT);
        return VERIFIED;
      } else if (!arg.startsWith("--") && export == null) {
        export = Path.of(arg);
      } else {
        err.println("unexpected argument: " + arg);
        err.println(USAGE_TEXT);
        return USAGE;
      }
    }
    if (keyFiles.isEmpty() || export == null) {
      err.println(USAGE_TEXT);
      return USAGE;
    }
    List<VerifyingKey> keys = new ArrayList<>();
    for (Path keyFile : keyFiles) {
      try {
        keys.add(VerifyingKey.fromPem(Files.readString(keyFile, StandardCharsets.US_ASCII)));
      } catch (IOException | IllegalArgumentException e) {
        err.println("cannot read public key " + keyFile + ": " + e.getMessage());
        return USAGE;
      }
    }
    ExportVerifier.Result result;
    try {
      result = ExportVerifier.verify(export, TrustedKeys.of(keys));
    } catch (IOException e) {
      err.println("cannot read " + export + ": " + e);
      return USAGE;
    }
    if (!result.verified()) {
      out.println("FAILED " + result.failure());
      return FAILED;
    }
    out.println("VERIFIED " + result.links() + " links, " + result.checkpoints() + " checkpoints");
    out.println("  " + result.chains() + " chains; " + result.anchoredLinks() + " of " + result.links()
        + " links anchored to signed checkpoints, the rest vouched for by the signed manifest");
    return VERIFIED;
  }
}
