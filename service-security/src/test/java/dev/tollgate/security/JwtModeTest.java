package dev.tollgate.security;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * JWT mode with the identity provider's public key: claims map to user, roles and groups (claim
 * names configured the way a Keycloak realm sends them); a foreign signature, an expired token or
 * a token without the user claim is a 401 problem.
 */
@SpringBootTest(classes = SecuredApp.class, properties = {
    "tollgate.security.mode=jwt",
    "tollgate.security.jwt.user-claim=preferred_username",
    "tollgate.security.jwt.roles-claim=realm_access.roles",
    "tollgate.security.jwt.groups-claim=groups",
    // static tokens are ignored in JWT mode
    "tollgate.security.tokens.static-token.user=eve", "tollgate.security.tokens.static-token.roles=admin"})
@AutoConfigureMockMvc
class JwtModeTest {

  static final KeyPair IDP = rsa();
  static final KeyPair FORGER = rsa();

  @DynamicPropertySource
  static void identityProvider(DynamicPropertyRegistry registry) throws IOException {
    Path pem = Files.createTempFile("idp-public", ".pem");
    pem.toFile().deleteOnExit();
    Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(IDP.getPublic().getEncoded())
        + "\n-----END PUBLIC KEY-----\n");
    registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", () -> "file:" + pem);
  }

  @Autowired
  MockMvc mvc;

  @Test
  void claimsBecomeUserRolesAndGroups() throws Exception {
    String token = sign(IDP, claims -> claims
        .claim("realm_access", Map.of("roles", List.of("approver", "operator")))
        .claim("groups", List.of("/ml-lead", "sre")));

    mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + token))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.user").value("alice"))
        .andExpect(jsonPath("$.roles").value(org.hamcrest.Matchers.contains("approver", "operator")))
        .andExpect(jsonPath("$.groups").value(org.hamcrest.Matchers.contains("ml-lead", "sre")));
  }

  @Test
  void rolesDecideAccess() throws Exception {
    String approver = sign(IDP, claims -> claims.claim("realm_access", Map.of("roles", List.of("approver"))));
    String admin = sign(IDP, claims -> claims.claim("realm_access", Map.of("roles", "admin auditor")));

    mvc.perform(get("/api/v1/admin").header("Authorization", "Bearer " + approver))
        .andExpect(status().isForbidden())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value("https://tollgate.dev/problems/forbidden"))
        .andExpect(jsonPath("$.detail").value("your roles (approver) do not allow GET /api/v1/admin"));
    mvc.perform(get("/api/v1/admin").header("Authorization", "Bearer " + admin))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.user").value("alice"));
  }

  @Test
  void aTokenSignedByAnotherKeyIs401() throws Exception {
    String forged = sign(FORGER, claims -> claims.claim("realm_access", Map.of("roles", List.of("admin"))));

    unauthorized(forged).andExpect(jsonPath("$.detail", containsString("signature")));
  }

  @Test
  void anExpiredTokenIs401() throws Exception {
    Instant longAgo = Instant.now().minusSeconds(3600);
    String expired = sign(IDP, claims -> claims.issueTime(Date.from(longAgo))
        .expirationTime(Date.from(longAgo.plusSeconds(300))));

    unauthorized(expired).andExpect(jsonPath("$.detail", containsString("expired")));
  }

  @Test
  void aTokenWithoutTheUserClaimIs401() throws Exception {
    String anonymous = sign(IDP, claims -> claims.claim("preferred_username", null));

    unauthorized(anonymous).andExpect(jsonPath("$.detail", containsString("preferred_username")));
  }

  @Test
  void staticTokensAreNotAcceptedInJwtMode() throws Exception {
    unauthorized("static-token");
  }

  @Test
  void noTokenIs401AndPublicEndpointsStayOpen() throws Exception {
    mvc.perform(get("/api/v1/me"))
        .andExpect(status().isUnauthorized())
        .andExpect(header().string("WWW-Authenticate", "Bearer realm=\"tollgate\""))
        .andExpect(jsonPath("$.detail").value("this endpoint needs 'Authorization: Bearer <token>'"));
    mvc.perform(get("/actuator/health")).andExpect(status().isNotFound()); // public: no 401, just not exposed here
  }

  private org.springframework.test.web.servlet.ResultActions unauthorized(String token) throws Exception {
    return mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + token))
        .andExpect(status().isUnauthorized())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(header().string("WWW-Authenticate", "Bearer realm=\"tollgate\""))
        .andExpect(jsonPath("$.type").value("https://tollgate.dev/problems/unauthenticated"))
        .andExpect(jsonPath("$.status").value(401));
  }

  private static String sign(KeyPair key, Consumer<JWTClaimsSet.Builder> customize) throws JOSEException {
    Instant now = Instant.now();
    JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
        .subject("5b0c3f2e-user-id")
        .claim("preferred_username", "alice")
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plusSeconds(300)));
    customize.accept(claims);
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims.build());
    jwt.sign(new RSASSASigner(key.getPrivate()));
    return jwt.serialize();
  }

  private static KeyPair rsa() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
