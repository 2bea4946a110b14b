package dev.continuum.pipeline.internal.builtin;

import dev.continuum.api.data.TypedValue;
import dev.continuum.api.pipeline.PipelineException;
import dev.continuum.api.pipeline.Record;
import org.apache.commons.jexl3.JexlBuilder;
import org.apache.commons.jexl3.JexlContext;
import org.apache.commons.jexl3.JexlEngine;
import org.apache.commons.jexl3.JexlException;
import org.apache.commons.jexl3.JexlExpression;
import org.apache.commons.jexl3.JexlFeatures;
import org.apache.commons.jexl3.introspection.JexlPermissions;

/**
 * A filter or transform expression in Apache Commons JEXL, sandboxed: no loops, no side effects, no object
 * creation, no lambdas, no method calls and restricted introspection, so evaluation is bounded by the
 * expression's size and cannot reach Java objects. Compiled once.
 *
 * <p>Variables are the record's fields ({@code value}, {@code channel}, {@code score}, ...) and {@code time}
 * (milliseconds since the epoch). Example: {@code status == 'GOOD' && value > 80}.
 */
final class Expression {

    private static final JexlFeatures FEATURES = new JexlFeatures()
            .loops(false).sideEffect(false).sideEffectGlobal(false).newInstance(false).lambda(false)
            .methodCall(false).pragma(false).annotation(false).script(false);
    private static final JexlEngine ENGINE = new JexlBuilder().features(FEATURES)
            .permissions(JexlPermissions.RESTRICTED).strict(true).safe(false).silent(false).cache(512).create();

    private final String text;
    private final JexlExpression compiled;

    private Expression(String text, JexlExpression compiled) {
        this.text = text;
        this.compiled = compiled;
    }

    static Expression compile(String component, String key, String text) throws PipelineException {
        try {
            return new Expression(text, ENGINE.createExpression(text));
        } catch (JexlException e) {
            throw new PipelineException("component '" + component + "': " + key + " '" + text + "' does not compile: "
                    + e.getMessage());
        }
    }

    /** The value of the expression for {@code record}; a missing field is an error, as is any evaluation error. */
    Object evaluate(Record record) {
        return compiled.evaluate(new RecordContext(record));
    }

    boolean test(Record record) {
        Object result = evaluate(record);
        if (result instanceof Boolean bool) {
            return bool;
        }
        throw new IllegalArgumentException("expression '" + text + "' gave " + result + ", not true or false");
    }

    private record RecordContext(Record record) implements JexlContext {
        @Override
        public Object get(String name) {
            if (name.equals("time")) {
                return record.time().toEpochMilli();
            }
            TypedValue value = record.field(name);
            return value == null ? null : value.value();
        }

        @Override
        public void set(String name, Object value) {
            throw new UnsupportedOperationException("expressions cannot assign");
        }

        @Override
        public boolean has(String name) {
            return name.equals("time") || record.fields().containsKey(name);
        }
    }
}
