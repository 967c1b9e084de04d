package io.meshwork.sdk.quality;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.cel.common.values.CelByteString;
import dev.cel.common.values.NullValue;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;

/**
 * Turns an Avro record into the value a CEL expression sees as {@code record}: a map from field name to value.
 *
 * <ul>
 *   <li>{@code int} and {@code long} are CEL {@code int}; {@code float} and {@code double} are {@code double};
 *   <li>strings and enum symbols are {@code string}; {@code bytes} and {@code fixed} are {@code bytes};
 *   <li>{@code decimal} is a {@code double} (CEL has no decimal type); {@code timestamp-*} is a {@code timestamp};
 *       {@code date}, {@code time-*} and {@code uuid} are their ISO text;
 *   <li>records and maps are maps, arrays are lists, and a null (an unset optional field) is {@code null}.
 * </ul>
 */
final class AvroCelValues {
    private static final Conversions.DecimalConversion DECIMALS = new Conversions.DecimalConversion();
    /** Resolves union branches of values in their logical-type form too (Instant, BigDecimal, LocalDate...). */
    private static final GenericData UNIONS = new GenericData();

    static {
        UNIONS.addLogicalTypeConversion(new Conversions.DecimalConversion());
        UNIONS.addLogicalTypeConversion(new Conversions.UUIDConversion());
        UNIONS.addLogicalTypeConversion(new TimeConversions.DateConversion());
        UNIONS.addLogicalTypeConversion(new TimeConversions.TimeMillisConversion());
        UNIONS.addLogicalTypeConversion(new TimeConversions.TimeMicrosConversion());
        UNIONS.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
        UNIONS.addLogicalTypeConversion(new TimeConversions.TimestampMicrosConversion());
        UNIONS.addLogicalTypeConversion(new TimeConversions.LocalTimestampMillisConversion());
        UNIONS.addLogicalTypeConversion(new TimeConversions.LocalTimestampMicrosConversion());
    }

    private AvroCelValues() {}

    /**
     * @return the record as a map of CEL values; a field is converted when an expression reads it, so a rule over one
     *     field of a wide record costs one conversion
     */
    static Map<String, Object> record(IndexedRecord record) {
        return new RecordView(record);
    }

    /** A read-only map view of a record whose values are converted on access. */
    private static final class RecordView extends AbstractMap<String, Object> {
        private final IndexedRecord record;
        private Set<Map.Entry<String, Object>> entries;

        RecordView(IndexedRecord record) {
            this.record = record;
        }

        @Override
        public Object get(Object key) {
            Schema.Field field = key instanceof String name ? record.getSchema().getField(name) : null;
            return field == null ? null : value(field.schema(), record.get(field.pos()));
        }

        @Override
        public boolean containsKey(Object key) {
            return key instanceof String name && record.getSchema().getField(name) != null;
        }

        @Override
        public int size() {
            return record.getSchema().getFields().size();
        }

        @Override
        public Set<Map.Entry<String, Object>> entrySet() {
            if (entries == null) {
                Map<String, Object> all = new LinkedHashMap<>();
                for (Schema.Field field : record.getSchema().getFields()) {
                    all.put(field.name(), value(field.schema(), record.get(field.pos())));
                }
                entries = all.entrySet();
            }
            return entries;
        }
    }

    private static Object value(Schema schema, Object value) {
        if (value == null) {
            return NullValue.NULL_VALUE;
        }
        switch (schema.getType()) {
            case UNION:
                return value(branch(schema, value), value);
            case RECORD:
                return value instanceof IndexedRecord r ? new RecordView(r) : String.valueOf(value);
            case ARRAY:
                List<Object> list = new ArrayList<>();
                for (Object element : (Collection<?>) value) {
                    list.add(value(schema.getElementType(), element));
                }
                return list;
            case MAP:
                Map<String, Object> map = new HashMap<>();
                for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                    map.put(String.valueOf(e.getKey()), value(schema.getValueType(), e.getValue()));
                }
                return map;
            default:
                return scalar(schema, value);
        }
    }

    /** @return the union branch a non-null value belongs to */
    private static Schema branch(Schema union, Object value) {
        Schema only = null;
        for (Schema s : union.getTypes()) {
            if (s.getType() != Schema.Type.NULL) {
                if (only != null) {
                    return union.getTypes().get(UNIONS.resolveUnion(union, value));
                }
                only = s;
            }
        }
        return only == null ? union.getTypes().get(0) : only;
    }

    private static Object scalar(Schema schema, Object value) {
        LogicalType logical = schema.getLogicalType();
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof LocalDateTime local) {
            return local.toInstant(ZoneOffset.UTC);
        }
        if (value instanceof LocalDate || value instanceof LocalTime || value instanceof UUID) {
            return value.toString();
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.doubleValue();
        }
        if (logical instanceof LogicalTypes.Decimal && (value instanceof ByteBuffer || value instanceof GenericFixed)) {
            BigDecimal decimal = value instanceof ByteBuffer buffer
                    ? DECIMALS.fromBytes(buffer.duplicate(), schema, logical)
                    : DECIMALS.fromFixed((GenericFixed) value, schema, logical);
            return decimal.doubleValue();
        }
        if (logical instanceof LogicalTypes.TimestampMillis && value instanceof Long millis) {
            return Instant.ofEpochMilli(millis);
        }
        if (logical instanceof LogicalTypes.TimestampMicros && value instanceof Long micros) {
            return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
        }
        if (value instanceof Integer i) {
            return i.longValue();
        }
        if (value instanceof Long || value instanceof Double || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        if (value instanceof CharSequence || value instanceof GenericEnumSymbol<?> || value instanceof Enum<?>) {
            return value.toString();
        }
        if (value instanceof ByteBuffer buffer) {
            ByteBuffer copy = buffer.duplicate();
            byte[] bytes = new byte[copy.remaining()];
            copy.get(bytes);
            return CelByteString.of(bytes);
        }
        if (value instanceof GenericFixed fixed) {
            return CelByteString.of(fixed.bytes().clone());
        }
        return value.toString();
    }
}
