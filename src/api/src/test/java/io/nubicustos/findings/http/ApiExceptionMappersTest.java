package io.nubicustos.findings.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;

import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.Test;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;

class ApiExceptionMappersTest {

    final ApiExceptionMappers mappers = new ApiExceptionMappers(new CurrentVertxRequest());

    @Test
    void aRowTheDatabaseRefusesIsA400ThatNamesNoValue() {
        for (String state : new String[] { "23502", "23514", "22P05" }) {
            Response answer = mappers.internal(new IllegalStateException("could not record findings",
                    new SQLException("ERROR: null value in column \"control\"; Failing row contains (PLANTED-TITLE)", state)));
            assertThat(answer.getStatus()).isEqualTo(400);
            assertThat(((ApiError) answer.getEntity()).message()).doesNotContain("PLANTED").doesNotContain("control")
                    .contains("the database refused the request's data");
        }
    }

    @Test
    void anyOtherFailureIsAGeneric500() {
        Response answer = mappers.internal(new IllegalStateException("x", new SQLException("connection refused PLANTED", "08001")));
        assertThat(answer.getStatus()).isEqualTo(500);
        assertThat(((ApiError) answer.getEntity()).message()).doesNotContain("PLANTED");
    }
}
