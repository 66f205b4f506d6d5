package dev.tollgate.audit.verifier;

import dev.tollgate.audit.chain.ChainEntry;
import dev.tollgate.audit.chain.ChainHash;
import dev.tollgate.audit.chain.ChainLink;
import dev.tollgate.audit.chain.CheckpointStatement;
import dev.tollgate.audit.chain.SignedCheckpoint;
import dev.tollgate.audit.chain.SourcePosition;
import dev.tollgate.audit.chain.TrustedKeys;
import dev.tollgate.audit.chain.VerifyingKey;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Verifies an export file (format {@link ExportFormat}) against trusted public keys, without the
 * service: first the manifest's signature (last line, read from the end), then every link line
 * streamed in order — its hash recomputed, its continuity with the previous exported link of the
 * chain, its match with a signed checkpoint — and last the manifest's claims about the lines:
 * their SHA-256, count, and per-chain first/last seq and hashes. Memory holds one summary per
 * chain and the manifest's checkpoints, so exports of any size stream through.
 */
public final class ExportVerifier {

  private static final HexFormat HEX = HexFormat.of();

  private ExportVerifier() {}

  /** The outcome; {@code failure} names the first broken line and why, null when verified. */
  public record Result(long links, long checkpoints, long anchoredLinks, int chains, String failure) {

    public boolean verified() {
      return failure == null;
    }
  }

