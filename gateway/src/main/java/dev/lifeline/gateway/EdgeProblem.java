package dev.lifeline.gateway;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

/** An {@code application/problem+json} answer made by the gateway itself, in the shape the services use. */
record EdgeProblem(int status, String code, String title, String detail) {

    static final String MEDIA_TYPE = "application/problem+json";

    Buffer body() {
        return new JsonObject()
                .put("type", "urn:lifeline:problem:" + code)
                .put("title", title)
                .put("status", status)
                .put("detail", detail)
                .put("code", code)
                .toBuffer();
    }
}
