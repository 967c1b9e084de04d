package io.meshwork.descriptor;

/**
 * Where the product's data comes from: exactly one of an upstream product (id and major version) or a raw source
 * topic. Lineage is built from these.
 *
 * @param product upstream product id, e.g. {@code sales.orders}, or null
 * @param major the upstream product's major version; set exactly when {@code product} is
 * @param topic a raw source topic, e.g. {@code sales.raw-orders}, or null
 */
public record InputPort(String product, Integer major, String topic) {
    public InputPort {
        if ((product == null) == (topic == null)) {
            throw new IllegalArgumentException("an input port is exactly one of a product or a topic");
        }
        if ((product == null) != (major == null)) {
            throw new IllegalArgumentException("an upstream product input port needs its major version");
        }
    }

    /** @return true when the port reads another data product (not a raw topic) */
    public boolean isProduct() {
        return product != null;
    }

    /** @return the topic read: the raw topic, or the upstream product's {@code <id>.v<major>} */
    public String resolvedTopic() {
        return isProduct() ? product + ".v" + major : topic;
    }
}
