package io.meshwork.sdk.serde.internal;

import java.io.OutputStream;
import java.util.Arrays;

/**
 * A reusable byte buffer that leaves room for the 5-byte wire prefix, for one thread's serializations. Not part of the
 * public API.
 */
public final class GrowableBuffer extends OutputStream {
    private static final int INITIAL = 256;
    private static final int KEEP_AT_MOST = 1 << 20;

    private byte[] bytes = new byte[INITIAL];
    private int count;

    /** Empties the buffer, keeping room for the prefix; a buffer grown past 1 MiB is let go. */
    public void resetForPrefix() {
        if (bytes.length > KEEP_AT_MOST) {
            bytes = new byte[INITIAL];
        }
        count = WireFormat.PREFIX_LENGTH;
    }

    @Override
    public void write(int b) {
        ensure(count + 1);
        bytes[count++] = (byte) b;
    }

    @Override
    public void write(byte[] source, int offset, int length) {
        ensure(count + length);
        System.arraycopy(source, offset, bytes, count, length);
        count += length;
    }

    /**
     * Writes the prefix for {@code schemaId} and returns a copy of prefix and datum.
     *
     * @param schemaId the schema id
     * @return the serialized record
     */
    public byte[] toPrefixedArray(int schemaId) {
        WireFormat.writePrefix(bytes, 0, schemaId);
        return Arrays.copyOf(bytes, count);
    }

    /**
     * Returns a copy of the datum alone, without the room kept for the prefix (for the header schema-id form).
     *
     * @return the bare datum
     */
    public byte[] toDatumArray() {
        return Arrays.copyOfRange(bytes, WireFormat.PREFIX_LENGTH, count);
    }

    private void ensure(int capacity) {
        if (capacity > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(capacity, bytes.length * 2));
        }
    }
}
