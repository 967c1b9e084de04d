package io.meshwork.kafka.embedded;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that gives tests the real Kafka broker, started once per test JVM and shared by every test class
 * that uses the extension. Each test gets its own {@link TestTopics}, whose topics are unique and deleted afterwards.
 *
 * <pre>{@code
 * @ExtendWith(EmbeddedKafkaExtension.class)
 * class OrdersIT {
 *     @Test
 *     void shouldReadBackWhatWasWritten(TestTopics topics) {
 *         String topic = topics.create("orders");
 *         ...
 *     }
 * }
 * }</pre>
 *
 * <p>Parameters resolved: {@link EmbeddedKafkaBroker} (the shared broker) and {@link TestTopics} (per test method, or
 * per class when asked for in a {@code @BeforeAll} method or a constructor).
 */
public final class EmbeddedKafkaExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(EmbeddedKafkaExtension.class);

    /**
     * The broker shared by every test in this JVM, started on first use and stopped when the test run ends.
     *
     * @param context any extension context of the run
     * @return the running shared broker
     */
    public static EmbeddedKafkaBroker sharedBroker(ExtensionContext context) {
        return context.getRoot()
                .getStore(NAMESPACE)
                .getOrComputeIfAbsent(SharedBroker.class, key -> new SharedBroker(), SharedBroker.class)
                .broker;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        return type == EmbeddedKafkaBroker.class || type == TestTopics.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext)
            throws ParameterResolutionException {
        EmbeddedKafkaBroker broker = sharedBroker(extensionContext);
        if (parameterContext.getParameter().getType() == EmbeddedKafkaBroker.class) {
            return broker;
        }
        String owner = extensionContext
                .getTestMethod()
                .map(method -> method.getName())
                .orElseGet(() -> extensionContext.getRequiredTestClass().getSimpleName());
        return extensionContext
                .getStore(NAMESPACE)
                .getOrComputeIfAbsent(
                        TestTopicsResource.class,
                        key -> new TestTopicsResource(new TestTopics(broker.bootstrapServers(), owner)),
                        TestTopicsResource.class)
                .topics;
    }

    /** The shared broker, closed by JUnit when the root context closes (the end of the run in this JVM). */
    private static final class SharedBroker implements ExtensionContext.Store.CloseableResource {
        private final EmbeddedKafkaBroker broker =
                EmbeddedKafkaBroker.builder().build().start();

        @Override
        public void close() {
            broker.close();
        }
    }

    /** A test's topics, deleted by JUnit when the test's context closes. */
    private static final class TestTopicsResource implements ExtensionContext.Store.CloseableResource {
        private final TestTopics topics;

        TestTopicsResource(TestTopics topics) {
            this.topics = topics;
        }

        @Override
        public void close() {
            topics.close();
        }
    }
}
