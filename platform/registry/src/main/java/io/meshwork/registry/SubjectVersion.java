package io.meshwork.registry;

/**
 * One version of a subject.
 *
 * @param subject the subject
 * @param version the version number, from 1, never reused
 * @param schemaId the global id of its schema
 * @param deleted whether it is soft-deleted
 */
public record SubjectVersion(String subject, int version, int schemaId, boolean deleted) {}