  public static Result verify(Path file, TrustedKeys keys) throws IOException {
    long size = Files.size(file);
    if (size == 0) {
      return failed("line 1: the file is empty; an export ends with its manifest line");
    }
    long manifestStart;
    byte[] manifestBytes;
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
      raf.seek(size - 1);
      if (raf.read() != '\n') {
        return failed("last line: the file does not end with a newline after the manifest (truncated or appended to)");
      }
      manifestStart = startOfLastLine(raf, size - 1);
      manifestBytes = new byte[(int) Math.min(Integer.MAX_VALUE - 8, size - 1 - manifestStart)];
      raf.seek(manifestStart);
      raf.readFully(manifestBytes);
    }
    Manifest manifest;
    try {
      manifest = Manifest.read(manifestBytes, keys);
    } catch (Broken e) {
      return failed("last line (manifest): " + e.getMessage());
    }
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      return new LinkPass(manifest).run(in, manifestStart);
    }
  }

  private static Result failed(String failure) {
    return new Result(0, 0, 0, 0, failure);
  }

  /** Position just after the '\n' before {@code end}, or 0. */
  private static long startOfLastLine(RandomAccessFile raf, long end) throws IOException {
    byte[] buffer = new byte[8192];
    long pos = end;
    while (pos > 0) {
      int n = (int) Math.min(buffer.length, pos);
      raf.seek(pos - n);
      raf.readFully(buffer, 0, n);
      for (int i = n - 1; i >= 0; i--) {
        if (buffer[i] == '\n') {
          return pos - n + i + 1;
        }
      }
      pos -= n;
    }
    return 0;
  }

  /** A line that breaks the export; the message says why. */
  private static final class Broken extends Exception {
    Broken(String message) {
      super(message, null, false, false);
    }
  }

  /** The manifest, its signature verified. */
  private record Manifest(long links, List<Map<String, Object>> chains, Map<String, Map<String, Object>> chainsById,
      Map<String, NavigableMap<Long, SignedCheckpoint>> checkpoints, int checkpointCount, byte[] linesSha256) {

    static Manifest read(byte[] bytes, TrustedKeys keys) throws Broken {
      String line = utf8(bytes);
      int marker = line.lastIndexOf(ExportFormat.SIGNATURE_MARKER);
      if (marker < 0 || !line.endsWith("\"}")) {
        throw new Broken("no manifestSignature as the last member of the last line");
      }
      String signatureText = line.substring(marker + ExportFormat.SIGNATURE_MARKER.length(), line.length() - 2);
      byte[] signature = base64(signatureText, "manifestSignature");
      byte[] signed = (line.substring(0, marker) + "}").getBytes(StandardCharsets.UTF_8);
      Map<String, Object> json = object(parse(line), "manifest");
      if (!"manifest".equals(json.get("type"))) {
        throw new Broken("the last line is not the manifest (type " + json.get("type") + ")");
      }
      String format = text(json, "format");
      if (!ExportFormat.FORMAT.equals(format)) {
        throw new Broken("unknown export format " + format + ", this verifier reads " + ExportFormat.FORMAT);
      }
      String keyId = text(json, "keyId");
      VerifyingKey key = keys.find(keyId).orElseThrow(() ->
          new Broken("signed with key " + keyId + ", which is not a key given to the verifier"));
      if (!key.verifies(signed, signature)) {
        throw new Broken("the manifest signature does not verify with key " + keyId + ": the manifest was altered");
      }
      Map<String, NavigableMap<Long, SignedCheckpoint>> checkpoints = new HashMap<>();
      int count = 0;
      for (Object item : list(json, "checkpoints")) {
        SignedCheckpoint checkpoint = checkpoint(object(item, "checkpoint"));
        String problem = keys.problemWith(checkpoint);
        if (problem != null) {
          throw new Broken("chain " + checkpoint.chainId() + ": " + problem);
        }
        checkpoints.computeIfAbsent(checkpoint.chainId(), c -> new TreeMap<>()).put(checkpoint.seq(), checkpoint);
        count++;
      }
      List<Map<String, Object>> chains = new ArrayList<>();
      Map<String, Map<String, Object>> chainsById = new HashMap<>();
      for (Object item : list(json, "chains")) {
        Map<String, Object> chain = object(item, "chain");
        chains.add(chain);
        chainsById.put(text(chain, "chainId"), chain);
      }
      return new Manifest(number(json, "links"), chains, chainsById, checkpoints, count,
          hex(text(json, "linesSha256"), "linesSha256", 32));
    }

    private static SignedCheckpoint checkpoint(Map<String, Object> c) throws Broken {
      Instant signedAt = instant(text(c, "signedAt"), "signedAt");
      return new SignedCheckpoint(new CheckpointStatement(text(c, "chainId"), number(c, "seq"),
          ChainHash.of(hex(text(c, "headHash"), "headHash", 32)), number(c, "eventCount"), signedAt,
          text(c, "keyId")), base64(text(c, "signature"), "signature"));
    }
  }

  /** The streaming pass over the link lines. */
  private static final class LinkPass {
    private final Manifest manifest;
    private final MessageDigest digest = sha256();
    private final Map<String, ChainState> chains = new LinkedHashMap<>();
    private ChainState current;
    private long lineNumber;
    private long links;
    private long anchored;
    private long matchedCheckpoints;

    LinkPass(Manifest manifest) {
      this.manifest = manifest;
    }

    Result run(InputStream in, long linkBytes) throws IOException {
      ByteArrayOutputStream line = new ByteArrayOutputStream(1024);
      long read = 0;
      int b;
      while (read < linkBytes && (b = in.read()) >= 0) {
        read++;
        line.write(b);
        if (b == '\n') {
          byte[] bytes = line.toByteArray();
          line.reset();
          lineNumber++;
          digest.update(bytes);
          try {
            link(bytes);
          } catch (Broken e) {
            return new Result(links, 0, anchored, chains.size(), "line " + lineNumber + ": " + e.getMessage());
          }
        }
      }
      long manifestLine = lineNumber + 1;
      try {
        finish();
      } catch (Broken e) {
        return new Result(links, 0, anchored, chains.size(), "line " + manifestLine + " (manifest): " + e.getMessage());
      }
      return new Result(links, manifest.checkpointCount(), anchored, chains.size(), null);
    }

    private void link(byte[] bytes) throws Broken {
      Map<String, Object> json = object(parse(utf8(bytes, bytes.length - 1)), "line");
      if (!"link".equals(json.get("type"))) {
        throw new Broken("expected a link line, found type " + json.get("type")
            + " (only the last line may be the manifest)");
      }
      ChainLink link = toLink(json);
      ChainHash expected = link.expectedHash();
      if (!expected.equals(link.hash())) {
        throw new Broken("link " + link.chainId() + "#" + link.seq() + " states hash " + link.hash()
            + " but its fields hash to " + expected + ": the line was altered");
      }
      if (current == null || !current.chainId.equals(link.chainId())) {
        if (chains.containsKey(link.chainId())) {
          throw new Broken("chain " + link.chainId() + " appears again after other chains: lines were moved");
        }
        Map<String, Object> claimed = manifest.chainsById().get(link.chainId());
        if (claimed == null) {
          throw new Broken("chain " + link.chainId() + " is not in the manifest: lines were added");
        }
        current = new ChainState(link.chainId(), claimed,
            manifest.checkpoints().getOrDefault(link.chainId(), new TreeMap<>()));
        chains.put(link.chainId(), current);
      }
      current.accept(link, lineNumber);
      links++;
    }

    private void finish() throws Broken {
      byte[] actual = digest.digest();
      if (!MessageDigest.isEqual(actual, manifest.linesSha256())) {
        throw new Broken("the " + lineNumber + " lines before it hash to " + HEX.formatHex(actual)
            + ", not the signed linesSha256 " + HEX.formatHex(manifest.linesSha256())
            + ": a line was altered outside its hashed fields (e.g. its payload), or lines were added or removed");
      }
      if (manifest.links() != links) {
        throw new Broken("the manifest counts " + manifest.links() + " links, the file has " + links);
      }
      if (manifest.chains().size() != chains.size()) {
        throw new Broken("the manifest lists " + manifest.chains().size() + " chains, the file has " + chains.size());
      }
      int i = 0;
      for (ChainState chain : chains.values()) {
        chain.compare(manifest.chains().get(i++));
      }
      for (Map.Entry<String, NavigableMap<Long, SignedCheckpoint>> entry : manifest.checkpoints().entrySet()) {
        ChainState chain = chains.get(entry.getKey());
        for (SignedCheckpoint checkpoint : entry.getValue().values()) {
          if (chain == null || checkpoint.seq() < chain.firstSeq || checkpoint.seq() > chain.lastSeq) {
            throw new Broken("checkpoint " + checkpoint.chainId() + "#" + checkpoint.seq()
                + " lies outside the exported links of its chain");
          }
        }
      }
    }

    private final class ChainState {
      private final String chainId;
      private final boolean claimedContiguous;
      private final long claimedFirstSeq;
      private final NavigableMap<Long, SignedCheckpoint> checkpoints;
      private long firstSeq;
      private ChainHash firstPrevHash;
      private long lastSeq;
      private ChainHash lastHash;
      private long lastLine;
      private long count;
      private long anchoredUpTo;

      ChainState(String chainId, Map<String, Object> claimed, NavigableMap<Long, SignedCheckpoint> checkpoints)
          throws Broken {
        this.chainId = chainId;
        this.claimedContiguous = Boolean.TRUE.equals(claimed.get("contiguous"));
        this.claimedFirstSeq = number(claimed, "firstSeq");
        this.checkpoints = checkpoints;
      }

      void accept(ChainLink link, long line) throws Broken {
        if (count == 0) {
          if (link.seq() != claimedFirstSeq) {
            throw new Broken("chain " + chainId + " starts at link " + link.seq() + " but the manifest says it starts at "
                + claimedFirstSeq + ": lines were removed, added or moved");
          }
          firstSeq = link.seq();
          firstPrevHash = link.prevHash();
          anchoredUpTo = link.seq() - 1;
        } else if (link.seq() <= lastSeq) {
          throw new Broken("link " + chainId + "#" + link.seq() + " follows link " + lastSeq + " (line " + lastLine
              + "): links of a chain are in ascending seq; lines were moved or duplicated");
        } else if (link.seq() == lastSeq + 1) {
          if (!link.prevHash().equals(lastHash)) {
            throw new Broken("link " + chainId + "#" + link.seq() + " follows hash " + link.prevHash() + " but link "
                + lastSeq + " (line " + lastLine + ") has hash " + lastHash + ": the chain is broken here");
          }
        } else if (claimedContiguous) {
          throw new Broken("link " + chainId + "#" + link.seq() + " follows link " + lastSeq + " (line " + lastLine
              + ") but the manifest says the chain's links are contiguous: lines were removed or moved");
        } else {
          anchoredUpTo = link.seq() - 1; // a gap starts a new run: earlier anchors do not reach past it
        }
        SignedCheckpoint checkpoint = checkpoints.get(link.seq());
        if (checkpoint != null) {
          if (!checkpoint.statement().headHash().equals(link.hash())) {
            throw new Broken("link " + chainId + "#" + link.seq() + " has hash " + link.hash()
                + " but the checkpoint signed at " + checkpoint.statement().signedAt() + " says "
                + checkpoint.statement().headHash());
          }
          anchored += link.seq() - anchoredUpTo;
          anchoredUpTo = link.seq();
          matchedCheckpoints++;
        }
        lastSeq = link.seq();
        lastHash = link.hash();
        lastLine = line;
        count++;
      }

      void compare(Map<String, Object> claimed) throws Broken {
        boolean contiguous = lastSeq - firstSeq + 1 == count;
        if (!chainId.equals(claimed.get("chainId"))
            || number(claimed, "firstSeq") != firstSeq || number(claimed, "lastSeq") != lastSeq
            || number(claimed, "links") != count || !Boolean.valueOf(contiguous).equals(claimed.get("contiguous"))
            || !firstPrevHash.hex().equals(claimed.get("firstPrevHash")) || !lastHash.hex().equals(claimed.get("lastHash"))) {
          throw new Broken("the manifest's summary of chain " + claimed.get("chainId") + " does not match the "
              + "exported links of chain " + chainId + " (#" + firstSeq + "..#" + lastSeq + ", " + count + " links)");
        }
      }
    }
  }

  private static ChainLink toLink(Map<String, Object> json) throws Broken {
    String chainId = text(json, "chainId");
    long seq = number(json, "seq");
    SourcePosition source;
    try {
      source = new SourcePosition(text(json, "topic"), Math.toIntExact(number(json, "partition")),
          number(json, "offset"));
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new Broken("bad source position: " + e.getMessage());
    }
    byte[] key = optionalBase64(json, "key");
    byte[] value = optionalBase64(json, "value");
    String kind = text(json, "kind");
    ChainEntry entry;
    try {
      entry = switch (kind) {
        case ExportFormat.KIND_EVENT -> new ChainEntry.Event(source, key, value,
            Math.toIntExact(number(json, "schemaId")), text(json, "eventId"), text(json, "eventType"),
            instant(text(json, "occurredAt"), "occurredAt"), text(json, "actor"), optionalText(json, "deploymentId"),
            text(json, "modelName"), text(json, "modelVersion"), text(json, "environment"),
            optionalText(json, "causationId"));
        case ExportFormat.KIND_UNREADABLE -> new ChainEntry.Unreadable(source, key, value, text(json, "reason"),
            optionalText(json, "message"));
        default -> throw new Broken("unknown link kind " + kind);
      };
    } catch (NullPointerException | IllegalArgumentException | ArithmeticException e) {
      throw new Broken("bad link fields: " + e.getMessage());
    }
    return new ChainLink(chainId, seq, ChainHash.of(hex(text(json, "prevHash"), "prevHash", 32)),
        ChainHash.of(hex(text(json, "hash"), "hash", 32)), entry);
  }

  private static Object parse(String line) throws Broken {
    try {
      return Json.parse(line);
    } catch (IllegalArgumentException e) {
      throw new Broken(e.getMessage());
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(Object value, String what) throws Broken {
    if (value instanceof Map<?, ?> map) {
      return (Map<String, Object>) map;
    }
    throw new Broken("the " + what + " is not a JSON object");
  }

  private static List<?> list(Map<String, Object> json, String name) throws Broken {
    if (json.get(name) instanceof List<?> list) {
      return list;
    }
    throw new Broken("\"" + name + "\" is not an array");
  }

  private static String text(Map<String, Object> json, String name) throws Broken {
    if (json.get(name) instanceof String s) {
      return s;
    }
    throw new Broken("\"" + name + "\" is missing or not a string");
  }

  private static String optionalText(Map<String, Object> json, String name) throws Broken {
    if (!json.containsKey(name)) {
      throw new Broken("\"" + name + "\" is missing");
    }
    Object value = json.get(name);
    if (value == null || value instanceof String) {
      return (String) value;
    }
    throw new Broken("\"" + name + "\" is not a string or null");
  }

  private static long number(Map<String, Object> json, String name) throws Broken {
    if (json.get(name) instanceof Long l) {
      return l;
    }
    throw new Broken("\"" + name + "\" is missing or not an integer");
  }

  private static byte[] optionalBase64(Map<String, Object> json, String name) throws Broken {
    String text = optionalText(json, name);
    return text == null ? null : base64(text, name);
  }

  /** Base64 in its one canonical spelling: other spellings of the same bytes are rejected, not tolerated. */
  private static byte[] base64(String text, String name) throws Broken {
    try {
      byte[] bytes = Base64.getDecoder().decode(text);
      if (!Base64.getEncoder().encodeToString(bytes).equals(text)) {
        throw new Broken("\"" + name + "\" is not canonical base64");
      }
      return bytes;
    } catch (IllegalArgumentException e) {
      throw new Broken("\"" + name + "\" is not base64: " + e.getMessage());
    }
  }

  private static byte[] hex(String text, String name, int length) throws Broken {
    if (text.length() != length * 2 || !text.equals(text.toLowerCase(java.util.Locale.ROOT))) {
      throw new Broken("\"" + name + "\" is not " + (length * 2) + " lowercase hex digits");
    }
    try {
      return HEX.parseHex(text);
    } catch (IllegalArgumentException e) {
      throw new Broken("\"" + name + "\" is not hex");
    }
  }

  private static Instant instant(String text, String name) throws Broken {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new Broken("\"" + name + "\" is not an ISO-8601 instant: " + text);
    }
  }

  private static String utf8(byte[] bytes) throws Broken {
    return utf8(bytes, bytes.length);
  }

  private static String utf8(byte[] bytes, int length) throws Broken {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes, 0, length)).toString();
    } catch (CharacterCodingException e) {
      throw new Broken("not UTF-8");
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime provides SHA-256", e);
    }
  }
}
