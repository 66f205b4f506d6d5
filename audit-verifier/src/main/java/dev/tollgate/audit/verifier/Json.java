package dev.tollgate.audit.verifier;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The little JSON this verifier needs, so that it runs on a bare JDK: writing strings with the
 * escapes RFC 8259 requires, and a strict parser (one value per text, no duplicate member names,
 * no trailing input). Parsed values: Map (member order kept), List, String, Long or BigDecimal,
 * Boolean, null.
 */
public final class Json {

  private Json() {}

  /** Appends {@code value} as a JSON string literal, or {@code null}. */
  public static StringBuilder string(StringBuilder out, String value) {
    if (value == null) {
      return out.append("null");
    }
    out.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"');
  }

  /** Parses one JSON text; throws {@link IllegalArgumentException} naming the column of the first error. */
  public static Object parse(String text) {
    Parser parser = new Parser(text);
    parser.whitespace();
    Object value = parser.value();
    parser.whitespace();
    if (parser.pos != text.length()) {
      throw parser.error("unexpected content after the JSON value");
    }
    return value;
  }

  private static final class Parser {
    private final String text;
    private int pos;

    Parser(String text) {
      this.text = text;
    }

    Object value() {
      if (pos >= text.length()) {
        throw error("unexpected end of input");
      }
      char c = text.charAt(pos);
      return switch (c) {
        case '{' -> object();
        case '[' -> array();
        case '"' -> string();
        case 't' -> literal("true", Boolean.TRUE);
        case 'f' -> literal("false", Boolean.FALSE);
        case 'n' -> literal("null", null);
        default -> {
          if (c == '-' || (c >= '0' && c <= '9')) {
            yield number();
          }
          throw error("unexpected character '" + c + "'");
        }
      };
    }

    private Map<String, Object> object() {
      Map<String, Object> members = new LinkedHashMap<>();
      pos++;
      whitespace();
      if (peek('}')) {
        pos++;
        return members;
      }
      while (true) {
        whitespace();
        if (!peek('"')) {
          throw error("expected a member name");
        }
        String name = string();
        whitespace();
        expect(':');
        whitespace();
        if (members.containsKey(name)) {
          throw error("member \"" + name + "\" appears twice");
        }
        members.put(name, value());
        whitespace();
        if (peek(',')) {
          pos++;
        } else {
          expect('}');
          return members;
        }
      }
    }

    private List<Object> array() {
      List<Object> items = new ArrayList<>();
      pos++;
      whitespace();
      if (peek(']')) {
        pos++;
        return items;
      }
      while (true) {
        whitespace();
        items.add(value());
        whitespace();
        if (peek(',')) {
          pos++;
        } else {
          expect(']');
          return items;
        }
      }
    }

    private String string() {
      pos++; // opening quote
      StringBuilder out = new StringBuilder();
      while (true) {
        if (pos >= text.length()) {
          throw error("unterminated string");
        }
        char c = text.charAt(pos++);
        if (c == '"') {
          return out.toString();
        }
        if (c < 0x20) {
          throw error("control character in a string");
        }
        if (c != '\\') {
          out.append(c);
          continue;
        }
        if (pos >= text.length()) {
          throw error("unterminated escape");
        }
        char e = text.charAt(pos++);
        switch (e) {
          case '"', '\\', '/' -> out.append(e);
          case 'n' -> out.append('\n');
          case 'r' -> out.append('\r');
          case 't' -> out.append('\t');
          case 'b' -> out.append('\b');
          case 'f' -> out.append('\f');
          case 'u' -> {
            if (pos + 4 > text.length()) {
              throw error("short \\u escape");
            }
            try {
              out.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
            } catch (NumberFormatException ex) {
              throw error("bad \\u escape");
            }
            pos += 4;
          }
          default -> throw error("bad escape \\" + e);
        }
      }
    }

    private Object number() {
      int start = pos;
      if (peek('-')) {
        pos++;
      }
      digits();
      boolean integral = true;
      if (peek('.')) {
        integral = false;
        pos++;
        digits();
      }
      if (peek('e') || peek('E')) {
        integral = false;
        pos++;
        if (peek('+') || peek('-')) {
          pos++;
        }
        digits();
      }
      String literal = text.substring(start, pos);
      if (integral) {
        try {
          return Long.parseLong(literal);
        } catch (NumberFormatException e) {
          return new BigDecimal(literal);
        }
      }
      return new BigDecimal(literal);
    }

    private void digits() {
      int start = pos;
      while (pos < text.length() && Character.isDigit(text.charAt(pos)) && text.charAt(pos) < 128) {
        pos++;
      }
      if (pos == start) {
        throw error("expected a digit");
      }
    }

    private Object literal(String word, Object value) {
      if (!text.startsWith(word, pos)) {
        throw error("unexpected token");
      }
      pos += word.length();
      return value;
    }

    void whitespace() {
      while (pos < text.length() && " \t\r\n".indexOf(text.charAt(pos)) >= 0) {
        pos++;
      }
    }

    private boolean peek(char c) {
      return pos < text.length() && text.charAt(pos) == c;
    }

    private void expect(char c) {
      if (!peek(c)) {
        throw error("expected '" + c + "'");
      }
      pos++;
    }

    IllegalArgumentException error(String message) {
      return new IllegalArgumentException("invalid JSON at column " + (pos + 1) + ": " + message);
    }
  }
}
