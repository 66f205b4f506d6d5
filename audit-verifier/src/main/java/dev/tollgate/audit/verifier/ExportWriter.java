package dev.tollgate.audit.verifier;

import dev.tollgate.audit.chain.ChainEntry;
import dev.tollgate.audit.chain.ChainHash;
import dev.tollgate.audit.chain.ChainLink;
import dev.tollgate.audit.chain.CheckpointStatement;
import dev.tollgate.audit.chain.SignedCheckpoint;
import dev.tollgate.audit.chain.SigningKey;
import dev.tollgate.audit.chain.VerifyingKey;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes an export in the NDJSON format of {@link ExportFormat}: one line per chain link, grouped
 * by chain in ascending seq, then the signed manifest line. Streams: holds one summary per chain.
 */
public final class ExportWriter {

  private static final HexFormat HEX = HexFormat.of();
  private static final Base64.Encoder BASE64 = Base64.getEncoder();

  private final OutputStream out;
  private final MessageDigest linesDigest = sha256();
  private final Map<String, ChainSection.Builder> chains = new LinkedHashMap<>();
  private String currentChain;
  private long links;
  private boolean finished;

  public ExportWriter(OutputStream out) {
    this.out = out;
  }

  /**
   * Writes one link.
   *
   * @param payloadJson the decoded event as one line of JSON, for people; null for none (not covered
   *     by the link hash, only by the manifest's linesSha256)
   */
  public void link(ChainLink link, String payloadJson) {
    if (finished) {
      throw new IllegalStateException("the manifest is written");
    }
    if (!link.chainId().equals(currentChain)) {
      if (chains.containsKey(link.chainId())) {
        throw new IllegalStateException("links of chain " + link.chainId() + " must be written together");
      }
      currentChain = link.chainId();
      chains.put(currentChain, new ChainSection.Builder(currentChain));
    }
    chains.get(currentChain).add(link);
    StringBuilder line = new StringBuilder(512);
    line.append("{\"type\":\"link\"");
    member(line, "chainId").append(str(link.chainId()));
    member(line, "seq").append(link.seq());
    member(line, "prevHash").append(str(link.prevHash().hex()));
    member(line, "hash").append(str(link.hash().hex()));
    ChainEntry entry = link.entry();
    member(line, "kind").append(str(entry instanceof ChainEntry.Event ? ExportFormat.KIND_EVENT : ExportFormat.KIND_UNREADABLE));
    member(line, "topic").append(str(entry.source().topic()));
    member(line, "partition").append(entry.source().partition());
    member(line, "offset").append(entry.source().offset());
    member(line, "key").append(str(base64(entry.key())));
    member(line, "value").append(str(base64(entry.value())));
    if (entry instanceof ChainEntry.Event e) {
      member(line, "schemaId").append(e.schemaId());
      member(line, "eventId").append(str(e.eventId()));
      member(line, "eventType").append(str(e.eventType()));
      member(line, "occurredAt").append(str(e.occurredAt().toString()));
      member(line, "actor").append(str(e.actor()));
      member(line, "deploymentId").append(str(e.deploymentId()));
      member(line, "modelName").append(str(e.modelName()));
      member(line, "modelVersion").append(str(e.modelVersion()));
      member(line, "environment").append(str(e.environment()));
      member(line, "causationId").append(str(e.causationId()));
    } else if (entry instanceof ChainEntry.Unreadable u) {
      member(line, "reason").append(str(u.reason()));
      member(line, "message").append(str(u.message()));
    }
    if (payloadJson != null) {
      if (payloadJson.indexOf('\n') >= 0 || payloadJson.indexOf('\r') >= 0) {
        throw new IllegalArgumentException("the payload of link " + link.seq() + " is not one line of JSON");
      }
      member(line, "payload").append(payloadJson);
    }
    line.append("}\n");
    byte[] bytes = line.toString().getBytes(StandardCharsets.UTF_8);
    linesDigest.update(bytes);
    write(bytes);
    links++;
  }

  /** The chains written so far, in order, each with its first and last seq. */
  public List<ChainSection> chains() {
    return chains.values().stream().map(ChainSection.Builder::build).toList();
  }

