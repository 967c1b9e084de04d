package io.meshwork.platform.server.catalog;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

import io.meshwork.catalog.ProductStatus;
import io.meshwork.descriptor.SemanticVersion;
import io.meshwork.schemas.common.Actor;
import io.meshwork.schemas.common.ActorKind;
import io.meshwork.schemas.lifecycle.LifecycleEvent;

/** Reading and checking what callers send: ids, versions, the acting principal. */
final class Requests {
    /** The header naming who acts; without authentication in front of the platform it is taken at its word. */
    static final String PRINCIPAL_HEADER = "X-Meshwork-Principal";

    private static final Pattern PRODUCT_ID = Pattern.compile("[a-z][a-z0-9-]{0,62}\\.[a-z][a-z0-9-]{0,62}");
    private static final Pattern PRINCIPAL = Pattern.compile("[\\p{Graph} ]{1,200}");

    private Requests() {}

    static boolean isProductId(String id) {
        return id != null && PRODUCT_ID.matcher(id).matches();
    }

    static String productId(String id) {
        if (!isProductId(id)) {
            throw ApiException.badRequest(
                    "'" + abbreviate(id) + "' is not a product id",
                    "use <domain>.<name> in lowercase letters, digits and dashes, e.g. sales.orders");
        }
        return id;
    }

    static String version(String version) {
        if (!SemanticVersion.isValid(version)) {
            throw ApiException.badRequest(
                    "'" + abbreviate(version) + "' is not a version", "use MAJOR.MINOR.PATCH, e.g. 1.4.0");
        }
        return version;
    }

    static Actor actor(String principal, ActorKind kind) {
        if (principal == null || principal.isBlank()) {
            return new Actor("anonymous", kind);
        }
        if (!PRINCIPAL.matcher(principal).matches()) {
            throw ApiException.badRequest(
                    "the " + PRINCIPAL_HEADER + " header is not a principal",
                    "send 1 to 200 printable characters, e.g. User:sales-team");
        }
        return new Actor(principal.strip(), kind);
    }

    static ProductStatus status(String status) {
        if (status == null) {
            return null;
        }
        try {
            return ProductStatus.valueOf(status.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(
                    "'" + abbreviate(status) + "' is not a product status",
                    "use one of draft, pending, active, deprecated, retired, rejected");
        }
    }

    static int limit(String limit) {
        if (limit == null || limit.isBlank()) {
            return 50;
        }
        int value = whole("limit", limit, "use a limit from 1 to 500");
        if (value < 1 || value > 500) {
            throw ApiException.badRequest("limit " + value + " is out of range", "use a limit from 1 to 500");
        }
        return value;
    }

    static int offset(String offset) {
        if (offset == null || offset.isBlank()) {
            return 0;
        }
        int value = whole("offset", offset, "use an offset of 0 or more");
        if (value < 0) {
            throw ApiException.badRequest("offset " + value + " is negative", "use an offset of 0 or more");
        }
        return value;
    }

    /** Query parameters arrive as text, so that a non-number is refused here by name rather than by the router. */
    private static int whole(String name, String text, String fix) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name + " '" + abbreviate(text) + "' is not a whole number", fix);
        }
    }

    static String filter(String name, String value) {
        if (value != null && value.length() > 200) {
            throw ApiException.badRequest(
                    "the " + name + " filter is " + value.length() + " characters long", "use at most 200 characters");
        }
        return value == null || value.isBlank() ? null : value;
    }

    static LifecycleEvent event(Actor actor, String productId, Object payload) {
        return LifecycleEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setTime(Instant.now())
                .setActor(actor)
                .setProductId(productId)
                .setPayload(payload)
                .build();
    }

    static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }
}
