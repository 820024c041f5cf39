package io.nubicustos.findings.http;

import java.sql.SQLException;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;

/**
 * Every error answer has the same shape and a message that is safe to show: what was wrong with
 * the request, or a generic sentence. Details of internal errors go to the log once, with the
 * request id the caller was given.
 */
public class ApiExceptionMappers {

    private static final Logger LOG = Logger.getLogger(ApiExceptionMappers.class);

    private final CurrentVertxRequest current;

    public ApiExceptionMappers(CurrentVertxRequest current) {
        this.current = current;
    }

    @ServerExceptionMapper
    public Response invalid(InvalidInput e) {
        return answer(400, "Bad Request", e.getMessage());
    }

    @ServerExceptionMapper
    public Response conflict(Conflict e) {
        return answer(409, "Conflict", e.getMessage());
    }

    @ServerExceptionMapper
    public Response notFound(NotFound e) {
        return answer(404, "Not Found", "not found");
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e) {
        // Jackson's message quotes the input: never echoed.
        return answer(400, "Bad Request", "the request body is not valid JSON for this endpoint");
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status == 503) {
            LOG.warnf(e, "request %s: a dependency is unavailable", requestId());
            return answer(503, "Service Unavailable", "a dependency is unavailable; retry later");
        }
        if (status >= 500) {
            return internal(e);
        }
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonProcessingException json) {
                return malformedJson(json);
            }
        }
        String message = switch (status) {
            case 400 -> "bad request: check the parameters' names and types";
            case 404 -> "not found";
            case 405 -> "method not allowed";
            case 401 -> "authentication required";
            case 403 -> "this key may not do that";
            case 406 -> "not acceptable";
            case 409 -> "the request conflicts with the current state";
            case 413 -> "request body too large";
            case 415 -> "unsupported media type";
            default -> "request refused";
        };
        Response.Status known = Response.Status.fromStatusCode(status);
        Response answer = answer(status, known == null ? "Error" : known.getReasonPhrase(), message);
        // A challenge or a retry hint set by the thrower is part of the answer.
        for (String header : new String[] { "WWW-Authenticate", "Retry-After" }) {
            Object value = e.getResponse().getHeaders().getFirst(header);
            if (value != null) {
                answer = Response.fromResponse(answer).header(header, value).build();
            }
        }
        return answer;
    }

    @ServerExceptionMapper
    public Response internal(Throwable e) {
        String refused = refusedData(e);
        if (refused != null) {
            // The driver's message and the statement may quote the row (PostgreSQL's "Failing row
            // contains ..."): neither is logged nor answered, only the SQLState.
            LOG.warnf("request %s: the database refused the request's data (SQLState %s)", requestId(), refused);
            return answer(400, "Bad Request", "the database refused the request's data: a required value is missing or a value is not allowed");
        }
        LOG.errorf(e, "request %s failed", requestId());
        return answer(500, "Internal Server Error", "internal error; quote the request id when reporting it");
    }

    /**
     * The SQLState when {@code e} was caused by PostgreSQL refusing data (class 22, data
     * exception: a NUL character, a value too long; class 23, integrity constraint violation: a
     * missing required value, a broken check), else null.
     */
    private static String refusedData(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("22") || sql.getSQLState().startsWith("23"))) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    private Response answer(int status, String error, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ApiError(status, error, message, requestId())).build();
    }

    private String requestId() {
        return current.getCurrent() == null ? null : RequestContext.of(current.getCurrent()).requestId();
    }
}
