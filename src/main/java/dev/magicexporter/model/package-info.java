/**
 * Immutable records of the Cloudflare API objects. Depends on nothing of this project (Jackson
 * annotations at most); unknown fields are ignored and missing optional fields stay absent (null,
 * never 0).
 */
package dev.magicexporter.model;
