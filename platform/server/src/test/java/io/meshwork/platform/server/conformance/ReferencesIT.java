package io.meshwork.platform.server.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.meshwork.platform.server.conformance.AvroSchemas.field;
import static io.meshwork.platform.server.conformance.AvroSchemas.record;
import static io.meshwork.platform.server.conformance.RegistryAssertions.assertClientError;
import static io.meshwork.platform.server.conformance.RegistryAssertions.assertError;
import static io.meshwork.platform.server.conformance.RegistryAssertions.assertOk;
import static io.meshwork.platform.server.conformance.RegistryClient.parse;
import static io.meshwork.platform.server.conformance.RegistryClient.schemaRequest;
import static io.meshwork.platform.server.conformance.RegistryClient.schemaRequestWithReference;
import static io.meshwork.platform.server.conformance.RegistryClient.versionsOf;
import static org.assertj.core.api.Assertions.assertThat;

/** Schema references: an {@code Order} that uses {@code com.example.Customer} from another subject. */
class ReferencesIT {
    @RegisterExtension
    static final RegistryUnderTest registry = new RegistryUnderTest();

    private static final String CUSTOMER = record("Customer", field("id", "string"), field("name", "string"));
    private static final String ORDER =
            record("Order", field("id", "string"), field("customer", "com.example.Customer"));

    private final RegistryClient client = registry.client();

    /** Registers the customer under its subject and the order referencing it. @return the order's id */
    private int registerOrderReferencingCustomer(String customerSubject, String orderSubject) {
        client.register(customerSubject, CUSTOMER);
        Reply order = client.post(
                versionsOf(orderSubject),
                schemaRequestWithReference(ORDER, "com.example.Customer", customerSubject, 1));
        assertOk(order);
        return order.id();
    }

    @Test
    void shouldRegisterASchemaReferencingAnotherSubjectAndReturnItsReferences() {
        int orderId = registerOrderReferencingCustomer("customer-value", "order-value");

        JsonNode byId = assertOk(client.get("schemas/ids/" + orderId)).json();

        JsonNode schema = parse(byId.path("schema").asText());
        assertThat(schema.path("name").asText()).isEqualTo("Order");
        JsonNode customerType = schema.path("fields").path(1).path("type");
        assertThat(customerType.isTextual())
                .as("the referenced type stays a name, not inlined, in %s", schema)
                .isTrue();
        // Within namespace com.example, "Customer" and "com.example.Customer" name the same type.
        assertThat(customerType.asText()).isIn("Customer", "com.example.Customer");
        assertThat(byId.path("references"))
                .containsExactly(
                        parse("{\"name\":\"com.example.Customer\",\"subject\":\"customer-value\",\"version\":1}"));
    }

    @Test
    void shouldReturnTheReferencesOfAVersion() {
        registerOrderReferencingCustomer("customer-version-refs-value", "order-version-refs-value");

        JsonNode version = assertOk(client.get("subjects/order-version-refs-value/versions/1"))
                .json();

        assertThat(version.path("references"))
                .containsExactly(parse("{\"name\":\"com.example.Customer\","
                        + "\"subject\":\"customer-version-refs-value\",\"version\":1}"));
    }

    @Test
    void shouldListTheIdsReferencingAVersion() {
        int orderId = registerOrderReferencingCustomer("customer-referenced-value", "order-referencing-value");

        Reply referencedBy = assertOk(client.get("subjects/customer-referenced-value/versions/1/referencedby"));

        assertThat(referencedBy.ints()).containsExactly(orderId);
    }

    @Test
    void shouldAnswerAnEmptyListForAVersionNothingReferences() {
        client.register("lonely-customer-value", CUSTOMER);

        Reply referencedBy = assertOk(client.get("subjects/lonely-customer-value/versions/1/referencedby"));

        assertThat(referencedBy.json().isArray()).as("%s", referencedBy).isTrue();
        assertThat(referencedBy.json()).isEmpty();
    }

    @Test
    void shouldRefuseToDeleteAReferencedVersionWith42206() {
        registerOrderReferencingCustomer("customer-kept-value", "order-keeping-value");

        assertError(client.delete("subjects/customer-kept-value/versions/1"), 422, 42206);
        assertThat(assertOk(client.get(versionsOf("customer-kept-value"))).ints())
                .containsExactly(1);
    }

    @Test
    void shouldRefuseToDeleteAReferencedSubjectWith42206() {
        registerOrderReferencingCustomer("customer-subject-kept-value", "order-subject-keeping-value");

        assertError(client.delete("subjects/customer-subject-kept-value"), 422, 42206);
    }

    @Test
    void shouldRefuseAReferenceToAMissingSubjectWithAClientError(TestReporter reporter) {
        Reply reply = client.post(
                versionsOf("order-dangling-subject-value"),
                schemaRequestWithReference(ORDER, "com.example.Customer", "no-such-customer-value", 1));

        assertClientError(reply);
        assertThat(reply.status()).as("%s", reply).isIn(404, 422);
        reporter.publishEntry("missing reference subject", reply.status() + "/" + reply.errorCode());
    }

    @Test
    void shouldRefuseAReferenceToAMissingVersionWithAClientError(TestReporter reporter) {
        client.register("customer-one-version-value", CUSTOMER);

        Reply reply = client.post(
                versionsOf("order-dangling-version-value"),
                schemaRequestWithReference(ORDER, "com.example.Customer", "customer-one-version-value", 5));

        assertClientError(reply);
        assertThat(reply.status()).as("%s", reply).isIn(404, 422);
        reporter.publishEntry("missing reference version", reply.status() + "/" + reply.errorCode());
    }

    @Test
    void shouldRefuseASchemaUsingAnUnknownNamedTypeWithoutReferencesAsInvalid() {
        Reply reply = client.post(versionsOf("order-unreferenced-value"), schemaRequest(ORDER));

        assertError(reply, 422, 42201);
    }

    @Test
    void shouldTreatReferencesAsPartOfASchemasIdentity() {
        int orderId = registerOrderReferencingCustomer("customer-identity-value", "order-identity-value");

        Reply lookup = assertOk(client.post(
                "subjects/order-identity-value",
                schemaRequestWithReference(ORDER, "com.example.Customer", "customer-identity-value", 1)));

        assertThat(lookup.json().path("id").asInt()).isEqualTo(orderId);
        assertThat(lookup.json().path("version").asInt()).isEqualTo(1);
    }

    @Test
    void shouldAssignDifferentIdsToTheSameTextWithDifferentReferences() {
        int first = registerOrderReferencingCustomer("customer-first-value", "order-first-value");
        int second = registerOrderReferencingCustomer("customer-second-value", "order-second-value");

        assertThat(second).isNotEqualTo(first);
    }
}
