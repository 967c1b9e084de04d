/** Record-level quality rules of a data product: CEL expressions from the descriptor, evaluated per record. */
package io.meshwork.sdk.quality;
