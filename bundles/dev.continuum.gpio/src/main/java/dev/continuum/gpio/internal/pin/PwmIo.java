package dev.continuum.gpio.internal.pin;

import com.pi4j.context.Context;
import com.pi4j.io.pwm.Pwm;
import com.pi4j.io.pwm.PwmType;
import dev.continuum.api.data.TypedValue;
import dev.continuum.api.driver.ChannelReading;
import dev.continuum.api.driver.WriteResult;
import java.time.Instant;

/** Hardware PWM: the value is the duty cycle in percent (0 turns it off), at {@code pwm.frequency}; off when released. */
final class PwmIo extends PinIo {

    private final Pwm pwm;

    PwmIo(ChannelSpec spec, Context context, String provider, int address) {
        super(spec, context);
        this.pwm = context.create(Pwm.newConfigBuilder(context).id(ioId).name(spec.channel()).address(address)
                .pwmType(PwmType.HARDWARE).frequency(spec.pwmFrequency()).dutyCycle(0).initial(0).shutdown(0)
                .provider(provider).build());
    }

    @Override
    public ChannelReading read() {
        return good(number(pwm.isOn() ? pwm.getDutyCycle() : 0), Instant.now());
    }

    @Override
    public synchronized WriteResult write(TypedValue value) {
        double duty = value.isNumeric() ? value.asDouble() : Double.NaN;
        if (!(duty >= 0 && duty <= 100)) {
            return WriteResult.failed(spec.channel(), "cannot write " + value + " to PWM pin " + spec.pin()
                    + "; accepted: a duty cycle in percent from 0 to 100");
        }
        if (duty == 0) {
            pwm.off();
        } else {
            pwm.on(duty, spec.pwmFrequency());
        }
        publish(good(number(duty), Instant.now()));
        return WriteResult.ok(spec.channel());
    }

    @Override
    public synchronized void close() {
        pwm.off();
        super.close();
    }
}
