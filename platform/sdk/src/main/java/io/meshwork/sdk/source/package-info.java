/** Reading raw source records strictly, with errors that name the field: what a domain's parser is built on. */
package io.meshwork.sdk.source;
