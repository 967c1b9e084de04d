package io.meshwork.platform.server.catalog;

import java.util.LinkedHashMap;
import java.util.Map;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;

/** Refusals of the catalog API as {@code {"error_code", "message", "fix", "details"}}. */
@Controller
class ApiErrors {
    @Error(global = true, exception = ApiException.class)
    HttpResponse<String> refused(ApiException e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error_code", e.errorCode());
        body.put("message", e.getMessage());
        if (e.fix() != null) {
            body.put("fix", e.fix());
        }
        if (e.details() != null) {
            body.put("details", e.details());
        }
        return ApiJson.respond(HttpStatus.valueOf(e.status()), body);
    }
}
