package dev.continuum.pipeline.internal.builtin;

import dev.continuum.api.cloud.CloudMessage;
import dev.continuum.api.cloud.CloudPublisher;
import dev.continuum.api.pipeline.Component;
import dev.continuum.api.pipeline.ComponentContext;
import dev.continuum.api.pipeline.ComponentFactory;
import dev.continuum.api.pipeline.Emitter;
import dev.continuum.api.pipeline.PipelineException;
import dev.continuum.api.pipeline.Record;
import dev.continuum.api.pipeline.RetryLaterException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code publish}: hands each record to the durable outbox of the cloud route {@code route} (an endpoint's
 * name, e.g. {@code mec} or {@code cloud}, or a composite route such as {@code mec-then-cloud}; the older
 * {@code endpoint} property names the same thing), as a message on {@code topic} (fields become metrics; {@code ${field}} in the topic is replaced by the
 * field's value), QoS {@code qos} (default 1). While the endpoint is missing the record is kept and
 * retried (the input queue's policy applies); at most {@code maxInFlight} messages (default
 * {@value #DEFAULT_MAX_IN_FLIGHT}) await acceptance at once, after that the component waits (back-pressure). A
 * message the outbox refuses is logged as lost data.
 *
 * <p>The bound caps the component's rate at {@code maxInFlight} divided by the outbox's time to accept (its group
 * wait, commit and fsync under {@code GROUP_COMMIT}): with 1,000, an fsync of 100 ms on a busy disk held the
 * standard line's 10,000 results/s at its limit and a backlog formed upstream (docs/benchmarks.md, Standard line,
 * session 8). 5,000 covers fsyncs of up to ~0.5 s at that rate; each message waiting holds an estimated ~1 KB of heap (not measured).
 */
@org.osgi.service.component.annotations.Component(service = ComponentFactory.class,
        property = ComponentFactory.TYPE + "=publish")
public final class PublishFactory extends RecordsComponentFactory {

    public PublishFactory() {
        super(true);
    }

    /** Messages that may await the outbox's acceptance at once when {@code maxInFlight} is not set. */
    public static final int DEFAULT_MAX_IN_FLIGHT = 5000;

    private static final Logger LOG = LoggerFactory.getLogger(PublishFactory.class);
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]+)}");
    private final Map<String, CloudPublisher> routes = new ConcurrentHashMap<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addPublisher(CloudPublisher publisher, Map<String, Object> properties) {
        routes.put(route(properties), publisher);
    }

    void removePublisher(CloudPublisher publisher, Map<String, Object> properties) {
        routes.remove(route(properties), publisher);
    }

    private static String route(Map<String, Object> properties) {
        Object route = properties.get(CloudPublisher.ROUTE);
        return String.valueOf(route != null ? route : properties.get(CloudPublisher.ENDPOINT));
    }

    /** Waits for the outbox and retries while the route is missing. */
    @Override
    public boolean ownThread() {
        return true;
    }

    @Override
    public Component create(ComponentContext context) throws PipelineException {
        String endpoint = context.config().containsKey("route") ? context.required("route") : context.required("endpoint");
        String topic = context.required("topic");
        int qos = (int) context.number("qos", CloudMessage.DEFAULT_QOS);
        if (qos < 0 || qos > 2) {
            throw new PipelineException("component '" + context.name() + "': qos must be 0, 1 or 2, got " + qos);
        }
        double maxInFlight = context.number("maxInFlight", DEFAULT_MAX_IN_FLIGHT);
        if (maxInFlight < 1 || maxInFlight > 1_000_000 || maxInFlight != Math.rint(maxInFlight)) {
            throw new PipelineException("component '" + context.name() + "': maxInFlight must be a whole number from 1 to"
                    + " 1000000, got " + context.config().get("maxInFlight"));
        }
        boolean fixedTopic = !PLACEHOLDER.matcher(topic).find();
        Semaphore inFlight = new Semaphore((int) maxInFlight);
        return new Component() {
            @Override
            public void accept(Record record, Emitter out) throws RetryLaterException, InterruptedException {
                CloudPublisher publisher = routes.get(endpoint);
                if (publisher == null) {
                    throw new RetryLaterException("no cloud route '" + endpoint + "'");
                }
                CloudMessage.Builder message = CloudMessage.builder(fixedTopic ? topic : topic(topic, record)).qos(qos)
                        .timestamp(record.time().toEpochMilli());
                record.fields().forEach(message::metric);
                inFlight.acquire();
                publisher.publish(message.build()).whenComplete((accepted, error) -> {
                    inFlight.release();
                    if (error != null) {
                        LOG.error("pipeline {} component {}: a record was not accepted by endpoint {} and is lost: {}",
                                context.pipeline(), context.name(), endpoint, error.getMessage());
                    }
                });
            }
        };
    }

    static String topic(String template, Record record) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(result, Matcher.quoteReplacement(Values.text(record, matcher.group(1))));
        }
        matcher.appendTail(result);
        return result.toString();
    }
}
