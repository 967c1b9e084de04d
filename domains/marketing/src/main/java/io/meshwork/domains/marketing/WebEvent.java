package io.meshwork.domains.marketing;

import java.time.Instant;

/**
 * A web-shop event, as read from the raw clickstream.
 *
 * @param eventId the event id
 * @param sessionId the browser session
 * @param customerId the signed-in customer, or null for an anonymous visitor
 * @param kind what happened
 * @param page the page path
 * @param at when
 */
record WebEvent(String eventId, String sessionId, String customerId, Kind kind, String page, Instant at) {
    /** What a visitor did. */
    enum Kind {
        VIEW,
        CLICK,
        SEARCH
    }
}
