/**
 * The schema changelog: every difference between two versions of an Avro schema, field by field, classified
 * as breaking, warning or info under a compatibility level. Start at {@link
 * io.meshwork.governance.changelog.SchemaChangelog}.
 */
package io.meshwork.governance.changelog;
