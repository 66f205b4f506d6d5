package dev.tollgate.audit.chain;

import java.util.Base64;
import java.util.Locale;

/**
 * PEM armour (RFC 7468) of DER key encodings: {@code PRIVATE KEY} for PKCS#8, {@code PUBLIC KEY}
 * for X.509 SubjectPublicKeyInfo, the formats {@code openssl genpkey -algorithm ed25519} writes.
 */
public final class Pem {

  public static final String PRIVATE_KEY = "PRIVATE KEY";
  public static final String PUBLIC_KEY = "PUBLIC KEY";

  private Pem() {}

  public static String encode(String label, byte[] der) {
    String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
    return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
  }

  /** The DER bytes of the first block with {@code label}; text around the block is ignored. */
  public static byte[] decode(String label, String pem) {
    String begin = "-----BEGIN " + label + "-----";
    String end = "-----END " + label + "-----";
    int from = pem.indexOf(begin);
    int to = from < 0 ? -1 : pem.indexOf(end, from + begin.length());
    if (from < 0 || to < 0) {
      throw new IllegalArgumentException("no '" + label.toLowerCase(Locale.ROOT) + "' PEM block ("
          + begin + " ... " + end + ") found");
    }
    try {
      return Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to).strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the " + label.toLowerCase(Locale.ROOT) + " PEM block is not base64: "
          + e.getMessage(), e);
    }
  }
}
