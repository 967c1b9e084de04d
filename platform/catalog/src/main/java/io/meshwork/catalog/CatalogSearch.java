package io.meshwork.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import io.meshwork.catalog.search.ProductSearchIndex;
import io.meshwork.catalog.search.SchemaField;
import io.meshwork.catalog.search.SearchDocument;
import io.meshwork.catalog.search.SearchFilter;
import io.meshwork.catalog.search.SearchResult;
import io.meshwork.descriptor.ProductDescriptor;
import io.meshwork.schemas.lifecycle.SchemaDocument;
import io.meshwork.schemas.lifecycle.SchemaRole;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * Keeps the full-text index in step with the catalog: given the ids of changed products (as {@link CatalogLog}
 * reports them), re-indexes their newest descriptor and value schema fields.
 */
public final class CatalogSearch implements Consumer<Set<String>>, AutoCloseable {
    private final CatalogProjection projection;
    private final ProductSearchIndex index = new ProductSearchIndex();

    public CatalogSearch(CatalogProjection projection) {
        this.projection = projection;
    }

    @Override
    public void accept(Set<String> changedProductIds) {
        List<SearchDocument> docs = new ArrayList<>();
        for (String id : changedProductIds) {
            projection.product(id).ifPresentOrElse(p -> docs.add(document(p)), () -> index.remove(id));
        }
        index.upsertAll(docs);
    }

    /** @see ProductSearchIndex#search */
    public SearchResult search(String query, SearchFilter filter, int limit, int offset) {
        return index.search(query, filter, limit, offset);
    }

    /** @return what the index holds about a product: its newest descriptor and value schema fields */
    static SearchDocument document(ProductView p) {
        ProductDescriptor d = p.descriptor();
        List<SchemaField> fields = new ArrayList<>();
        if (!p.versions().isEmpty()) {
            ProductView.Version newest = p.versions().get(p.versions().size() - 1);
            for (SchemaDocument s : newest.schemas()) {
                if (s.getRole() == SchemaRole.VALUE) {
                    collectFields(s.getSchemaText(), fields);
                }
            }
        }
        return new SearchDocument(
                p.id(),
                d.domain(),
                d.title(),
                d.description(),
                d.tags(),
                d.owner() == null ? null : d.owner().team(),
                d.owner() == null ? null : d.owner().email(),
                p.status().name(),
                d.classification() == null ? null : d.classification().yamlName(),
                fields);
    }

    private static void collectFields(String schemaText, List<SchemaField> into) {
        Schema schema;
        try {
            schema = new Schema.Parser().parse(schemaText);
        } catch (SchemaParseException | NullPointerException e) {
            return; // a schema with references cannot be parsed alone; the product is still found by its descriptor
        }
        walk(schema, "", into, new java.util.HashSet<>());
    }

    private static void walk(Schema schema, String prefix, List<SchemaField> into, Set<String> visiting) {
        switch (schema.getType()) {
            case RECORD -> {
                if (!visiting.add(schema.getFullName())) {
                    return;
                }
                for (Schema.Field f : schema.getFields()) {
                    String path = prefix.isEmpty() ? f.name() : prefix + "." + f.name();
                    into.add(new SchemaField(path, f.doc()));
                    walk(f.schema(), path, into, visiting);
                }
                visiting.remove(schema.getFullName());
            }
            case UNION -> schema.getTypes().forEach(t -> walk(t, prefix, into, visiting));
            case ARRAY -> walk(schema.getElementType(), prefix, into, visiting);
            case MAP -> walk(schema.getValueType(), prefix, into, visiting);
            default -> {}
        }
    }

    @Override
    public void close() {
        index.close();
    }
}
