package io.meshwork.domains.marketing;

import java.util.Locale;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwork.sdk.source.MalformedRecordException;
import io.meshwork.sdk.source.RawJson;

/**
 * Reads the web shop's raw clickstream ({@code marketing.raw-web-events}, JSON):
 *
 * <pre>{@code
 * {"eventId": "e-1", "sessionId": "s-9", "customerId": "c-00042", "kind": "view", "page": "/p/SKU-00042",
 *  "at": "2026-12-01T10:00:00Z"}
 * }</pre>
 *
 * {@code customerId} is null or absent for anonymous visitors. An event that is not such an event is refused with a
 * {@link MalformedRecordException} naming the field; the SDK sends it to the dead-letter topic with that cause.
 */
final class WebEvents {
    private static final Pattern CUSTOMER = Pattern.compile("c-[0-9]{1,10}");

    private WebEvents() {}

    /**
     * @param text the event's value
     * @return the event
     * @throws MalformedRecordException naming the field and the problem
     */
    static WebEvent parse(String text) {
        RawJson json = RawJson.object(text, "web event");
        String customer = null;
        JsonNode c = json.get("customerId");
        if (c != null) {
            if (!c.isTextual() || !CUSTOMER.matcher(c.asText()).matches()) {
                throw new MalformedRecordException("customerId " + RawJson.abbreviate(c.toString())
                        + " is not a customer id such as c-00042 (leave it null for anonymous visitors)");
            }
            customer = c.asText();
        }
        String kindText = json.text("kind");
        WebEvent.Kind kind;
        try {
            kind = WebEvent.Kind.valueOf(kindText.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new MalformedRecordException(
                    "kind '" + RawJson.abbreviate(kindText) + "' is not view, click or search");
        }
        return new WebEvent(
                json.text("eventId"),
                json.text("sessionId"),
                customer,
                kind,
                json.text("page", 500),
                json.instant("at"));
    }
}
