package dev.continuum.inference.remote.internal;

import dev.continuum.api.inference.Window;
import dev.continuum.cloud.mqtt.kura.KuraResponder;
import java.util.List;

/** One request's windows, waiting to be scored, and where its reply goes. */
record Job(String model, List<Window> windows, KuraResponder responder) {
}
