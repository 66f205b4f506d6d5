package dev.tollgate.audit.handoff.document;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes recorded text (reasons, comments, names) safe to place in a Markdown line or table cell: line
 * breaks become spaces, so no value starts a heading, list, quote or table row of its own (the
 * renderer never puts a value at the start of a line), and every character with inline meaning is
 * backslash-escaped ({@code \ ` * _ [ ] < > # | ~ &}), so a value cannot open emphasis, a link, an
 * image, HTML, an entity or a table cell.
 */
public final class Markdown {

  private static final Pattern LINE_BREAKS = Pattern.compile("[\\r\\n\\u0085\\u2028\\u2029]+");
  private static final Pattern SIGNIFICANT = Pattern.compile("[\\\\`*_\\[\\]<>#|~&]");
  private static final Pattern BACKTICKS = Pattern.compile("`+");

  private Markdown() {}

  /** Inline text; null renders as an em dash. */
  public static String text(String value) {
    if (value == null) {
      return "—";
    }
    String oneLine = LINE_BREAKS.matcher(value).replaceAll(" ").strip();
    return SIGNIFICANT.matcher(oneLine).replaceAll(m -> Matcher.quoteReplacement("\\" + m.group()));
  }

  /**
   * A code span (digests, versions, ids): fenced by more backticks than the value contains, so the
   * value cannot close it; a {@code |} is escaped since GFM tables split cells inside code spans too.
   */
  public static String code(String value) {
    if (value == null) {
      return "—";
    }
    String oneLine = LINE_BREAKS.matcher(value).replaceAll(" ").strip().replace("|", "\\|");
    int longest = BACKTICKS.matcher(oneLine).results().mapToInt(r -> r.group().length()).max().orElse(0);
    String fence = "`".repeat(longest + 1);
    String pad = oneLine.startsWith("`") || oneLine.endsWith("`") ? " " : "";
    return fence + pad + oneLine + pad + fence;
  }
}
