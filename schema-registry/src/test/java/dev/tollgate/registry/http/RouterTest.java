package dev.tollgate.registry.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.registry.store.RegistryError;
import dev.tollgate.registry.store.RegistryException;
import org.junit.jupiter.api.Test;

class RouterTest {

  private final Router.Handler versions = request -> ApiResponse.ok("versions");
  private final Router.Handler register = request -> ApiResponse.ok("register");
  private final Router router = new Router()
      .get("/subjects/{subject}/versions", versions)
      .post("/subjects/{subject}/versions", register)
      .get("/config", request -> ApiResponse.ok("config"));

  @Test
  void routesByMethodAndPathAndDecodesEachSegment() {
    Router.Match match = router.route("POST", "/subjects/a%2Fb+c%20d/versions");

    assertThat(match.handler()).isSameAs(register);
    assertThat(match.pathVariables()).containsEntry("subject", "a/b+c d");
    assertThat(router.route("GET", "/subjects/x/versions/").handler()).isSameAs(versions);
  }

  @Test
  void unknownPathIs404AndWrongMethodIs405() {
    assertThatThrownBy(() -> router.route("GET", "/nowhere"))
        .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.error()).isEqualTo(RegistryError.NOT_FOUND));
    assertThatThrownBy(() -> router.route("DELETE", "/subjects/x/versions"))
        .isInstanceOfSatisfying(RegistryException.class,
            e -> assertThat(e.error()).isEqualTo(RegistryError.METHOD_NOT_ALLOWED));
  }

  @Test
  void decodesQueryParameters() {
    assertThat(Router.query("deleted=true&subject=a%2Bb&flag")).containsEntry("deleted", "true")
        .containsEntry("subject", "a+b").containsEntry("flag", "");
  }
}