  /**
   * Writes the manifest line, signed with {@code key}, and flushes.
   *
   * @param checkpoints the signed checkpoints of the exported chains within their exported seq ranges
   */
  public void finish(ExportFilter filter, Instant exportedAt, List<SignedCheckpoint> checkpoints, SigningKey key) {
    if (finished) {
      throw new IllegalStateException("the manifest is written");
    }
    finished = true;
    StringBuilder m = new StringBuilder(1024);
    m.append("{\"type\":\"manifest\"");
    member(m, "format").append(str(ExportFormat.FORMAT));
    member(m, "exportedAt").append(str(exportedAt.toString()));
    member(m, "filter").append("{\"model\":").append(str(filter.model()))
        .append(",\"from\":").append(str(filter.from() == null ? null : filter.from().toString()))
        .append(",\"to\":").append(str(filter.to() == null ? null : filter.to().toString())).append('}');
    member(m, "links").append(links);
    member(m, "chains").append('[');
    List<ChainSection> sections = chains();
    for (int i = 0; i < sections.size(); i++) {
      ChainSection s = sections.get(i);
      m.append(i == 0 ? "" : ",").append("{\"chainId\":").append(str(s.chainId()))
          .append(",\"firstSeq\":").append(s.firstSeq())
          .append(",\"lastSeq\":").append(s.lastSeq())
          .append(",\"firstPrevHash\":").append(str(s.firstPrevHash().hex()))
          .append(",\"lastHash\":").append(str(s.lastHash().hex()))
          .append(",\"links\":").append(s.links())
          .append(",\"contiguous\":").append(s.contiguous()).append('}');
    }
    m.append(']');
    member(m, "checkpoints").append('[');
    for (int i = 0; i < checkpoints.size(); i++) {
      CheckpointStatement c = checkpoints.get(i).statement();
      m.append(i == 0 ? "" : ",").append("{\"chainId\":").append(str(c.chainId()))
          .append(",\"seq\":").append(c.seq())
          .append(",\"headHash\":").append(str(c.headHash().hex()))
          .append(",\"eventCount\":").append(c.eventCount())
          .append(",\"signedAt\":").append(str(c.signedAt().toString()))
          .append(",\"keyId\":").append(str(c.keyId()))
          .append(",\"signature\":").append(str(BASE64.encodeToString(checkpoints.get(i).signature()))).append('}');
    }
    m.append(']');
    member(m, "linesSha256").append(str(HEX.formatHex(linesDigest.digest())));
    member(m, "keyId").append(str(key.keyId()));
    member(m, "algorithm").append(str(VerifyingKey.ALGORITHM));
    m.append('}');
    byte[] signed = m.toString().getBytes(StandardCharsets.UTF_8);
    String signature = BASE64.encodeToString(key.sign(signed));
    m.setLength(m.length() - 1);
    m.append(ExportFormat.SIGNATURE_MARKER).append(signature).append("\"}\n");
    write(m.toString().getBytes(StandardCharsets.UTF_8));
    try {
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void write(byte[] bytes) {
    try {
      out.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("writing the export failed", e);
    }
  }

  private static StringBuilder member(StringBuilder out, String name) {
    return out.append(",\"").append(name).append("\":");
  }

  private static String str(String value) {
    return Json.string(new StringBuilder(), value).toString();
  }

  private static String base64(byte[] bytes) {
    return bytes == null ? null : BASE64.encodeToString(bytes);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime provides SHA-256", e);
    }
  }

  /** One chain's part of an export. */
  public record ChainSection(String chainId, long firstSeq, long lastSeq, ChainHash firstPrevHash, ChainHash lastHash,
      long links, boolean contiguous) {

    static final class Builder {
      private final String chainId;
      private long firstSeq;
      private long lastSeq;
      private ChainHash firstPrevHash;
      private ChainHash lastHash;
      private long links;

      Builder(String chainId) {
        this.chainId = chainId;
      }

      void add(ChainLink link) {
        if (links > 0 && link.seq() <= lastSeq) {
          throw new IllegalStateException("links of chain " + chainId + " must be written in ascending seq: "
              + link.seq() + " after " + lastSeq);
        }
        if (links == 0) {
          firstSeq = link.seq();
          firstPrevHash = link.prevHash();
        }
        lastSeq = link.seq();
        lastHash = link.hash();
        links++;
      }

      ChainSection build() {
        return new ChainSection(chainId, firstSeq, lastSeq, firstPrevHash, lastHash, links,
            lastSeq - firstSeq + 1 == links);
      }
    }
  }
}
