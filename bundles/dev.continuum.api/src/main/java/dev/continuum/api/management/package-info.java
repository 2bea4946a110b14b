/** The gateway's management API as a service, for management transports other than HTTP (remote MQTT apps). */
@Version("1.1.0")
package dev.continuum.api.management;

import org.osgi.annotation.versioning.Version;
