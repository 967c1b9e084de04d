package io.meshwork.platform.server.catalog;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Hands the ids of products each folded batch changed to whoever listens (the search index, the governor). */
final class CatalogChanges implements Consumer<Set<String>> {
    private final List<Consumer<Set<String>>> listeners = new CopyOnWriteArrayList<>();

    void listen(Consumer<Set<String>> listener) {
        listeners.add(listener);
    }

    @Override
    public void accept(Set<String> changed) {
        for (Consumer<Set<String>> l : listeners) {
            l.accept(changed);
        }
    }
}
