/**
 * The gateway's data model: typed values and the samples that carry them from drivers to pipelines.
 *
 * <p>The types match Eclipse Kura's channel data types (BOOLEAN, BYTE_ARRAY, DOUBLE, INTEGER, LONG,
 * FLOAT, STRING) so that Kura's ASSET-V1 protocol and asset configurations map one to one.
 */
@Version("1.1.0")
package dev.continuum.api.data;

import org.osgi.annotation.versioning.Version;
